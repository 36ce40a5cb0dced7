"""Open cases without activity for SAMVERKAN_STALE_AFTER_DAYS (default 365) are listed to
their clinician and colleagues for closing; activity is defined once
(CaseQuerySet.with_last_activity): the last change to the case or any of its parts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from automation import reminders
from automation.models import ReminderKind
from samverkan.models import AuditEntry, Case
from samverkan.services import cases as cs
from samverkan.services import reading

pytestmark = pytest.mark.django_db

STALE = reverse("samverkan:stale_cases")


def idle(case, days):
    """As if nothing had happened in the case for `days` days."""
    then = timezone.now() - datetime.timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(updated_at=then, created_at=then)
    AuditEntry.objects.filter(case=case).update(when=then)
    return then


def listed(client):
    return [c.pk for c in client.get(STALE).context["stale_cases"]]


def test_a_case_without_activity_for_twelve_months_is_listed_with_its_last_activity_and_close_link(
    client, activated_case, clinician, settings
):
    assert settings.SAMVERKAN_STALE_AFTER_DAYS == 365
    then = idle(activated_case, 366)
    client.force_login(clinician)
    response = client.get(STALE)
    assert [c.pk for c in response.context["stale_cases"]] == [activated_case.pk]
    page = response.content.decode()
    day = timezone.localdate(then).isoformat()
    assert f'senaste aktivitet <span class="text-nowrap">{day}</span>' in page
    assert reverse("samverkan:close", kwargs={"pk": activated_case.pk}) in page
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )


def test_a_case_with_activity_within_the_time_is_not_listed(client, activated_case, clinician):
    idle(activated_case, 364)
    client.force_login(clinician)
    assert listed(client) == []
    assert "Inga öppna ärenden saknar aktivitet." in client.get(STALE).content.decode()


def test_a_change_to_a_part_of_the_case_is_activity_though_the_case_row_is_untouched(
    client, activated_case, clinician
):
    idle(activated_case, 400)
    before = Case.objects.get(pk=activated_case.pk).updated_at
    cs.case_set_custody(case=activated_case, actor=clinician, custody="two")
    Case.objects.filter(pk=activated_case.pk).update(updated_at=before)  # only the part moved
    cs.case_add_guardian(case=activated_case, actor=clinician, name="Vera")
    assert Case.objects.get(pk=activated_case.pk).updated_at == before
    client.force_login(clinician)
    assert listed(client) == []


def test_reading_a_case_is_not_activity(client, activated_case, clinician):
    idle(activated_case, 400)
    client.force_login(clinician)
    client.get(reverse("samverkan:case_detail", kwargs={"pk": activated_case.pk}))
    assert listed(client) == [activated_case.pk]


def test_closed_cases_are_never_listed(client, activated_case, clinician):
    cs.case_close(case=activated_case, actor=clinician, reason="Klart")
    idle(activated_case, 400)
    client.force_login(clinician)
    assert listed(client) == []


def test_the_time_is_configurable(client, activated_case, clinician, settings):
    idle(activated_case, 40)
    client.force_login(clinician)
    assert listed(client) == []
    settings.SAMVERKAN_STALE_AFTER_DAYS = 30
    assert listed(client) == [activated_case.pk]


def test_only_cases_the_user_may_see_are_listed_colleagues_included(
    client, activated_case, clinician, make_clinician
):
    colleague, stranger = make_clinician("kollegan"), make_clinician("annan")
    cs.case_add_member(case=activated_case, actor=clinician, colleague=colleague)
    idle(activated_case, 400)
    client.force_login(colleague)
    assert listed(client) == [activated_case.pk]
    client.force_login(stranger)
    assert listed(client) == []


def test_the_list_is_audited_as_a_view_of_the_listed_cases(client, activated_case, clinician):
    idle(activated_case, 400)
    client.force_login(clinician)
    client.get(STALE)
    entry = AuditEntry.objects.get(case=activated_case, detail=reading.STALE_LIST_VIEWED)
    assert entry.action == "viewed" and entry.who == clinician


def test_the_case_list_points_to_the_stale_cases(client, activated_case, clinician):
    client.force_login(clinician)
    assert STALE not in client.get(reverse("samverkan:case_list")).content.decode()
    idle(activated_case, 400)
    page = client.get(reverse("samverkan:case_list")).content.decode()
    assert "1 öppet ärende har ingen aktivitet sedan länge." in page and STALE in page


def test_the_weekly_reminder_reads_the_same_rule_and_leads_to_the_list(activated_case, clinician):
    now = timezone.now()
    assert not reminders.stale_cases(clinician, now)
    then = idle(activated_case, 400)
    (reminder,) = reminders.stale_cases(clinician, now)
    assert reminder.kind == ReminderKind.STALE_CASES and reminder.url == STALE
    day = reminders._date(timezone.localdate(then))
    assert reminder.text == (
        f"Ärende {activated_case.short_ref} har ingen aktivitet sedan {day}: avsluta det om "
        "det är klart"
    )
    assert activated_case.child_name not in reminder.text
