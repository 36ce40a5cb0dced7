"""Consent by custody through the pages: who must consent, who is missing, what each signer's
form shows, whom the letter names, and which organisations may be invited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.models import CaseState
from samverkan.services import cases as cs
from samverkan.services import errors

from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def consent(client, case, party, organisations):
    return client.post(
        reverse("samverkan:consent", kwargs={"pk": case.pk}),
        {
            "party": party,
            "method": "written",
            "given_on": timezone.localdate().isoformat(),
            "organisations": [o.pk for o in organisations],
        },
    )


def add_party(client, case, name):
    client.post(reverse("samverkan:guardian_add", kwargs={"pk": case.pk}), {"name": name})
    return case.guardians.get(name=name)


def complete(client, case):
    return client.post(reverse("samverkan:consent_complete", kwargs={"pk": case.pk}))


def test_consent_cannot_be_complete_before_custody_is_stated(
    client, activated_case, clinician, org
):
    client.force_login(clinician)
    g = add_party(client, activated_case, "Anna")
    consent(client, activated_case, f"g{g.pk}", [org("Skola")])
    assert messages_of(complete(client, activated_case))[-1] == errors.CUSTODY_MISSING
    activated_case.refresh_from_db()
    assert activated_case.state == CaseState.CONSENT


def test_joint_custody_with_one_guardian_registered_names_the_missing_second(
    client, activated_case, clinician, org
):
    client.force_login(clinician)
    client.post(reverse("samverkan:custody", kwargs={"pk": activated_case.pk}), {"custody": "two"})
    g = add_party(client, activated_case, "Anna")
    consent(client, activated_case, f"g{g.pk}", [org("Skola")])
    response = complete(client, activated_case)
    assert messages_of(response)[-1] == errors.CONSENT_INCOMPLETE.format(
        missing="den andra vårdnadshavaren (inte registrerad)"
    )
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": activated_case.pk}))
    assert "den andra vårdnadshavaren (inte registrerad)" in page.content.decode()


def test_joint_custody_needs_both_and_the_young_person_when_mature(
    client, activated_case, clinician, org
):
    client.force_login(clinician)
    pk = {"pk": activated_case.pk}
    client.post(reverse("samverkan:custody", kwargs=pk), {"custody": "two"})
    client.post(reverse("samverkan:youth", kwargs=pk), {"youth_consents": "on"})
    a = add_party(client, activated_case, "Anna")
    b = add_party(client, activated_case, "Bertil")
    consent(client, activated_case, f"g{a.pk}", [org("Skola")])
    response = complete(client, activated_case)
    assert messages_of(response)[-1] == errors.CONSENT_INCOMPLETE.format(
        missing="Bertil, Testa Barnsson"
    )
    consent(client, activated_case, f"g{b.pk}", [org("Skola")])
    consent(client, activated_case, "youth", [org("Skola")])
    assert complete(client, activated_case).status_code == 302
    activated_case.refresh_from_db()
    assert activated_case.state == CaseState.INITIATION


def test_a_third_party_is_refused_under_joint_custody(client, activated_case, clinician):
    client.force_login(clinician)
    cs.case_set_custody(case=activated_case, actor=clinician, custody="two")
    add_party(client, activated_case, "Anna")
    add_party(client, activated_case, "Bertil")
    response = client.post(
        reverse("samverkan:guardian_add", kwargs={"pk": activated_case.pk}),
        {"name": "Cecilia"},
        follow=True,
    )
    assert messages_of(response)[-1] == errors.CUSTODY_FULL.format(
        custody="Två vårdnadshavare (gemensam vårdnad)", count=2
    )
    assert activated_case.guardians.count() == 2


def test_custody_that_contradicts_the_registered_parties_is_refused(
    client, activated_case, clinician
):
    client.force_login(clinician)
    cs.case_set_custody(case=activated_case, actor=clinician, custody="two")
    add_party(client, activated_case, "Anna")
    add_party(client, activated_case, "Bertil")
    response = client.post(
        reverse("samverkan:custody", kwargs={"pk": activated_case.pk}), {"custody": "one"}
    )
    assert messages_of(response)[-1] == errors.CUSTODY_CONFLICT.format(
        custody="En vårdnadshavare (ensam vårdnad)"
    )


def split_consent_case(client, case, clinician, org):
    """Guardian A consents to Skola and Vårdcentral, guardian B to Skola only."""
    client.force_login(clinician)
    cs.case_set_custody(case=case, actor=clinician, custody="two")
    a = add_party(client, case, "Anna")
    b = add_party(client, case, "Bertil")
    consent(client, case, f"g{a.pk}", [org("Skola"), org("Vårdcentral")])
    consent(client, case, f"g{b.pk}", [org("Skola")])
    assert complete(client, case).status_code == 302
    case.refresh_from_db()
    return a, b


def test_each_signers_form_ticks_only_what_that_signer_consented_to(
    client, activated_case, clinician, org
):
    a, b = split_consent_case(client, activated_case, clinician, org)
    url = reverse("samverkan:consent_pdf", kwargs={"pk": activated_case.pk})
    text_a = pdf_text(client.get(url, {"part": f"g{a.pk}"}))
    text_b = pdf_text(client.get(url, {"part": f"g{b.pk}"}))
    assert "☒ Skola" in text_a and "☒ Vårdcentral" in text_a
    assert "☒ Skola" in text_b and "☐ Vårdcentral" in text_b and "☒ Vårdcentral" not in text_b
    assert "Bertil: ____" in text_b and "Anna: ____" not in text_b
    blank = pdf_text(client.get(url))
    assert "☒" not in blank


def test_only_organisations_every_party_consented_to_are_offered_and_accepted(
    client, activated_case, clinician, org
):
    from samverkan.models import WheelArea
    from samverkan.services import meetings as ms

    split_consent_case(client, activated_case, clinician, org)
    ms.case_record_initiation(
        case=activated_case,
        actor=clinician,
        age_group="school",
        municipality=None,
        areas=[WheelArea.objects.first()],
    )
    ms.case_book_meeting(
        case=activated_case,
        actor=clinician,
        form="physical",
        room="Rum 1",
        starts_at=timezone.now() + timezone.timedelta(days=3),
    )
    url = reverse("samverkan:invite", kwargs={"pk": activated_case.pk})
    offered = list(client.get(url).context["form"].fields["organisation"].queryset)
    assert offered == [org("Skola")]
    response = client.post(url, {"organisation": org("Vårdcentral").pk, "recipient": "VC"})
    assert response.context["form"].errors["organisation"] == [errors.INVITE_NOT_CONSENTED]
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": activated_case.pk}))
    assert "Får bjudas in (samtycke från alla):</strong> Skola</p>" in page.content.decode()


def test_the_letter_names_exactly_the_parties_that_consented(client, invited_case, clinician):
    client.force_login(clinician)
    invitation = invited_case.invitations.get()
    url = reverse(
        "samverkan:invitation_pdf", kwargs={"pk": invited_case.pk, "invitation_id": invitation.pk}
    )
    text = " ".join(pdf_text(client.get(url)).split())
    assert "Med samtycke från vårdnadshavaren Vera Vårdnadshavare bjuder vi in Skola" in text
    assert "barnet och vårdnadshavarna" not in text


def test_social_services_as_custodian_is_the_one_party_and_named_in_the_letter(
    activated_case, clinician, org
):
    cs.case_set_custody(case=activated_case, actor=clinician, custody="social_services")
    party = cs.case_add_guardian(
        case=activated_case, actor=clinician, name="Socialsekreterare Sara"
    )
    assert party.role == "social_services"
    assert cs.missing_consents(activated_case) == ["Socialsekreterare Sara"]
    cs.case_record_consent(
        case=activated_case,
        actor=clinician,
        guardian=party,
        by_youth=False,
        method="written",
        given_on=timezone.localdate(),
        organisations=[org("Skola")],
    )
    assert cs.missing_consents(activated_case) == []
    assert cs.consent_sentence(activated_case) == "socialtjänsten (Socialsekreterare Sara)"


def test_consent_is_not_offered_before_a_party_with_custody_is_registered(
    client, activated_case, clinician, org
):
    client.force_login(clinician)
    case_page = reverse("samverkan:case_detail", kwargs={"pk": activated_case.pk})
    consent_url = reverse("samverkan:consent", kwargs={"pk": activated_case.pk})
    assert f'href="{consent_url}"' not in client.get(case_page).content.decode()
    assert errors.CONSENT_NO_GUARDIAN in client.get(consent_url).content.decode()
    refused = client.post(
        consent_url,
        {
            "party": "youth",
            "method": "oral",
            "given_on": timezone.localdate().isoformat(),
            "organisations": [org("Skola").pk],
        },
        follow=True,
    )
    assert messages_of(refused)[-1] == errors.CONSENT_NO_GUARDIAN
    assert not activated_case.consents.exists()
    add_party(client, activated_case, "Anna")
    assert f'href="{consent_url}"' in client.get(case_page).content.decode()
