"""The duplicate-case warning and the list of cases without activity, in the browser at 390
and 1280 px: axe finds nothing, the page never scrolls sideways, and the warning's box is
reached and ticked with the keyboard before the case is created."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from .helpers import kb_set, kb_submit, url_of, wait_for_path

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"


@pytest.fixture
def clinician(content):
    group, _ = Group.objects.get_or_create(name="Kliniker")
    group.permissions.add(
        Permission.objects.get(codename="add_case", content_type__app_label="samverkan")
    )
    user = User.objects.create_user("karin", "", PASSWORD, first_name="Karin")
    user.groups.add(group)
    return user


def no_sideways_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} rullar i sidled ({width} px)"


def test_the_duplicate_warning_and_the_stale_list_at_both_widths(page, axe, clinician):
    from samverkan.models import AuditEntry, Case
    from samverkan.services import cases as cs

    existing = cs.case_create(
        actor=clinician, child_name="Signe", child_personnummer="20150612-2389"
    )
    then = timezone.now() - datetime.timedelta(days=400)
    Case.objects.filter(pk=existing.pk).update(updated_at=then)
    AuditEntry.objects.filter(case=existing).update(when=then)
    page.goto(url_of("login"))
    page.fill("#id_username", "karin")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    wait_for_path(page, url_of("home"))
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url_of("samverkan:case_create"))
        kb_set(page, "id_child_name", "Signe")
        kb_set(page, "id_child_personnummer", "150612-2389")
        kb_set(page, "id_unit_name", "BUP Växjö")
        kb_set(page, "id_unit_phone", "0470-58 80 00")
        kb_submit(page, "Skapa ärende")
        page.wait_for_selector(".duplicate-warning")
        axe(page)
        no_sideways_scroll(page)
        page.goto(url_of("samverkan:stale_cases"))
        assert existing.short_ref in page.inner_text("main")
        axe(page)
        no_sideways_scroll(page)
    page.goto(url_of("samverkan:case_create"))
    kb_set(page, "id_child_name", "Signe")
    kb_set(page, "id_child_personnummer", "150612-2389")
    kb_set(page, "id_unit_name", "BUP Växjö")
    kb_set(page, "id_unit_phone", "0470-58 80 00")
    kb_submit(page, "Skapa ärende")
    page.wait_for_selector(".duplicate-warning")
    kb_set(page, "id_duplicate_confirmed")
    kb_submit(page, "Skapa ett nytt ärende ändå")
    page.wait_for_selector("text=Ärendet är skapat")
    assert Case.objects.count() == 2
