"""The step table is the one answer to "what may happen next": in every state the case page
offers exactly the steps whose service accepts them, and a step view refuses the others."""

import datetime
import re
import uuid

import pytest
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import timezone

from samverkan.models import Case, CaseState, WheelArea
from samverkan.services import cases as cs
from samverkan.services import errors
from samverkan.services import meetings as ms
from samverkan.services.consent import case_withdraw_consent as withdraw_consent
from samverkan.services.errors import CaseError, StepNotAvailable
from samverkan.services.plan import PlanItemData, case_save_plan
from samverkan.steps import STEPS, STEPS_BY_NAME, available_steps, step_refusal

pytestmark = pytest.mark.django_db
STEP_URL_NAMES = {step.url_name: step.name for step in STEPS}


def later(days=7):
    return timezone.now() + datetime.timedelta(days=days)


def service_calls(org, colleague):
    """Each step's service with plausible input: only the step guard's refusal counts as
    'not accepted'; any other domain error means the guard let the step through."""

    def area(case):
        return case.areas.first() or WheelArea.objects.first()

    return {
        "assessment": lambda case, user: cs.case_record_needs_assessment(
            case=case, actor=user, noticed="Oro", own_care_sufficient=True
        ),
        "guardian_add": lambda case, user: cs.case_add_guardian(
            case=case, actor=user, name="Ny Vårdnadshavare"
        ),
        "custody": lambda case, user: cs.case_set_custody(case=case, actor=user, custody="two"),
        "youth": lambda case, user: cs.case_set_youth_consents(
            case=case, actor=user, youth_consents=False
        ),
        "consent": lambda case, user: cs.case_record_consent(
            case=case,
            actor=user,
            guardian=case.guardians.first(),
            by_youth=False,
            method="oral",
            given_on=timezone.localdate(),
            organisations=[org("Skola")],
        ),
        "consent_complete": lambda case, user: cs.case_complete_consent(case=case, actor=user),
        "consent_withdraw": lambda case, user: withdraw_consent(
            case=case,
            actor=user,
            guardian=case.guardians.first(),
            by_youth=False,
            wholly=True,
            organisations=[],
            withdrawn_on=timezone.localdate(),
            method="oral",
        ),
        "initiation": lambda case, user: ms.case_record_initiation(
            case=case, actor=user, age_group="school", municipality=None, areas=[area(case)]
        ),
        "meeting_book": lambda case, user: ms.case_book_meeting(
            case=case, actor=user, form="physical", room="Rum 1", starts_at=later()
        ),
        "invite": lambda case, user: ms.case_invite(
            case=case, actor=user, organisation=org("Skola"), recipient="Rektor"
        ),
        "contact": lambda case, user: ms.case_record_contact(
            case=case,
            actor=user,
            organisation=org("Skola"),
            purpose="Fråga om tid",
            shared_was_proportionate=True,
            no_support_agreed=True,
        ),
        "meeting_held": lambda case, user: ms.case_record_meeting(
            case=case, actor=user, guide_confirmed=True
        ),
        "plan_edit": lambda case, user: case_save_plan(
            case=case,
            actor=user,
            items=[
                PlanItemData(
                    area(case), "Behov", "Insats", org("Skola"), "Rektor", timezone.localdate()
                )
            ],
            child_view="",
            guardians_view="",
            participants="",
        ),
        "follow_up": lambda case, user: ms.case_record_follow_up(
            case=case,
            actor=user,
            coordinator=org("Skola"),
            next_meeting_at=later(14),
            form="physical",
            room="Rum 2",
        ),
        "add_member": lambda case, user: cs.case_add_member(
            case=case, actor=user, colleague=colleague
        ),
        "close": lambda case, user: cs.case_close(case=case, actor=user, reason="Klart"),
        "protect": lambda case, user: cs.case_mark_protected(case=case, actor=user),
    }


def accepted_by_services(case_pk, user, calls) -> set[str]:
    accepted = set()
    for name, call in calls.items():
        with transaction.atomic():
            case = Case.objects.get(pk=case_pk)
            try:
                call(case, user)
            except StepNotAvailable:
                pass
            except CaseError:
                accepted.add(name)
            else:
                accepted.add(name)
            transaction.set_rollback(True)
    return accepted


def offered_on_page(client, case_pk) -> set[str]:
    html = client.get(reverse("samverkan:case_detail", kwargs={"pk": case_pk})).content.decode()
    names = set()
    for href in re.findall(r'href="(/[^"#?]*)"', html):
        try:
            match = resolve(href)
        except Exception:
            continue
        if match.view_name in STEP_URL_NAMES:
            names.add(STEP_URL_NAMES[match.view_name])
    return names


@pytest.fixture
def colleague(make_clinician):
    return make_clinician("kollegan")


@pytest.fixture
def followed_up_case(planned_case, clinician, org):
    ms.case_record_follow_up(
        case=planned_case,
        actor=clinician,
        coordinator=org("Skola"),
        next_meeting_at=later(10),
        form="digital",
        link="https://mote.example.se/a",
    )
    planned_case.refresh_from_db()
    return planned_case


