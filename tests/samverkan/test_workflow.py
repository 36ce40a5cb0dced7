import datetime
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from organisation.models import Municipality
from samverkan.management.commands.purge_cases import purge_closed_cases
from samverkan.models import (
    AssessmentOutcome,
    AuditAction,
    AuditEntry,
    BvcUnit,
    Case,
    CaseState,
    Channel,
    OrganisationType,
    PlanVersion,
    WheelArea,
)
from samverkan.services import cases as cs
from samverkan.services import errors
from samverkan.services import meetings as ms
from samverkan.services.errors import CaseError
from samverkan.services.plan import PlanItemData, case_save_plan, current_plan, default_coordinator

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


# --- Needs assessment -----------------------------------------------------------------


def test_own_care_sufficient_closes_without_activation_and_clears_the_child(new_case, clinician):
    case = cs.case_record_needs_assessment(
        case=new_case(), actor=clinician, noticed="Sömnproblem", own_care_sufficient=True
    )
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert case.outcome == AssessmentOutcome.OWN_CARE
    assert case.closed_reason == AssessmentOutcome.OWN_CARE.label
    assert (case.child_name, case.child_personnummer, case.child_address, case.noticed) == (
        "",
        "",
        "",
        "",
    )


def test_another_organisation_alone_with_family_contacting_closes_with_referral(
    new_case, clinician, org
):
    case = cs.case_record_needs_assessment(
        case=new_case(),
        actor=clinician,
        noticed="x",
        own_care_sufficient=False,
        other_org_alone=True,
        referral_mode="family",
        referral_organisation=org("Habilitering"),
    )
    assert case.state == CaseState.CLOSED
    assert case.outcome == AssessmentOutcome.REFER_FAMILY
    assert case.referral_organisation.name == "Habilitering"
    assert case.child_name == ""


def test_another_organisation_alone_with_oral_consent_records_the_date(new_case, clinician, org):
    case = cs.case_record_needs_assessment(
        case=new_case(),
        actor=clinician,
        noticed="x",
        own_care_sufficient=False,
        other_org_alone=True,
        referral_mode="oral_consent",
        referral_organisation=org("Socialtjänsten"),
        referral_consent_on=TODAY(),
    )
    assert case.outcome == AssessmentOutcome.REFER_ORAL_CONSENT
    assert case.referral_consent_on == TODAY()
    assert case.state == CaseState.CLOSED


def test_oral_consent_referral_without_a_date_is_refused_and_nothing_is_saved(
    new_case, clinician, org
):
    case = new_case()
    with pytest.raises(CaseError, match=re.escape(errors.REFERRAL_CONSENT_DATE)):
        cs.case_record_needs_assessment(
            case=case,
            actor=clinician,
            noticed="x",
            own_care_sufficient=False,
            other_org_alone=True,
            referral_mode="oral_consent",
            referral_organisation=org("Polis"),
        )
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSMENT and case.child_name


def test_several_organisations_together_activates_and_asks_for_consent(activated_case):
    assert activated_case.state == CaseState.CONSENT
    assert activated_case.outcome == AssessmentOutcome.ACTIVATE
    assert activated_case.child_name == "Testa Barnsson"


def test_questions_must_be_answered_in_order(new_case, clinician):
    case = new_case()
    with pytest.raises(CaseError) as error:
        cs.case_record_needs_assessment(
            case=case, actor=clinician, noticed="x", own_care_sufficient=False, together=True
        )
    assert str(error.value) == errors.ASSESSMENT_ORDER.format(question="fråga 3.")


def test_all_no_answers_have_no_outcome_in_the_routine(new_case, clinician):
    with pytest.raises(CaseError, match=re.escape(errors.ASSESSMENT_NO_OUTCOME)):
        cs.case_record_needs_assessment(
            case=new_case(),
            actor=clinician,
            noticed="x",
            own_care_sufficient=False,
            other_org_alone=False,
            together=False,
        )


def test_an_assessment_cannot_be_recorded_twice(activated_case, clinician):
    with pytest.raises(CaseError):
        cs.case_record_needs_assessment(
            case=activated_case, actor=clinician, noticed="x", own_care_sufficient=True
        )


# --- Consent ----------------------------------------------------------------------------


def _consent(case, clinician, orgs, guardian=None, youth=False, method="written"):
    return cs.case_record_consent(
        case=case,
        actor=clinician,
        guardian=guardian,
        by_youth=youth,
        method=method,
        given_on=TODAY(),
        organisations=orgs,
    )


