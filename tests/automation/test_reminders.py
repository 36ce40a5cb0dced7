"""Reminders: what each person is reminded of, the e-mail that says only that there is
something to look at (received by a real SMTP server), one message a day, and the choices."""

import datetime

import pytest

from automation import jobs
from automation.mail import REMINDER_SUBJECT
from automation.models import ReminderKind, ReminderMail, ReminderOptOut
from automation.reminders import reminders_for
from automation.services import reminder_settings_save
from checklists.models import Assessment
from samverkan.models import AuditEntry, Case

from .conftest import NOW, SECRET_WORDS


def make_stale(case):
    """No activity (samverkan's definition: no change to the case or its parts) for longer
    than SAMVERKAN_STALE_AFTER_DAYS."""
    then = NOW - datetime.timedelta(days=400)
    Case.objects.filter(pk=case.pk).update(updated_at=then)
    AuditEntry.objects.filter(case=case).update(when=then)


pytestmark = pytest.mark.django_db

K = ReminderKind


def label(kind) -> str:
    return str(kind.label)


def kinds(reminders):
    return [r.kind for r in reminders]


def test_a_clinician_is_reminded_of_the_next_meeting_and_an_overdue_plan_action(world):
    found = reminders_for(world.clinician, NOW)
    assert kinds(found) == [K.MEETING_SOON, K.PLAN_ACTIONS_DUE]
    assert found[1].overdue
    assert world.case.short_ref in found[0].text and "12 mars 2026 kl. 06.45" in found[0].text
    # A colleague the clinician added shares the case, and so its reminders.
    assert kinds(reminders_for(world.colleague, NOW)) == [K.MEETING_SOON, K.PLAN_ACTIONS_DUE]


def test_the_meeting_is_reminded_of_only_a_few_days_before(world):
    early, late = NOW - datetime.timedelta(days=2), NOW - datetime.timedelta(days=0.9)
    assert K.MEETING_SOON not in kinds(reminders_for(world.clinician, early))
    assert K.MEETING_SOON in kinds(reminders_for(world.clinician, late))


def test_the_familjeombud_and_the_unit_head_get_the_units_reminders_and_a_member_none(world):
    for user in (world.familjeombud, world.head):
        found = reminders_for(user, NOW)
        assert kinds(found) == [
            K.TRAINING_ACTIONS_DUE,
            K.READINESS_NOT_STARTED,
            K.NETWORK_MEETING_SOON,
        ]
        assert "Vårdcentralen Lönnen" in found[1].text and "2026" in found[1].text
    assert reminders_for(world.member, NOW) == []


def test_the_readiness_reminder_waits_for_the_configured_date_and_ends_once_started(
    world, settings
):
    settings.REMINDER_READINESS_FROM = "03-11"
    assert K.READINESS_NOT_STARTED not in kinds(reminders_for(world.head, NOW))
    settings.REMINDER_READINESS_FROM = "03-10"
    assert K.READINESS_NOT_STARTED in kinds(reminders_for(world.head, NOW))
    Assessment.objects.create(unit=world.unit, year=2026, created_by=world.head)
    assert K.READINESS_NOT_STARTED not in kinds(reminders_for(world.head, NOW))


def test_a_closed_case_reminds_nobody(world):
    Case.objects.filter(pk=world.case.pk).update(state="closed")
    assert reminders_for(world.clinician, NOW) == []


def test_a_kind_turned_off_is_neither_shown_nor_mailed(world, smtp):
    reminder_settings_save(user=world.clinician, enabled={K.PLAN_ACTIONS_DUE})
    assert kinds(reminders_for(world.clinician, NOW)) == [K.PLAN_ACTIONS_DUE]
    reminder_settings_save(user=world.clinician, enabled=set())
    assert reminders_for(world.clinician, NOW) == []
    jobs.reminders(NOW)
    assert smtp.to(world.clinician.email) == []
    assert len(smtp.to(world.colleague.email)) == 1