def build(name, request, clinician, org):
    """A case in each state the routine can reach, and the awkward corners between them."""
    fixture = request.getfixturevalue
    if name == "assessment":
        return fixture("new_case")()
    if name == "consent":
        return fixture("activated_case")
    if name == "consent_two_guardians":
        case = fixture("activated_case")
        cs.case_add_guardian(case=case, actor=clinician, name="Ett")
        cs.case_add_guardian(case=case, actor=clinician, name="Två")
        return case
    if name == "initiation":
        return fixture("consented_case")
    if name == "invited":
        return fixture("invited_case")
    if name == "meeting_held":
        case = fixture("invited_case")
        case.meetings.update(starts_at=timezone.now())  # the meeting day has come
        return ms.case_record_meeting(case=case, actor=clinician, guide_confirmed=True)
    if name in ("plan", "plan_protected"):
        case = fixture("planned_case")
        if name == "plan_protected":
            cs.case_mark_protected(case=case, actor=clinician)
        return case
    if name == "follow_up":
        return fixture("followed_up_case")
    if name == "invited_after_follow_up":
        case = fixture("followed_up_case")
        ms.case_invite(case=case, actor=clinician, organisation=org("Skola"), recipient="Rektor")
        case.meetings.filter(held=False).update(starts_at=timezone.now())
        return case
    if name == "consent_after_withdrawal":
        # Back at the consent step with a plan kept: the only guardian withdrew.
        case = fixture("planned_case")
        withdraw_consent(
            case=case,
            actor=clinician,
            guardian=case.guardians.get(),
            by_youth=False,
            wholly=True,
            organisations=[],
            withdrawn_on=timezone.localdate(),
            method="written",
        )
        case.refresh_from_db()
        assert case.state == CaseState.CONSENT
        return case
    if name == "closed":
        case = fixture("planned_case")
        return cs.case_close(case=case, actor=clinician, reason="Klart")
    raise AssertionError(name)


SCENARIOS = [
    "assessment",
    "consent",
    "consent_two_guardians",
    "initiation",
    "invited",
    "meeting_held",
    "plan",
    "plan_protected",
    "follow_up",
    "invited_after_follow_up",
    "consent_after_withdrawal",
    "closed",
]


def test_every_step_has_a_service_call_in_this_walk(org, make_clinician):
    assert set(service_calls(org, None)) == set(STEPS_BY_NAME)


def test_every_state_of_the_routine_is_walked():
    assert set(CaseState.values) <= set(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("as_creator", [True, False], ids=["creator", "colleague"])
def test_the_case_page_offers_exactly_the_steps_the_services_accept(
    scenario, as_creator, request, client, clinician, colleague, org, make_clinician
):
    case = build(scenario, request, clinician, org)
    if not as_creator:
        Case.objects.get(pk=case.pk).members.add(colleague)
    user = clinician if as_creator else colleague
    third = make_clinician("tredje")
    client.force_login(user)

    offered = offered_on_page(client, case.pk)
    accepted = accepted_by_services(case.pk, user, service_calls(org, third))

    assert offered == accepted
    fresh = Case.objects.get(pk=case.pk)
    assert offered == {s.step.name for s in available_steps(fresh, user)}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_step_view_refuses_what_the_case_does_not_offer(
    scenario, request, client, clinician, org
):
    case = build(scenario, request, clinician, org)
    client.force_login(clinician)
    offered = offered_on_page(client, case.pk)
    before = Case.objects.get(pk=case.pk)
    case_url = reverse("samverkan:case_detail", kwargs={"pk": case.pk})
    for step in STEPS:
        if step.name in offered:
            continue
        url = reverse(step.url_name, kwargs={"pk": case.pk})
        refusal = step_refusal(before, clinician, step.name)
        page = client.get(url)
        assert page.status_code == 200 and refusal in page.content.decode(), step.name
        html = page.content.decode()
        assert "Bekräfta och spara" not in html and "Spara som ny version" not in html, step.name
        response = client.post(url, {})
        assert response.status_code == 302 and response["Location"] == case_url, step.name
        after = Case.objects.get(pk=case.pk)
        assert (after.state, after.updated_at) == (before.state, before.updated_at), step.name


def test_the_plan_state_offers_no_initiation_invitation_or_contact(client, planned_case, clinician):
    client.force_login(clinician)
    offered = offered_on_page(client, planned_case.pk)
    assert {"initiation", "invite", "contact"}.isdisjoint(offered)
    assert {"plan_edit", "follow_up", "meeting_book"} <= offered


def test_a_new_invitation_after_follow_up_does_not_offer_the_follow_up_again(
    request, client, clinician, org
):
    case = build("invited_after_follow_up", request, clinician, org)
    client.force_login(clinician)
    offered = offered_on_page(client, case.pk)
    assert case.state == CaseState.INVITED
    assert "follow_up" not in offered and "meeting_held" in offered
    with pytest.raises(StepNotAvailable) as refused:
        ms.case_record_follow_up(
            case=case,
            actor=clinician,
            coordinator=org("Skola"),
            next_meeting_at=later(20),
            form="physical",
            room="Rum 4",
        )
    assert str(refused.value) == errors.WRONG_STATE.format(state=CaseState.INVITED.label)


def test_a_colleague_is_not_offered_to_share_the_case(client, planned_case, clinician, colleague):
    cs.case_add_member(case=planned_case, actor=clinician, colleague=colleague)
    assert step_refusal(planned_case, colleague, "add_member") == errors.MEMBER_ONLY_CREATOR


def test_every_step_view_names_its_own_step():
    for step in STEPS:
        view = resolve(reverse(step.url_name, kwargs={"pk": uuid.uuid4()}))
        assert view.func.view_class.step == step.name, step.url_name