def test_one_guardian_is_enough_when_there_is_only_one(activated_case, clinician, org):
    cs.case_set_custody(case=activated_case, actor=clinician, custody="one")
    g = cs.case_add_guardian(case=activated_case, actor=clinician, name="Ensam")
    _consent(activated_case, clinician, [org("Skola")], guardian=g)
    case = cs.case_complete_consent(case=activated_case, actor=clinician)
    assert case.state == CaseState.INITIATION


def test_two_guardians_both_must_consent(activated_case, clinician, org):
    cs.case_set_custody(case=activated_case, actor=clinician, custody="two")
    g1 = cs.case_add_guardian(case=activated_case, actor=clinician, name="Anna")
    cs.case_add_guardian(case=activated_case, actor=clinician, name="Bertil")
    _consent(activated_case, clinician, [org("Skola")], guardian=g1)
    with pytest.raises(CaseError) as error:
        cs.case_complete_consent(case=activated_case, actor=clinician)
    assert str(error.value) == errors.CONSENT_INCOMPLETE.format(missing="Bertil")
    assert Case.objects.get(pk=activated_case.pk).state == CaseState.CONSENT


def test_a_third_guardian_is_refused(activated_case, clinician):
    cs.case_add_guardian(case=activated_case, actor=clinician, name="A")
    cs.case_add_guardian(case=activated_case, actor=clinician, name="B")
    with pytest.raises(CaseError, match=re.escape(errors.CONSENT_TOO_MANY_GUARDIANS)):
        cs.case_add_guardian(case=activated_case, actor=clinician, name="C")


def test_a_mature_youth_must_consent_too(activated_case, clinician, org):
    cs.case_set_custody(case=activated_case, actor=clinician, custody="one")
    g = cs.case_add_guardian(case=activated_case, actor=clinician, name="Anna")
    cs.case_set_youth_consents(case=activated_case, actor=clinician, youth_consents=True)
    _consent(activated_case, clinician, [org("Skola")], guardian=g)
    with pytest.raises(CaseError) as error:
        cs.case_complete_consent(case=activated_case, actor=clinician)
    assert str(error.value) == errors.CONSENT_INCOMPLETE.format(missing="Testa Barnsson")
    _consent(activated_case, clinician, [org("Skola")], youth=True)
    assert cs.case_complete_consent(case=activated_case, actor=clinician).state == (
        CaseState.INITIATION
    )


def test_a_youth_not_marked_mature_cannot_give_consent(activated_case, clinician, org):
    cs.case_add_guardian(case=activated_case, actor=clinician, name="Anna")
    with pytest.raises(CaseError, match=re.escape(errors.CONSENT_NO_YOUTH)):
        _consent(activated_case, clinician, [org("Skola")], youth=True)


def test_only_organisations_every_party_consented_to_may_be_invited(activated_case, clinician, org):
    cs.case_set_custody(case=activated_case, actor=clinician, custody="two")
    g1 = cs.case_add_guardian(case=activated_case, actor=clinician, name="Anna")
    g2 = cs.case_add_guardian(case=activated_case, actor=clinician, name="Bertil")
    _consent(activated_case, clinician, [org("Skola"), org("Polis")], guardian=g1)
    _consent(activated_case, clinician, [org("Skola")], guardian=g2)
    assert cs.consented_organisation_ids(activated_case) == {org("Skola").pk}


def test_consent_without_any_organisation_is_refused(activated_case, clinician):
    g = cs.case_add_guardian(case=activated_case, actor=clinician, name="Anna")
    with pytest.raises(CaseError, match=re.escape(errors.CONSENT_NO_ORGANISATION)):
        _consent(activated_case, clinician, [], guardian=g)


# --- Initiation and invitations -------------------------------------------------------------


def test_nobody_can_be_invited_without_consent_for_that_organisation(invited_case, clinician, org):
    before = invited_case.invitations.count()
    with pytest.raises(CaseError) as error:
        ms.case_invite(case=invited_case, actor=clinician, organisation=org("Polis"), recipient="X")
    assert str(error.value) == errors.INVITE_WITHOUT_CONSENT.format(organisation="Polis")
    assert invited_case.invitations.count() == before