def test_the_daily_mail_goes_to_each_person_with_something_to_look_at(world, smtp):
    assert jobs.reminders(NOW) == "4 påminnelser skickade"
    recipients = sorted(r for m in smtp.messages for r in m.recipients)
    assert recipients == sorted(
        u.email for u in (world.clinician, world.colleague, world.familjeombud, world.head)
    )
    for message in smtp.messages:
        assert len(message.recipients) == 1
        assert message.subject == REMINDER_SUBJECT
        assert "http://testserver/" in message.text
        assert "http://testserver/paminnelser/" in message.text
    clinician = smtp.to(world.clinician.email)[0].text
    assert label(K.MEETING_SOON) in clinician and label(K.PLAN_ACTIONS_DUE) in clinician
    assert label(K.TRAINING_ACTIONS_DUE) not in clinician


def test_no_message_names_a_child_a_case_a_meeting_or_a_unit(world, smtp):
    jobs.reminders(NOW)
    make_stale(world.case)
    ReminderMail.objects.all().delete()
    jobs.stale_cases(NOW)
    assert len(smtp.messages) == 6
    forbidden = [
        *SECRET_WORDS,
        world.case.short_ref,
        str(world.case.pk),
        "Rum Alva",
        "Lästräning",
        "Vårdcentralen Lönnen",
        "Lönnen",
        "fikarummet",
        "Nätverksträff i Växjö",
        "12 mars",
    ]
    for message in smtp.messages:
        decoded, raw = message.text, message.raw.decode("utf-8", "replace")
        for word in forbidden:
            assert word not in decoded and word not in raw, (word, message.recipients)


def test_at_most_one_message_a_day_whichever_job_runs(world, smtp):
    make_stale(world.case)
    monday = NOW - datetime.timedelta(days=1)
    assert jobs.stale_cases(monday) == "2 påminnelser skickade"  # the case's two people
    assert jobs.reminders(monday) == "2 påminnelser skickade"  # the unit's two
    assert jobs.reminders(monday) == "0 påminnelser skickade"
    assert len(smtp.to(world.clinician.email)) == 1
    stale = smtp.to(world.clinician.email)[0].text
    # The meeting is three days off on the Monday morning: not yet within REMINDER_MEETING_DAYS.
    assert label(K.STALE_CASES) in stale and label(K.MEETING_SOON) not in stale
    jobs.reminders(NOW)  # the next day: a new message
    assert len(smtp.to(world.clinician.email)) == 2


def test_a_failed_send_is_sent_by_the_retry_and_never_twice(world, smtp, settings, caplog):
    settings.EMAIL_PORT = smtp.port + 1 if smtp.port < 65535 else smtp.port - 1  # nobody there
    with pytest.raises(Exception, match="4 påminnelser kunde inte skickas, 0 skickade"):
        jobs.reminders(NOW)
    assert "kunde inte skickas (ConnectionRefusedError)" in caplog.text
    assert world.clinician.email not in caplog.text
    settings.EMAIL_PORT = smtp.port
    assert jobs.reminders(NOW) == "4 påminnelser skickade"
    assert jobs.reminders(NOW) == "0 påminnelser skickade"
    assert len(smtp.messages) == 4


def test_no_mail_to_someone_without_an_address_who_still_sees_the_reminders(world, smtp):
    type(world.head).objects.filter(pk=world.head.pk).update(email="")
    jobs.reminders(NOW)
    assert len(smtp.messages) == 3
    world.head.refresh_from_db()
    assert reminders_for(world.head, NOW)


def test_settings_save_keeps_one_row_per_kind_turned_off(world):
    reminder_settings_save(user=world.head, enabled={K.MEETING_SOON})
    reminder_settings_save(user=world.head, enabled={K.MEETING_SOON})
    assert set(ReminderOptOut.objects.filter(user=world.head).values_list("kind", flat=True)) == (
        set(K.values) - {K.MEETING_SOON}
    )
