"""The unit page and the dashboard in a real browser, under the production CSP: ticking an item
with the keyboard saves without a reload, moves the progress bars and is announced."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from checklists.models import ItemAssessment
from checklists.services import assessment_start_year
from mandates.models import ChecklistItem
from organisation.models import Membership, Unit
from organisation.roles import strateg_group
from tests.browser.helpers import focused

# page, axe, content and the session's browser come from tests/browser (see conftest.py).

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"


def log_in(page, username):
    page.goto(reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state("load")


@pytest.fixture
def member_unit(content):
    unit = Unit.objects.create(
        name="Vårdcentralen Test", kind="vardcentral", municipality_id="vaxjo"
    )
    user = User.objects.create_user("frida", "", PASSWORD, first_name="Frida")
    Membership.objects.create(unit=unit, user=user, role="familjeombud", days_per_month=2)
    assessment_start_year(unit=unit, year=2026, by=user, copy_previous=False)
    return unit


def test_a_member_ticks_items_with_the_keyboard_and_the_progress_moves_without_a_reload(
    page,
    axe,
    member_unit,
):
    log_in(page, "frida")
    page.goto(reverse("checklists:unit_detail", args=[member_unit.pk]) + "?ar=2026")
    axe(page)
    page.evaluate("window.__noReload = true")
    first = ChecklistItem.objects.order_by("area__order", "order").first()

    page.locator(f"#status-{first.pk}-ej_paborjad").focus()
    for _ in range(2):  # Ej påbörjad -> Pågår -> Klar with the arrow keys
        page.keyboard.press("ArrowRight")
    assert focused(page)["id"] == f"status-{first.pk}-klar"
    page.keyboard.press("Tab")  # reason
    page.keyboard.press("Tab")  # comment
    page.keyboard.type("Utbildning i mars")
    page.keyboard.press("Tab")  # save
    page.keyboard.press("Enter")

    expect(page.locator("#progress-overall-text")).to_have_text("1 av 15 klara (7 %)")
    expect(page.locator("#progress-area-barnets-rattigheter-text")).to_have_text(
        "1 av 3 klara (33 %)"
    )
    expect(page.locator("#checklist-announcer")).to_contain_text("Sparat: Klar.")
    assert page.evaluate("window.__noReload") is True
    assert page.locator("#progress-overall").evaluate("e => [e.value, e.max]") == [1, 15]
    expect(page.locator(f"#history-{first.pk} li")).to_have_count(1)
    entry = ItemAssessment.objects.get(assessment__unit=member_unit, item=first)
    assert (entry.status, entry.comment) == ("klar", "Utbildning i mars")
    axe(page)


def test_a_missing_reason_is_shown_and_announced_without_saving(page, member_unit):
    log_in(page, "frida")
    page.goto(reverse("checklists:unit_detail", args=[member_unit.pk]) + "?ar=2026")
    item = ChecklistItem.objects.order_by("area__order", "order")[1]
    page.locator(f"#status-{item.pk}-ej_aktuell").check()
    assert page.locator(f"#reason-{item.pk}").get_attribute("aria-required") == "true"
    page.locator(f"#reason-{item.pk}").fill("   ")  # passes the browser's check, not ours
    page.locator(f"#punkt-{item.pk} button[type=submit]").click()
    expect(page.locator(f"#error-{item.pk}")).to_have_text(
        "Skriv ett skäl när punkten är Ej aktuell för verksamheten."
    )
    expect(page.locator("#checklist-announcer")).to_contain_text("Skriv ett skäl")
    assert ItemAssessment.objects.get(assessment__unit=member_unit, item=item).status == (
        "ej_paborjad"
    )


def test_the_region_dashboard_passes_axe(page, axe, member_unit):
    user = User.objects.create_user("stina", "", PASSWORD)
    user.groups.add(strateg_group())
    log_in(page, "stina")
    page.goto(reverse("checklists:dashboard") + "?ar=2026")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("table.heatmap")).to_contain_text("Vårdcentralen Test")
    axe(page)


def test_after_many_saves_the_unit_page_lists_the_latest_changes_and_links_to_all(
    page, axe, member_unit, tmp_path
):
    from checklists.models import Assessment
    from checklists.selectors import HISTORY_SHOWN
    from checklists.services import assessment_set_status

    user = User.objects.get(username="frida")
    first = ChecklistItem.objects.order_by("area__order", "order").first()
    assessment = Assessment.objects.get(unit=member_unit, year=2026)
    for n in range(12):
        assessment_set_status(
            assessment=assessment, item=first, by=user, status="pagar", reason="",
            comment=f"Ändring {n}",
        )  # fmt: skip
    log_in(page, "frida")
    page.goto(reverse("checklists:unit_detail", args=[member_unit.pk]) + "?ar=2026")
    history = page.locator(f"#punkt-{first.pk} details.entry-history")
    history.locator("summary").click()
    expect(page.locator(f"#history-{first.pk} li")).to_have_count(HISTORY_SHOWN)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        history.scroll_into_view_if_needed()
        page.screenshot(path=tmp_path / f"historik-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe(page)
    history.get_by_role("link", name="Visa hela historiken (12 ändringar)").click()
    expect(page.locator(f"#history-{first.pk} li")).to_have_count(12)


def test_two_items_changed_and_one_saved_the_other_is_marked_and_leaving_asks_first(
    page, member_unit
):
    log_in(page, "frida")
    page.goto(reverse("checklists:unit_detail", args=[member_unit.pk]) + "?ar=2026")
    first, second = ChecklistItem.objects.order_by("area__order", "order")[:2]
    page.locator(f"#comment-{first.pk}").fill("Första")
    page.locator(f"#comment-{second.pk}").fill("Andra")
    expect(page.locator(f"#unsaved-{first.pk}")).to_be_visible()
    expect(page.locator(f"#unsaved-{second.pk}")).to_be_visible()
    page.locator(f"#punkt-{first.pk} button[type=submit]").click()
    expect(page.locator(f"#unsaved-{first.pk}")).to_be_hidden()
    expect(page.locator(f"#unsaved-{second.pk}")).to_have_text("Ändrad men inte sparad.")
    assert ItemAssessment.objects.get(item=first).comment == "Första"

    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    with page.expect_event("dialog"):
        page.evaluate("() => { window.location.href = '/'; }")
    assert dialogs == ["beforeunload"]
    assert ItemAssessment.objects.get(item=second).comment == ""
