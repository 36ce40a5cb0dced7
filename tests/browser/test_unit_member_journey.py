"""Journey (b): a unit member logs in, ticks three items, sees the progress bars move without a
reload, reloads, and the state stays. axe runs on every page on the way."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import tab_to_id, url_of, wait_for_path

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"


@pytest.fixture
def member_unit(content):
    from checklists.selectors import current_year
    from checklists.services import assessment_start_year
    from organisation.models import Membership, Unit

    unit = Unit.objects.create(
        name="Vårdcentralen Teleborg", kind="vardcentral", municipality_id="vaxjo"
    )
    user = User.objects.create_user("maria", "", PASSWORD, first_name="Maria")
    Membership.objects.create(unit=unit, user=user, role="medarbetare")
    year = current_year()
    assessment_start_year(unit=unit, year=year, by=user, copy_previous=False)
    return unit, year


def log_in_with_keyboard(page, axe, username):
    page.goto(reverse("login"))
    axe(page)
    tab_to_id(page, "id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, reverse("home"))


def test_a_member_ticks_three_items_and_the_progress_survives_a_reload(page, axe, member_unit):
    from checklists.models import ItemAssessment
    from mandates.models import ChecklistItem

    unit, year = member_unit
    units_url = url_of("checklists:unit_list")
    log_in_with_keyboard(page, axe, "maria")
    axe(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Beredskap").click()
    wait_for_path(page, units_url)
    axe(page)
    page.get_by_role("link", name=unit.name).click()
    wait_for_path(page, unit.get_absolute_url())
    axe(page)

    items = list(ChecklistItem.objects.published().order_by("area__order", "order")[:3])
    total = ChecklistItem.objects.published().count()
    page.evaluate("window.__sameDocument = true")
    overall = page.locator("#progress-overall-text")
    for done, item in enumerate(items, start=1):
        page.locator(f"#status-{item.pk}-klar").check()
        page.locator(f"#punkt-{item.pk} button[type=submit]").click()
        percent = round(100 * done / total)
        expect(overall).to_have_text(f"{done} av {total} klara ({percent} %)")
        assert page.locator("#progress-overall").evaluate("e => e.value") == done
    assert page.evaluate("window.__sameDocument") is True, "sidan laddades om vid sparandet"
    axe(page)

    page.reload()
    assert page.evaluate("window.__sameDocument") is None
    expect(overall).to_have_text(f"3 av {total} klara ({round(300 / total)} %)")
    for item in items:
        expect(page.locator(f"#status-{item.pk}-klar")).to_be_checked()
    assert page.locator("#progress-overall").evaluate("e => e.value") == 3
    saved = ItemAssessment.objects.filter(assessment__unit=unit, assessment__year=year)
    assert sorted(saved.filter(status="klar").values_list("item_id", flat=True)) == sorted(
        i.pk for i in items
    )
    axe(page)
