"""One sample world for the authorization matrix: a user per role and an object behind every
URL, built with the apps' own factories, fixtures and service functions."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

# The apps' own test fixtures, so the sample objects are made the way each app makes them.
from tests.checklists.conftest import MembershipFactory, UnitFactory, UserFactory, items  # noqa: F401
from tests.samverkan.conftest import (  # noqa: F401
    activated_case,
    clinician,
    consented_case,
    directory,
    invited_case,
    make_clinician,
    new_case,
    org,
    planned_case,
)

AREA_SLUG = "barn-som-far-illa"


@pytest.fixture
def world(db, items, planned_case, clinician, make_clinician):  # noqa: F811
    from checklists.models import RegionEvent
    from checklists.selectors import current_year
    from checklists.services import assessment_start_year
    from organisation.models import MembershipRole

    unit = UnitFactory(name="Vårdcentralen Teleborg")
    other_unit = UnitFactory(name="Vårdcentralen Ljungby")
    member = MembershipFactory(unit=unit, user=UserFactory(username="medarbetare")).user
    other_member = MembershipFactory(unit=other_unit, user=UserFactory(username="annan")).user
    familjeombud_membership = MembershipFactory(
        unit=unit, user=UserFactory(username="ombudet"), role=MembershipRole.FAMILJEOMBUD
    )
    strategist = UserFactory(username="strategen")
    strategist.groups.add(Group.objects.get(name="Strateg"))
    year = current_year()
    assessment = assessment_start_year(
        unit=unit, year=year, by=familjeombud_membership.user, copy_previous=False
    )
    case = planned_case
    withdrawal = _partial_withdrawal(case, clinician)
    training_session, training_action = _training(unit, familjeombud_membership.user)
    users = {
        "anonymous": None,
        "user_without_unit": UserFactory(username="utan-verksamhet"),
        "unit_member": member,
        "other_unit_member": other_member,
        "familjeombud": familjeombud_membership.user,
        "case_owner": clinician,
        "clinician": make_clinician("annan-kliniker"),
        "region_strategist": User.objects.get(pk=strategist.pk),
        "staff": User.objects.create_user("personal", password="x", is_staff=True),
        "administrator": User.objects.create_superuser("administratoren", password="x"),
    }
    return SimpleNamespace(
        users=users,
        area_slug=AREA_SLUG,
        unit=unit,
        other_unit=other_unit,
        year=year,
        assessment=assessment,
        item=items[0],
        familjeombud_membership=familjeombud_membership,
        event=RegionEvent.objects.create(
            kind="natverkstraff", date=timezone.localdate(), title="Nätverksträff"
        ),
        case=case,
        meeting=case.meetings.first(),
        invitation=case.invitations.first(),
        plan=case.plan_versions.order_by("-number").first(),
        withdrawal=withdrawal,
        training_session=training_session,
        training_item=training_session.items.first() if training_session else None,
        training_action=training_action,
    )


def _partial_withdrawal(case, actor):
    """The guardian withdraws consent for Socialtjänsten, which is not invited: the case keeps
    its state and its plan, and has a withdrawal for the pages that show one."""
    from samverkan.models import OrganisationType
    from samverkan.services.consent import case_withdraw_consent

    outcome = case_withdraw_consent(
        case=case,
        actor=actor,
        guardian=case.guardians.get(),
        by_youth=False,
        wholly=False,
        organisations=[OrganisationType.objects.get(name="Socialtjänsten")],
        withdrawn_on=timezone.localdate(),
        method="oral",
    )
    return outcome.withdrawal


def _training(unit, planner):
    """A held training session of the unit with one open action (training app)."""
    try:
        from training.services import (
            ActionInput,
            session_add_own_item,
            session_plan,
            session_record_outcome,
        )
    except ImportError:  # the app is not there (yet): its rows are absent too
        return None, None
    from django.core.management import call_command

    from mandates.models import MandateArea

    call_command("loaddata", "fixtures/20_mandates_content.json", verbosity=0)
    day = datetime.date(2026, 3, 10)
    session = session_plan(
        unit=unit,
        date=day,
        start_time=datetime.time(13, 0),
        areas=[MandateArea.objects.get(slug=AREA_SLUG)],
        by=planner,
        title="APT barn som far illa",
    )
    session_add_own_item(session=session, title="Fika och frågor", minutes=10, by=planner)
    session_record_outcome(
        session=session,
        participants=8,
        notes={},
        actions=[ActionInput("Ta fram rutin", "Fia", datetime.date(2026, 6, 1))],
        by=planner,
        today=datetime.date(2026, 11, 1),
    )
    return session, session.actions.get()
