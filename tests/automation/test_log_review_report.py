import datetime

import pytest

from automation import jobs
from samverkan.models import AuditAction, AuditEntry

from .conftest import CHILD_PNR, NOW

pytestmark = pytest.mark.django_db


def test_the_monthly_report_goes_to_each_reviewer_with_counts_and_a_link_only(world, smtp):
    when = datetime.datetime(2026, 2, 14, 10, tzinfo=NOW.tzinfo)
    entry = AuditEntry.objects.create(
        who=world.clinician,
        who_username=world.clinician.username,
        case=world.case,
        case_ref=world.case.pk,
        action=AuditAction.BREAK_GLASS,
        detail=f"Nödåtkomst för barnet {CHILD_PNR}",
    )
    AuditEntry.objects.filter(pk=entry.pk).update(when=when)
    summary = jobs.log_review_report(datetime.datetime(2026, 3, 1, 7, tzinfo=NOW.tzinfo))
    assert summary == "1 fynd, 1 ej granskade, till 1 granskare"
    [message] = smtp.messages
    assert message.recipients == [world.reviewer.email]
    assert message.subject == "Logguppföljning för februari 2026"
    assert "1 fynd, varav 1 inte granskade" in message.text
    assert "http://testserver/logguppfoljning/?fran=2026-02-01" in message.text
    for word in (CHILD_PNR, world.clinician.username, str(world.case.pk), world.case.short_ref):
        assert word not in message.text


def test_without_a_reviewer_the_report_is_logged_and_nothing_sent(world, smtp, caplog):
    world.reviewer.user_permissions.clear()
    summary = jobs.log_review_report(datetime.datetime(2026, 3, 1, 7, tzinfo=NOW.tzinfo))
    assert summary == "0 fynd, ingen mottagare"
    assert smtp.messages == []
    assert "ingen mottagare" in caplog.text
