"""The report form in a real browser under the production CSP: axe in each state, and the
keyboard never lands on the honeypot."""

import pytest

from familjeombud.forms import MSG_DESCRIPTION_REQUIRED
from familjeombud.models import AccessibilityReport
from familjeombud.pages.views import MSG_REPORT_SENT
from tests.browser.helpers import focused

pytestmark = pytest.mark.browser


@pytest.fixture
def shipped_pages(transactional_db):
    from django.core.management import call_command

    from .conftest import SITE_PAGES_FIXTURE

    call_command("loaddata", SITE_PAGES_FIXTURE, verbosity=0)


def test_a_visitor_reports_a_problem_by_keyboard_and_every_state_passes_axe(
    page,
    axe,
    shipped_pages,
):
    page.goto("/tillganglighet/?sida=/stodpaket/")
    axe(page)
    assert page.get_by_label("Sidans adress").input_value() == "/stodpaket/"

    page.get_by_role("button", name="Skicka meddelandet").click()
    page.wait_for_load_state("load")
    assert MSG_DESCRIPTION_REQUIRED in page.locator("main").inner_text()
    axe(page)
    assert AccessibilityReport.objects.count() == 0

    page.get_by_label("Sidans adress").focus()
    visited = []
    for _ in range(8):
        page.keyboard.press("Tab")
        element = focused(page)
        visited.append(element["name"] or element["tag"])
        if element["tag"] == "button":
            break
    assert "webbplats" not in visited
    assert visited[:4] == ["kinds", "kinds", "description", "email"]

    page.get_by_label("Jag vill få innehåll i en tillgänglig version").check()
    page.get_by_label("Beskrivning").fill("Jag behöver checklistan som webbsida.")
    page.get_by_role("button", name="Skicka meddelandet").click()
    page.wait_for_load_state("load")
    assert MSG_REPORT_SENT in page.locator("main").inner_text()
    axe(page)
    report = AccessibilityReport.objects.get()
    assert report.wants_accessible_version and report.page == "/stodpaket/"


def test_the_personal_data_notice_passes_axe(page, axe, shipped_pages):
    page.goto("/personuppgifter/")
    axe(page)
