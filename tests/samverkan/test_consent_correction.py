"""A consent recorded by mistake is corrected: the earlier record stays, marked with who, when
and why; the new one is the one that holds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.models import AuditEntry, Consent
from samverkan.services import cases as cs

pytestmark = pytest.mark.django_db


def post_consent(client, case, party, organisations, **extra):
    return client.post(
        reverse("samverkan:consent", kwargs={"pk": case.pk}),
        {
            "party": party,
            "method": "oral",
            "given_on": timezone.localdate().isoformat(),
            "organisations": [o.pk for o in organisations],
            **extra,
        },
        follow=True,
    )


@pytest.fixture
def one_guardian(activated_case, clinician):
    cs.case_set_custody(case=activated_case, actor=clinician, custody="one")
    return cs.case_add_guardian(case=activated_case, actor=clinician, name="Vera")


def test_a_correction_keeps_the_earlier_record_marked_with_who_when_and_why(
    client, activated_case, one_guardian, clinician, org
):
    client.force_login(clinician)
    post_consent(client, activated_case, f"g{one_guardian.pk}", [org("Polis")])
    response = post_consent(
        client,
        activated_case,
        f"g{one_guardian.pk}",
        [org("Skola")],
        correction_reason="Fel verksamhet kryssad",
    )
    assert [str(m) for m in response.context["messages"]][-1] == (
        "Samtycket är rättat. Den tidigare registreringen finns kvar i historiken."
    )
    earlier, current = Consent.objects.filter(case=activated_case).order_by("id")
    assert earlier.supersession == "corrected"
    assert earlier.superseded_by == clinician and earlier.superseded_at is not None
    assert earlier.correction_reason == "Fel verksamhet kryssad"
    assert earlier.replaced_by == current and current.superseded_at is None
    assert [o.name for o in earlier.organisations.all()] == ["Polis"]  # kept as it was
    assert [c.pk for c in cs.active_consents(activated_case)] == [current.pk]
    page = response.content.decode()
    assert "Rättat</strong>" in page and "av klinikern: Fel verksamhet kryssad" in page
    assert page.count("<td>Vera</td>") == 2  # both records in the history


def test_only_the_corrected_consent_decides_what_may_be_invited(
    client, activated_case, one_guardian, clinician, org
):
    client.force_login(clinician)
    post_consent(client, activated_case, f"g{one_guardian.pk}", [org("Polis"), org("Skola")])
    post_consent(client, activated_case, f"g{one_guardian.pk}", [org("Skola")])
    assert cs.consented_organisation_ids(activated_case) == {org("Skola").pk}


def test_the_correction_is_audited_as_corrected(
    client, activated_case, one_guardian, clinician, org
):
    client.force_login(clinician)
    post_consent(client, activated_case, f"g{one_guardian.pk}", [org("Polis")])
    post_consent(client, activated_case, f"g{one_guardian.pk}", [org("Skola")])
    details = list(
        AuditEntry.objects.filter(case=activated_case, detail__startswith="Samtycke ")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == [
        "Samtycke registrerat (muntligt, vårdnadshavare).",
        "Samtycke rättat (muntligt, vårdnadshavare).",
    ]


def test_the_case_pages_correct_link_opens_the_form_with_the_consent_as_it_holds(
    client, activated_case, one_guardian, clinician, org
):
    client.force_login(clinician)
    given_on = timezone.localdate() - datetime.timedelta(days=3)
    cs.case_record_consent(
        case=activated_case,
        actor=clinician,
        guardian=one_guardian,
        by_youth=False,
        method="written",
        given_on=given_on,
        organisations=[org("Skola")],
    )
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": activated_case.pk}))
    link = reverse("samverkan:consent", kwargs={"pk": activated_case.pk})
    assert f'href="{link}?part=g{one_guardian.pk}"' in page.content.decode()
    form = client.get(link, {"part": f"g{one_guardian.pk}"}).context["form"]
    assert form.initial["method"] == "written" and form.initial["given_on"] == given_on
    assert list(form.initial["organisations"]) == [org("Skola")]
