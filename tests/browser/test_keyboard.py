"""The pages work with the keyboard alone: skip link, the portal's login and the admin's."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import focused, tab_to_id, wait_for_path

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_main(page, axe, content):
    page.goto("/")
    page.keyboard.press("Tab")
    element = focused(page)
    assert "skip-link" in element["cls"], element
    assert element["text"] == "Hoppa till huvudinnehållet"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["width"] > 1 and box["height"] > 1, "hopplänken syns inte när den har fokus"
    page.keyboard.press("Enter")
    assert focused(page)["tag"] == "main"
    assert page.url.endswith("#huvudinnehall")
    axe(page)


def test_a_user_logs_in_with_the_keyboard_alone(page, axe, transactional_db):
    get_user_model().objects.create_user("anna", "", PASSWORD, first_name="Anna")
    page.goto(reverse("login"))
    axe(page)
    tab_to_id(page, "id_username")
    page.keyboard.type("anna")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, reverse("home"))
    assert "Inloggad som Anna" in page.locator("header").inner_text()
    axe(page)


def test_a_wrong_password_is_announced_and_passes_axe(page, axe, transactional_db):
    get_user_model().objects.create_user("anna", "", PASSWORD)
    page.goto(reverse("login"))
    tab_to_id(page, "id_username")
    page.keyboard.type("anna")
    page.keyboard.press("Tab")
    page.keyboard.type("fel")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Ange ett korrekt användarnamn och lösenord")
    axe(page)


def test_an_administrator_logs_in_to_the_admin_with_the_keyboard_alone(page, axe, transactional_db):
    get_user_model().objects.create_superuser("chef", "", PASSWORD)
    page.goto(reverse("admin:login"))
    axe(page)
    tab_to_id(page, "id_username")
    page.keyboard.type("chef")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, reverse("admin:index"))
    assert "Innehåll och register" in page.locator("#content").inner_text()
    axe(page)
