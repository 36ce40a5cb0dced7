"""Withdrawal of consent through the pages: wholly or for one organisation, by a guardian or the
young person; the invitations it no longer covers are withdrawn and the clinician is told whom
to inform; documents never state the withdrawn consent; bad input changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.models import AuditEntry, CaseState, ConsentWithdrawal, Invitation, WheelArea
from samverkan.services import cases as cs
from samverkan.services import errors
from samverkan.services import meetings as ms

from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def today():
    return timezone.localdate()


def withdraw(client, case, party, *, organisations=(), wholly=False, on=None, confirm=True, **kw):
    data = {
        "party": party,
        "scope": "wholly" if wholly else "some",
        "organisations": [o.pk for o in organisations],
        "withdrawn_on": (on or today()).isoformat(),
        "method": "oral",
        **kw,
    }
    if confirm:
        data["confirm"] = "1"
    return client.post(
        reverse("samverkan:consent_withdraw", kwargs={"pk": case.pk}), data, follow=confirm
    )


def consent(case, clinician, guardian, organisations, *, by_youth=False):
    return cs.case_record_consent(
        case=case,
        actor=clinician,
        guardian=guardian,
        by_youth=by_youth,
        method="written",
        given_on=today() - datetime.timedelta(days=2),
        organisations=organisations,
    )


@pytest.fixture
def two_guardian_case(activated_case, clinician, org):
    """Joint custody, both guardians consent to Skola and Vårdcentral; both are invited."""
    case = activated_case
    cs.case_set_custody(case=case, actor=clinician, custody="two")
    a = cs.case_add_guardian(case=case, actor=clinician, name="Anna Andersson")
    b = cs.case_add_guardian(case=case, actor=clinician, name="Bertil Berg")
    for g in (a, b):
        consent(case, clinician, g, [org("Skola"), org("Vårdcentral")])
    cs.case_complete_consent(case=case, actor=clinician)
    ms.case_record_initiation(
        case=case,
        actor=clinician,
        age_group="school",
        municipality=None,
        areas=[WheelArea.objects.first()],
    )
    ms.case_book_meeting(
        case=case,
        actor=clinician,
        form="physical",
        room="Rum 1",
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )
    ms.case_invite(case=case, actor=clinician, organisation=org("Skola"), recipient="Rektor Rita")
    ms.case_invite(
        case=case, actor=clinician, organisation=org("Vårdcentral"), recipient="Doktor Dahl"
    )
    case.refresh_from_db()
    return case, a, b


def test_a_guardian_withdraws_consent_for_one_organisation_and_its_invitation_is_withdrawn(
    client, two_guardian_case, clinician, org
):
    case, a, b = two_guardian_case
    client.force_login(clinician)
    response = withdraw(client, case, f"g{a.pk}", organisations=[org("Vårdcentral")])
    assert messages_of(response) == [
        "Återkallelsen av samtycket är registrerad.",
        errors.CONSENT_WITHDRAWN_INFORM.format(whom="Vårdcentral (Doktor Dahl)"),
    ]
    vc = Invitation.objects.get(case=case, organisation=org("Vårdcentral"))
    school = Invitation.objects.get(case=case, organisation=org("Skola"))
    assert vc.is_withdrawn and vc.withdrawn_reason == f"Samtycket återkallades {today()}."
    assert not school.is_withdrawn
    case.refresh_from_db()
    assert case.state == CaseState.INVITED  # consent still complete for Skola
    assert cs.consented_organisation_ids(case) == {org("Skola").pk}
    page = response.content.decode()
    assert f"Anna Andersson återkallade {today()} (muntligt) sitt samtycke för: Vårdcentral." in (
        page
    )
    # Kept on the case page until the clinician marks it done.
    assert "Vårdcentral (Doktor Dahl)" in page and "Markera som meddelat" in page


def test_a_guardian_withdraws_wholly_and_the_case_goes_back_to_the_consent_step(
    client, planned_case, clinician, org
):
    client.force_login(clinician)
    guardian = planned_case.guardians.get()
    response = withdraw(client, planned_case, f"g{guardian.pk}", wholly=True)
    assert messages_of(response) == [
        "Återkallelsen av samtycket är registrerad.",
        errors.CONSENT_WITHDRAWN_INFORM.format(whom="Skola (Rektor)"),
        errors.CONSENT_WITHDRAWN_BACK_TO_CONSENT,
    ]
    planned_case.refresh_from_db()
    assert planned_case.state == CaseState.CONSENT
    assert cs.missing_consents(planned_case) == ["Vera Vårdnadshavare"]
    assert not planned_case.invitations.filter(withdrawn_at=None).exists()
    # No new invitation without complete consent; the plan stays, marked.
    invite = client.post(
        reverse("samverkan:invite", kwargs={"pk": planned_case.pk}),
        {"organisation": org("Skola").pk, "recipient": "Rektor"},
        follow=True,
    )
    assert messages_of(invite)[-1] == errors.WRONG_STATE.format(state="Samtycke")
    assert planned_case.invitations.count() == 1
    plan = client.get(
        reverse("samverkan:plan_version", kwargs={"pk": planned_case.pk, "number": 1})
    )
    text = plan.content.decode()
    assert "Vera Vårdnadshavare återkallade" in text and "sitt samtycke helt" in text
    assert "Samtycket är inte längre komplett" in text
    assert "(samtycket återkallat)" in text
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk}))
    assert "Läs planen" in page.content.decode()  # the plan is still shown on the case


def test_the_young_person_withdraws_and_consent_is_no_longer_complete(
    client, activated_case, clinician, org
):
    case = activated_case
    cs.case_set_custody(case=case, actor=clinician, custody="one")
    cs.case_set_youth_consents(case=case, actor=clinician, youth_consents=True)
    g = cs.case_add_guardian(case=case, actor=clinician, name="Vera")
    consent(case, clinician, g, [org("Skola")])
    consent(case, clinician, None, [org("Skola")], by_youth=True)
    cs.case_complete_consent(case=case, actor=clinician)
    client.force_login(clinician)
    response = withdraw(client, case, "youth", wholly=True)
    assert messages_of(response)[-1] == errors.CONSENT_WITHDRAWN_BACK_TO_CONSENT
    case.refresh_from_db()
    assert case.state == CaseState.CONSENT
    assert cs.missing_consents(case) == ["Testa Barnsson"]
    assert "Testa Barnsson återkallade" in response.content.decode()


def test_the_consent_form_and_the_letter_never_state_a_withdrawn_consent(
    client, two_guardian_case, clinician, org
):
    case, a, b = two_guardian_case
    client.force_login(clinician)
    withdraw(client, case, f"g{a.pk}", organisations=[org("Vårdcentral")])
    form = reverse("samverkan:consent_pdf", kwargs={"pk": case.pk})
    text_a = pdf_text(client.get(form, {"part": f"g{a.pk}"}))
    assert "☒ Skola" in text_a and "☐ Vårdcentral" in text_a and "☒ Vårdcentral" not in text_a
    assert "☒ Vårdcentral" in pdf_text(client.get(form, {"part": f"g{b.pk}"}))

    vc = case.invitations.get(organisation=org("Vårdcentral"))
    letter = client.get(
        reverse("samverkan:invitation_pdf", kwargs={"pk": case.pk, "invitation_id": vc.pk}),
        follow=True,
    )
    assert letter["Content-Type"].startswith("text/html")
    assert messages_of(letter)[-1] == errors.INVITATION_LETTER_WITHDRAWN

    # Then B withdraws wholly: no letter, form or sentence states B's consent any more.
    withdraw(client, case, f"g{b.pk}", wholly=True)
    assert "☒" not in pdf_text(client.get(form, {"part": f"g{b.pk}"}))
    assert cs.consent_sentence(case, org("Skola")) == "vårdnadshavaren Anna Andersson"
    assert cs.consented_organisation_ids(case) == set()
    school = case.invitations.get(organisation=org("Skola"))
    assert school.is_withdrawn


def test_the_letter_names_only_the_parties_whose_consent_covers_its_organisation(
    two_guardian_case, clinician, org
):
    from samverkan.services.consent import case_withdraw_consent

    case, a, b = two_guardian_case
    case_withdraw_consent(
        case=case,
        actor=clinician,
        guardian=a,
        by_youth=False,
        wholly=False,
        organisations=[org("Vårdcentral")],
        withdrawn_on=today(),
        method="written",
    )
    assert cs.consent_sentence(case, org("Skola")) == (
        "vårdnadshavarna Anna Andersson och Bertil Berg"
    )
    assert cs.consent_sentence(case, org("Vårdcentral")) == "vårdnadshavaren Bertil Berg"


def test_the_plan_pdf_shows_the_withdrawal(client, planned_case, clinician, org):
    client.force_login(clinician)
    guardian = planned_case.guardians.get()
    withdraw(client, planned_case, f"g{guardian.pk}", organisations=[org("Socialtjänsten")])
    pdf = pdf_text(
        client.get(reverse("samverkan:plan_pdf", kwargs={"pk": planned_case.pk, "number": 1}))
    )
    text = " ".join(pdf.split())
    assert "Återkallat samtycke" in text
    assert f"Vera Vårdnadshavare återkallade {today()} (muntligt) sitt samtycke för: " in text
    assert "Socialtjänsten." in text
    planned_case.refresh_from_db()
    assert planned_case.state == CaseState.PLAN  # Skola still consented by the one guardian


def test_the_confirmation_page_shows_what_will_follow_and_changes_nothing(
    client, two_guardian_case, clinician, org
):
    case, a, b = two_guardian_case
    client.force_login(clinician)
    before = AuditEntry.objects.filter(case=case, action="changed").count()
    response = withdraw(client, case, f"g{b.pk}", wholly=True, confirm=False)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bekräfta återkallelsen" in page
    assert "Inbjudningarna dras tillbaka:</li>" not in page
    assert "Skola (Rektor Rita), Vårdcentral (Doktor Dahl)" in page
    assert errors.CONSENT_WITHDRAWAL_WILL_RETURN in page
    assert not ConsentWithdrawal.objects.exists()
    assert not case.invitations.exclude(withdrawn_at=None).exists()
    case.refresh_from_db()
    assert case.state == CaseState.INVITED
    assert AuditEntry.objects.filter(case=case, action="changed").count() == before


def test_the_withdrawal_is_audited_without_names(client, two_guardian_case, clinician, org):
    case, a, b = two_guardian_case
    client.force_login(clinician)
    withdraw(client, case, f"g{a.pk}", organisations=[org("Vårdcentral")])
    entry = AuditEntry.objects.filter(case=case, detail__startswith="Samtycke återkallat").get()
    assert entry.detail == (
        "Samtycke återkallat (muntligt, vårdnadshavare) för Vårdcentral. "
        "Inbjudningar tillbakadragna: 1."
    )
    withdraw(client, case, f"g{b.pk}", wholly=True)
    last = AuditEntry.objects.filter(case=case, detail__startswith="Samtycke återkallat").first()
    assert last.detail == (
        "Samtycke återkallat (muntligt, vårdnadshavare) helt. Inbjudningar tillbakadragna: 1. "
        "Samtycket är inte längre komplett."
    )
    for e in AuditEntry.objects.filter(case=case):
        assert "Anna" not in e.detail and "Bertil" not in e.detail and "Testa" not in e.detail


@pytest.mark.parametrize(
    ("case_input", "message"),
    [
        ({"on": "future"}, errors.CONSENT_WITHDRAW_FUTURE_DATE),
        ({"on": "before"}, errors.CONSENT_WITHDRAW_BEFORE_GIVEN),
        ({"party": "never"}, errors.CONSENT_WITHDRAW_NO_CONSENT),
        ({"nothing": True}, errors.CONSENT_WITHDRAW_NOTHING),
        ({"stray": True}, errors.CONSENT_WITHDRAW_NOT_GIVEN),
    ],
    ids=["future-date", "before-consent", "party-never-consented", "nothing-chosen", "stray"],
)
def test_bad_input_gives_the_swedish_message_and_loses_nothing(
    client, activated_case, clinician, org, case_input, message
):
    case = activated_case
    cs.case_set_custody(case=case, actor=clinician, custody="two")
    a = cs.case_add_guardian(case=case, actor=clinician, name="Anna")
    b = cs.case_add_guardian(case=case, actor=clinician, name="Bertil")
    given = consent(case, clinician, a, [org("Skola"), org("Vårdcentral")])
    client.force_login(clinician)
    party = f"g{b.pk}" if case_input.get("party") == "never" else f"g{a.pk}"
    on = {
        "future": today() + datetime.timedelta(days=1),
        "before": given.given_on - datetime.timedelta(days=1),
    }.get(case_input.get("on"), today())
    organisations = [] if case_input.get("nothing") else [org("Vårdcentral")]
    if case_input.get("stray"):
        organisations = [org("Polis")]
        message = message.format(organisation="Polis")
    if case_input.get("on") == "before":
        message = message.format(date=given.given_on.isoformat())
    response = withdraw(
        client, case, party, organisations=organisations, on=on, confirm=True, wholly=False
    )
    assert response.status_code == 200
    if case_input.get("stray"):
        # Not among what some party consents to: the form refuses it before the service.
        assert response.context["form"].errors["organisations"]
        assert not ConsentWithdrawal.objects.exists()
        return
    assert messages_of(response)[-1] == message
    assert not ConsentWithdrawal.objects.exists()
    assert [c.pk for c in cs.active_consents(case)] == [given.pk]
    # What was typed is still in the form.
    assert response.context["form"].data["withdrawn_on"] == on.isoformat()


def test_organisations_outside_the_consent_are_refused_by_the_service(
    activated_case, clinician, org
):
    from samverkan.services.consent import case_withdraw_consent
    from samverkan.services.errors import CaseError

    cs.case_set_custody(case=activated_case, actor=clinician, custody="one")
    g = cs.case_add_guardian(case=activated_case, actor=clinician, name="Vera")
    consent(activated_case, clinician, g, [org("Skola")])
    with pytest.raises(CaseError) as refused:
        case_withdraw_consent(
            case=activated_case,
            actor=clinician,
            guardian=g,
            by_youth=False,
            wholly=False,
            organisations=[org("Polis")],
            withdrawn_on=today(),
            method="oral",
        )
    assert str(refused.value) == errors.CONSENT_WITHDRAW_NOT_GIVEN.format(organisation="Polis")
    assert not ConsentWithdrawal.objects.exists()


def test_marking_the_people_informed_takes_the_reminder_away(
    client, two_guardian_case, clinician, org
):
    case, a, b = two_guardian_case
    client.force_login(clinician)
    withdraw(client, case, f"g{a.pk}", organisations=[org("Vårdcentral")])
    withdrawal = ConsentWithdrawal.objects.get()
    url = reverse(
        "samverkan:consent_informed", kwargs={"pk": case.pk, "withdrawal_id": withdrawal.pk}
    )
    assert "Vårdcentral (Doktor Dahl)" in client.get(url).content.decode()
    withdrawal.refresh_from_db()
    assert withdrawal.informed_at is None  # a GET only shows the confirmation
    response = client.post(url, follow=True)
    assert "Markera som meddelat" not in response.content.decode()
    withdrawal.refresh_from_db()
    assert withdrawal.informed_by == clinician
    again = client.post(url)
    assert messages_of(again)[-1] == errors.CONSENT_WITHDRAWAL_ALREADY_INFORMED
    assert (
        AuditEntry.objects.filter(
            case=case, detail="Återkallat samtycke: de berörda är meddelade."
        ).count()
        == 1
    )


def test_withdrawal_is_not_offered_before_anyone_has_consented(client, activated_case, clinician):
    client.force_login(clinician)
    page = client.get(reverse("samverkan:consent_withdraw", kwargs={"pk": activated_case.pk}))
    assert page.context["refusal"] == errors.CONSENT_WITHDRAW_NONE_HOLDING


def test_consent_given_again_after_a_withdrawal_completes_the_consent_anew(
    client, planned_case, clinician, org
):
    client.force_login(clinician)
    guardian = planned_case.guardians.get()
    withdraw(client, planned_case, f"g{guardian.pk}", wholly=True)
    planned_case.refresh_from_db()
    consent(planned_case, clinician, guardian, [org("Skola")])
    cs.case_complete_consent(case=planned_case, actor=clinician)
    planned_case.refresh_from_db()
    assert planned_case.state == CaseState.INITIATION
    records = list(planned_case.consents.order_by("id"))
    assert len(records) == 2 and records[0].supersession == "renewed"
    assert records[0].replaced_by == records[1]
    # A renewal is a new consent, not a correction.
    details = list(
        AuditEntry.objects.filter(case=planned_case, detail__startswith="Samtycke ")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details[-2:] == [
        "Samtycke registrerat (skriftligt, vårdnadshavare).",
        "Samtycke komplett.",
    ]


def test_an_oral_withdrawal_gets_a_journal_note_to_copy(client, two_guardian_case, clinician, org):
    case, a, b = two_guardian_case
    client.force_login(clinician)
    page = withdraw(client, case, f"g{a.pk}", organisations=[org("Vårdcentral")])
    assert (
        "Samtycket till samverkan inom Kronobarnsmodellen återkallades muntligen den "
        f"{today()} av Anna Andersson för Vårdcentral."
    ) in page.content.decode()
