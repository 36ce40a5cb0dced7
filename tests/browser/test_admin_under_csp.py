"""The Django admin works under the production Content-Security-Policy: its scripts load from
static files, a change form saves, and no page logs a refused script or style."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import wait_for_path

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"


def log_in_to_admin(page):
    get_user_model().objects.create_superuser("chef", "", PASSWORD)
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "chef")
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    wait_for_path(page, reverse("admin:index"))


def test_an_administrator_edits_an_area_in_the_admin_under_the_policy(page, content):
    from mandates.models import MandateArea

    area = MandateArea.objects.get(slug="barn-som-far-illa")
    log_in_to_admin(page)
    change_url = reverse("admin:mandates_mandatearea_change", args=[area.pk])
    page.goto(change_url)
    assert page.evaluate("() => typeof window.django === 'object'"), "adminens skript laddades inte"
    page.fill("#id_summary", "Ny sammanfattning från adminen.")
    page.locator("input[name=_continue]").click()
    wait_for_path(page, change_url)
    expect(page.locator(".messagelist")).to_be_visible()
    area.refresh_from_db()
    assert area.summary == "Ny sammanfattning från adminen."
    assert not page.problems.csp_violations


def test_the_area_change_form_passes_axe(page, axe, content):
    from mandates.models import MandateArea

    log_in_to_admin(page)
    area = MandateArea.objects.get(slug="barn-som-far-illa")
    page.goto(reverse("admin:mandates_mandatearea_change", args=[area.pk]))
    axe(page)


@pytest.mark.parametrize(
    "admin_url",
    [
        "admin:organisation_unit_add",
        "admin:checklists_regionevent_add",
        "admin:training_trainingsession_add",
    ],
)
def test_an_add_form_with_tabular_rows_passes_axe_also_after_adding_a_row(page, axe, admin_url):
    log_in_to_admin(page)
    page.goto(reverse(admin_url))
    axe(page)
    rows = page.locator(".tabular tbody tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator(".tabular .add-row a").first.click()
    expect(rows).to_have_count(before + 1)
    new_row_input = rows.nth(before).locator("input:not([type=hidden]), select").first
    label_for = page.evaluate(
        "element => element.labels.length ? element.labels[0].htmlFor : ''",
        new_row_input.element_handle(),
    )
    assert label_for and "__prefix__" not in label_for, "den nya radens etikett numrerades inte"
    axe(page)
