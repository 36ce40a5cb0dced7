"""The matrix's sample world (conftest.world) plus what belongs to someone else: the other unit's
checklist, familjeombud and training session, the other clinician's case, and a finding for the
log review. Posts may forge the ids of these; they must never change."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from checklists.models import Assessment, EventAttendance, ItemAssessment, StatusChange
from organisation.models import Membership, MembershipRole, Unit
from samverkan.models import (
    AuditAction,
    Case,
    Consent,
    ContactBeforeMeeting,
    Guardian,
    Invitation,
    Meeting,
    PlanItem,
    PlanVersion,
)
from samverkan.services import cases as case_services
from samverkan.services.audit import audit
from tests.checklists.conftest import MembershipFactory, UserFactory
from training.models import Action, SessionItem, SessionLogEntry, TrainingSession

from .fuzz import snapshot


@pytest.fixture
def fuzz_world(world, new_case):
    from checklists.models import RegionEvent
    from checklists.services import assessment_set_status, assessment_start_year
    from mandates.models import MandateArea
    from training.services import (
        ActionInput,
        session_add_own_item,
        session_plan,
        session_record_outcome,
    )

    w = world
    users = w.users
    other_ombud = MembershipFactory(
        unit=w.other_unit,
        user=UserFactory(username="annat-ombud"),
        role=MembershipRole.FAMILJEOMBUD,
    )
    other_assessment = assessment_start_year(
        unit=w.other_unit, year=w.year, by=other_ombud.user, copy_previous=False
    )
    assessment_set_status(
        assessment=other_assessment, item=w.item, by=other_ombud.user, status="klar",
        reason="", comment="Klart hos dem",
    )  # fmt: skip
    event = RegionEvent.objects.create(
        kind="grundutbildningsdag", date=timezone.localdate(), title="Dag"
    )
    EventAttendance.objects.create(event=event, user=other_ombud.user)
    area = MandateArea.objects.get(slug=w.area_slug)
    planner = w.familjeombud_membership.user
    day = timezone.localdate() + datetime.timedelta(days=30)
    planned = session_plan(
        unit=w.unit, date=day, start_time=datetime.time(9), areas=[area], by=planner
    )
    own_item = session_add_own_item(session=planned, title="Inledning", minutes=5, by=planner)
    foreign = session_plan(
        unit=w.other_unit, date=datetime.date(2026, 3, 1), start_time=datetime.time(9),
        areas=[area], by=other_ombud.user,
    )  # fmt: skip
    foreign_item = session_add_own_item(
        session=foreign, title="Deras", minutes=5, by=other_ombud.user
    )
    session_record_outcome(
        session=foreign, participants=3, notes={}, by=other_ombud.user,
        actions=[ActionInput("Deras åtgärd", "Någon", datetime.date(2026, 6, 1))],
        today=datetime.date(2026, 11, 1),
    )  # fmt: skip
    other_clinician = users["clinician"]
    # Activated, so that a guardian may be added (guardians belong to the consent step).
    other_case = case_services.case_record_needs_assessment(
        case=new_case(actor=other_clinician, child_name="Annat Barn"), actor=other_clinician,
        noticed="Oro", own_care_sufficient=False, other_org_alone=False, together=True,
    )  # fmt: skip
    other_guardian = case_services.case_add_guardian(
        case=other_case, actor=other_clinician, name="Annan Vårdnadshavare"
    )
    fresh_case = new_case(child_name="Nytt Barn")
    activated = case_services.case_record_needs_assessment(
        case=new_case(child_name="Tredje Barn"), actor=users["case_owner"], noticed="Oro",
        own_care_sufficient=False, other_org_alone=False, together=True,
    )  # fmt: skip
    case_services.case_add_guardian(case=activated, actor=users["case_owner"], name="Vera")
    refusal = audit(
        who=other_clinician, case=w.case, action=AuditAction.REFUSED, detail="Nekad åtkomst"
    )
    return SimpleNamespace(
        **vars(w),
        other_ombud=other_ombud,
        other_assessment=other_assessment,
        other_event=event,
        planned=planned,
        own_item=own_item,
        foreign_session=foreign,
        foreign_item=foreign_item,
        foreign_action=foreign.actions.get(),
        other_case=other_case,
        fresh_case=fresh_case,
        activated_case=activated,
        other_guardian=other_guardian,
        finding_key=f"entry:{refusal.pk}",
    )


def foreign_rows(fw) -> dict:
    """Everything that belongs to another unit, case or user than the ones the posts act for."""
    unit, case = fw.other_unit, fw.other_case
    return {
        "unit": Unit.objects.filter(pk=unit.pk),
        "memberships": Membership.objects.filter(unit=unit),
        "assessments": Assessment.objects.filter(unit=unit),
        "entries": ItemAssessment.objects.filter(assessment__unit=unit),
        "changes": StatusChange.objects.filter(entry__assessment__unit=unit),
        "attendance": EventAttendance.objects.filter(user=fw.other_ombud.user),
        "sessions": TrainingSession.objects.filter(unit=unit),
        "items": SessionItem.objects.filter(session__unit=unit),
        "actions": Action.objects.filter(session__unit=unit),
        "session_log": SessionLogEntry.objects.filter(session__unit=unit),
        "case": Case.objects.filter(pk=case.pk),
        "case_members": Case.members.through.objects.filter(case=case),
        "case_areas": Case.areas.through.objects.filter(case=case),
        "guardians": Guardian.objects.filter(case=case),
        "consents": Consent.objects.filter(case=case),
        "meetings": Meeting.objects.filter(case=case),
        "invitations": Invitation.objects.filter(case=case),
        "contacts": ContactBeforeMeeting.objects.filter(case=case),
        "plans": PlanVersion.objects.filter(case=case),
        "plan_items": PlanItem.objects.filter(version__case=case),
    }


def foreign_snapshot(fw) -> dict[str, str]:
    return snapshot(foreign_rows(fw))