def test_invitations_need_a_booked_meeting(consented_case, clinician, org):
    ms.case_record_initiation(
        case=consented_case,
        actor=clinician,
        age_group="school",
        municipality=None,
        areas=list(WheelArea.objects.all()[:1]),
    )
    with pytest.raises(CaseError, match=re.escape(errors.INVITE_NO_MEETING)):
        ms.case_invite(
            case=consented_case, actor=clinician, organisation=org("Skola"), recipient="R"
        )


@pytest.mark.parametrize(
    ("name", "channel", "call"),
    [
        ("Barn- och elevhälsa", Channel.LETTER_OR_EMAIL, False),
        ("BHV/familjecentral", Channel.LINK, False),
        ("Familjehälsan", Channel.LINK, False),
        ("Förskola", Channel.LETTER_OR_EMAIL, True),
        ("Habilitering", Channel.LINK, False),
        ("Polis", Channel.LETTER_OR_EMAIL, False),
        ("Skola", Channel.LETTER_OR_EMAIL, True),
        ("Socialtjänsten", Channel.LINK, False),
        ("Specialistpsykiatrin", Channel.LINK, False),
        ("Ungdomsmottagning", Channel.LINK, False),
        ("Vårdcentral", Channel.LINK, False),
        ("Annan verksamhet/roll", Channel.LETTER_OR_EMAIL, False),
    ],
)
def test_each_organisation_type_has_the_routines_channel(directory, name, channel, call):
    org = OrganisationType.objects.get(name=name)
    assert (org.channel, org.call_municipality_for_address) == (channel, call)


def test_an_invitation_takes_the_channel_of_its_organisation(invited_case, clinician, org):
    invitation = ms.case_invite(
        case=invited_case, actor=clinician, organisation=org("Socialtjänsten"), recipient="Mottag"
    )
    assert invitation.channel == Channel.LINK
    assert invited_case.invitations.get(organisation=org("Skola")).channel == (
        Channel.LETTER_OR_EMAIL
    )


def test_a_physical_meeting_needs_a_room(consented_case, clinician):
    with pytest.raises(CaseError, match=re.escape(errors.MEETING_ROOM)):
        ms.case_book_meeting(
            case=consented_case,
            actor=clinician,
            form="physical",
            starts_at=timezone.now() + datetime.timedelta(days=1),
        )


def test_a_contact_before_the_meeting_must_follow_the_routines_rule(invited_case, clinician, org):
    with pytest.raises(CaseError, match=re.escape(errors.CONTACT_RULE)):
        ms.case_record_contact(
            case=invited_case,
            actor=clinician,
            organisation=org("Skola"),
            purpose="x",
            shared_was_proportionate=True,
            no_support_agreed=False,
        )


# --- Plan, follow-up ----------------------------------------------------------------------


def test_every_plan_save_creates_a_new_version_and_keeps_the_old(planned_case, clinician, org):
    area = planned_case.areas.order_by("order").last()
    item = PlanItemData(area, "Behov", "Samtal", org("Socialtjänsten"), "Soc", TODAY())
    v2 = case_save_plan(
        case=planned_case,
        actor=clinician,
        items=[item, item],
        child_view="Ny syn",
        guardians_view="",
        participants="Alla",
    )
    versions = PlanVersion.objects.filter(case=planned_case).order_by("number")
    assert [(v.number, v.is_current) for v in versions] == [(1, False), (2, True)]
    assert versions[0].items.count() == 1 and v2.items.count() == 2
    assert versions[0].child_view == "Vill ha hjälp"
    assert current_plan(planned_case).pk == v2.pk


def test_a_plan_action_must_be_in_a_chosen_area(planned_case, clinician, org):
    other = WheelArea.objects.exclude(pk__in=planned_case.areas.all()).first()
    with pytest.raises(CaseError, match=re.escape(errors.PLAN_AREA_NOT_CHOSEN)):
        case_save_plan(
            case=planned_case,
            actor=clinician,
            items=[PlanItemData(other, "x", "y", org("Skola"), "p", TODAY())],
            child_view="",
            guardians_view="",
            participants="",
        )


def test_the_suggested_coordinator_is_the_organisation_with_most_actions(
    planned_case, clinician, org
):
    area = planned_case.areas.first()
    soc = PlanItemData(area, "b", "a", org("Socialtjänsten"), "p", TODAY())
    school = PlanItemData(area, "b", "a", org("Skola"), "p", TODAY())
    version = case_save_plan(
        case=planned_case,
        actor=clinician,
        items=[school, soc, soc],
        child_view="",
        guardians_view="",
        participants="",
    )
    assert default_coordinator(version).name == "Socialtjänsten"


