"""A database holding a sample of everything the portal stores: every fixture, the demo seed
commands, the authorization matrix's sample world and the rows only a visit or an
administrator makes (login records, sessions, the admin log, reports, log reviews)."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from familjeombud.management.commands.dev_setup import fixture_files
from familjeombud.models import AccessibilityStatement, BurdenExemption

# The authorization matrix's sample world and the fixtures it is built from.
from tests.security.conftest import *  # noqa: F403


@pytest.fixture
def full_database(world, django_user_model):
    """Returns the world; every model the apps define has at least one row afterwards."""
    from familjeombud.auditlog.review import audit_review_mark, findings
    from familjeombud.pages.services import report_mark_answered, report_submit
    from samverkan.models import AuditAction, OrganisationType
    from samverkan.services import cases as cs
    from samverkan.services import meetings as ms
    from samverkan.services.audit import audit

    call_command("loaddata", *fixture_files(), verbosity=0)
    call_command("seed_demo_units", "--dev", verbosity=0, stdout=_Null())
    call_command("seed_demo_cases", "--dev", verbosity=0, stdout=_Null())

    admin = world.users["administrator"]
    owner = world.users["case_owner"]
    # A second case walked to the meeting's planning, contacted, protected and closed.
    skola = OrganisationType.objects.get(name="Skola")
    closed = cs.case_create(
        actor=owner,
        child_name="Avslutad Barnsson",
        child_personnummer="201212121212",
        child_address="Gatan 2, Växjö",
        municipality=world.case.municipality,
        duplicate_confirmed=True,  # the same child as world.case, on purpose
    )
    cs.case_record_needs_assessment(
        case=closed,
        actor=owner,
        noticed="Oro hemma",
        own_care_sufficient=False,
        other_org_alone=False,
        together=True,
    )
    guardian = cs.case_add_guardian(case=closed, actor=owner, name="Vera Vårdnadshavare")
    cs.case_record_consent(
        case=closed,
        actor=owner,
        guardian=guardian,
        by_youth=False,
        method="oral",
        given_on=timezone.localdate(),
        organisations=[skola],
    )
    cs.case_set_custody(case=closed, actor=owner, custody="one")
    cs.case_complete_consent(case=closed, actor=owner)
    ms.case_record_contact(
        case=closed,
        actor=owner,
        organisation=skola,
        purpose="Stämma av inför mötet",
        shared_was_proportionate=True,
        no_support_agreed=True,
    )
    cs.case_mark_protected(case=closed, actor=owner)
    cs.case_close(case=closed, actor=owner, reason="Behovet tillgodosett")
    colleague = world.users["clinician"]
    cs.case_add_member(case=world.case, actor=owner, colleague=colleague)
    # Emergency access by a clinician who does not own the case: a finding of the log review.
    audit(who=colleague, case=world.case, action=AuditAction.BREAK_GLASS, detail="Akut läge.")

    report = report_submit(
        page="/stodpaket/",
        description="Filmen saknar undertexter.",
        email="besokare@example.se",
        reports_problem=True,
        wants_accessible_version=False,
    )
    report_mark_answered(report=report, by="administratoren")

    # Login records (django-axes) and a session: failed logins and a successful one.
    client = Client()
    client.post("/logga-in/", {"username": "okand", "password": "fel"})
    client.post("/logga-in/", {"username": "klinikern", "password": "fel"})
    owner.set_password("x")
    owner.save()
    response = client.post("/logga-in/", {"username": "klinikern", "password": "x"})
    assert response.status_code == 302

    LogEntry.objects.log_actions(
        user_id=admin.pk, queryset=[world.unit], action_flag=ADDITION, change_message="Ny."
    )

    attempt = AccessAttempt.objects.get(username="okand")
    AccessAttemptExpiration.objects.create(
        access_attempt=attempt, expires_at=timezone.now() + datetime.timedelta(minutes=15)
    )
    # Rows only an administrator adds in admin: a direct permission, a burden exemption.
    world.users["unit_member"].user_permissions.add(
        Permission.objects.get(content_type__app_label="organisation", codename="view_region")
    )
    BurdenExemption.objects.create(
        statement=AccessibilityStatement.current(),
        content="Äldre filmer",
        description="Textning av äldre filmer bedöms oskäligt betungande.",
    )

    today = timezone.localdate()
    finding = findings(since=today, until=today)[0]
    audit_review_mark(actor=admin, key=finding.key, comment="Granskat i testet.")

    # Issue 17: a queued task, a scheduled run, a reminder turned off and a day's reminder mail.
    from automation.models import JobRun, ReminderKind, ReminderMail, ReminderOptOut
    from familjeombud.pages.tasks import mail_accessibility_report

    mail_accessibility_report.enqueue(report.pk)
    JobRun.objects.create(job="purge_cases", day=today, result="0 avslutade ärenden raderade")
    ReminderOptOut.objects.create(user=owner, kind=ReminderKind.STALE_CASES)
    ReminderMail.objects.create(user=owner, day=today, kinds=[ReminderKind.MEETING_SOON])

    # Issue 16: a region account with its HSA-id, a unit claim, an emergency account's TOTP
    # device. Issue 19: the search index, as the first search after the content builds it.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Account, UnitClaim
    from mandates.search_index import ensure_current
    from organisation.models import MembershipRole

    Account.objects.create(user=owner, identifier="SE2321000065-1234", emergency_access=False)
    UnitClaim.objects.create(value="SE2321000065-E1", unit=world.unit,
                             role=MembershipRole.FAMILJEOMBUD)  # fmt: skip
    TOTPDevice.objects.create(user=admin, name="Nödkonto", confirmed=True)
    ensure_current()
    return world


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