def test_follow_up_books_the_next_meeting_and_can_change_coordinator(planned_case, clinician, org):
    meeting = ms.case_record_follow_up(
        case=planned_case,
        actor=clinician,
        coordinator=org("Vårdcentral"),
        next_meeting_at=timezone.now() + datetime.timedelta(days=60),
        form="digital",
        link="https://teams.example/m",
        parties_next_time="Habilitering",
    )
    planned_case.refresh_from_db()
    assert planned_case.state == CaseState.FOLLOW_UP
    assert planned_case.next_coordinator.name == "Vårdcentral"
    assert meeting.is_follow_up and meeting.link


# --- Close, purge, audit -------------------------------------------------------------------


def test_a_closed_case_cannot_change(planned_case, clinician):
    cs.case_close(case=planned_case, actor=clinician, reason="Klart")
    with pytest.raises(CaseError, match=re.escape(errors.CASE_CLOSED)):
        cs.case_close(case=planned_case, actor=clinician, reason="Igen")


@override_settings(CASE_RETENTION_DAYS=30)
def test_purge_deletes_only_cases_closed_longer_ago_than_the_retention(new_case, clinician):
    old, recent, open_case = new_case(), new_case(), new_case()
    for case in (old, recent):
        cs.case_close(case=case, actor=clinician, reason="Klart")
    Case.objects.filter(pk=old.pk).update(closed_at=timezone.now() - datetime.timedelta(days=31))
    Case.objects.filter(pk=recent.pk).update(closed_at=timezone.now() - datetime.timedelta(days=29))
    assert purge_closed_cases() == 1
    assert set(Case.objects.values_list("pk", flat=True)) == {recent.pk, open_case.pk}
    assert AuditEntry.objects.filter(case_ref=old.pk, case__isnull=True).exists()


def test_the_purge_command_reads_the_retention_setting(new_case, clinician, settings, capsys):
    settings.CASE_RETENTION_DAYS = 5
    call_command("purge_cases")
    assert "äldre än 5 dagar" in capsys.readouterr().out


def test_every_change_is_written_to_the_audit_log(planned_case, clinician):
    details = list(
        AuditEntry.objects.filter(case=planned_case, action=AuditAction.CHANGED)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details[0] == "Ärendet skapades."
    assert any(d.startswith("Behovsbedömning") for d in details)
    assert any("Samtycke registrerat" in d for d in details)
    assert any("Inbjudan till Skola" in d for d in details)
    assert "Barnets plan sparad som version 1." in details
    assert all(e.who_username == "klinikern" for e in AuditEntry.objects.filter(case=planned_case))
    assert not AuditEntry.objects.filter(detail__contains="201212").exists()


def test_colleagues_must_be_clinicians_and_only_the_creator_adds_them(
    activated_case, clinician, make_clinician, django_user_model
):
    outsider = django_user_model.objects.create_user(username="extern", password="x")
    with pytest.raises(CaseError, match=re.escape(errors.MEMBER_NOT_CLINICIAN)):
        cs.case_add_member(case=activated_case, actor=clinician, colleague=outsider)
    colleague = make_clinician("kollega")
    cs.case_add_member(case=activated_case, actor=clinician, colleague=colleague)
    with pytest.raises(CaseError, match=re.escape(errors.MEMBER_ONLY_CREATOR)):
        cs.case_add_member(case=activated_case, actor=colleague, colleague=make_clinician("tredje"))


# --- Directory ------------------------------------------------------------------------------


def test_the_directory_fixture_loads_twice_without_duplicates(directory):
    call_command("loaddata", "fixtures/40_samverkan_directory.json", verbosity=0)
    assert Municipality.objects.count() == 8
    assert OrganisationType.objects.count() == 12
    assert WheelArea.objects.count() == 7
    assert BvcUnit.objects.count() == 34


def test_bvc_emails_and_switchboards_are_exactly_as_in_the_source(directory):
    assert BvcUnit.objects.get(name="Åseda").email == "vc-åseda@kronoberg.se"
    assert BvcUnit.objects.get(name="Vislanda").email == "info.vislanda@achima.se"
    assert Municipality.objects.get(name="Ljungby").switchboard == "0372 - 78 90 00"


def test_unconfirmed_wheel_area_names_are_flagged(directory):
    assert WheelArea.objects.filter(awaiting_confirmation=True).count() == 7
