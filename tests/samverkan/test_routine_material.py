"""The documents a family or another organisation receives: confidentiality marking and the
sending unit on each, long words wrapped, administrators' notes left out; and the region's own
material and the KAA at the routine's steps."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.documents import CONFIDENTIALITY_MARKING
from samverkan.models import MunicipalContact, PlanItem, RoutineDocument, WheelArea
from samverkan.services import cases as cs

from .helpers import pdf_text

pytestmark = pytest.mark.django_db

FILES = {
    "consent": ["samtyckesblankett-2024.01.05.pdf"],
    "initiation": [
        "barnens_basta_hjul_2023.pdf",
        "stod-till-informationsinsamling-praxismodellen.pdf",
    ],
    "meeting": ["kronobarnsmodellen-samverkansmote-ifyllbar-2024.01.11.pdf"],
    "plan": ["rutin-for-barnets-basta-plan-i-link-1.pdf"],
}


def flat(text: str) -> str:
    return " ".join(text.split())


def case_documents(case):
    pk = case.pk
    invitation = case.invitations.get()
    return {
        "consent": reverse("samverkan:consent_pdf", kwargs={"pk": pk}),
        "invitation": reverse(
            "samverkan:invitation_pdf", kwargs={"pk": pk, "invitation_id": invitation.pk}
        ),
        "plan": reverse("samverkan:plan_pdf", kwargs={"pk": pk, "number": 1}),
        "log extract": reverse("auditlog:case_extract_pdf", kwargs={"pk": pk}),
    }


def test_every_case_document_carries_the_confidentiality_marking_and_the_unit(
    client, planned_case, clinician
):
    client.force_login(clinician)
    for name, url in case_documents(planned_case).items():
        text = flat(pdf_text(client.get(url)))
        assert CONFIDENTIALITY_MARKING in text, name
        assert "BUP Växjö" in text, name


def test_the_marking_is_repeated_on_every_page_of_a_long_plan(client, planned_case, clinician, org):
    version = planned_case.plan_versions.get()
    area = planned_case.areas.first()
    PlanItem.objects.bulk_create(
        PlanItem(
            version=version,
            area=area,
            need=f"Behov {n} " + "med en lång beskrivning " * 8,
            action="Insats",
            organisation=org("Skola"),
            person="Rektor",
            due_on=timezone.localdate(),
        )
        for n in range(40)
    )
    client.force_login(clinician)
    import io

    from pypdf import PdfReader

    response = client.get(case_documents(planned_case)["plan"])
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) > 2
    for page in pages:
        assert CONFIDENTIALITY_MARKING in flat(page.extract_text())


def test_a_long_unbroken_word_wraps_inside_its_column_of_the_plan(client, planned_case, clinician):
    word = "Lästräning" * 30  # 300 letters without a space
    PlanItem.objects.filter(version__case=planned_case).update(need=word)
    client.force_login(clinician)
    text = pdf_text(client.get(case_documents(planned_case)["plan"]))
    lines = text.splitlines()
    assert word not in lines and max(len(line) for line in lines) < 120
    assert sum(1 for line in lines if "Lästr" in line or "räning" in line) >= 10
    assert "Klart" in text and "Skola: Rektor" in text


def test_preliminary_names_stay_out_of_the_familys_plan(client, planned_case, clinician):
    assert WheelArea.objects.filter(awaiting_confirmation=True).exists()
    client.force_login(clinician)
    text = pdf_text(client.get(case_documents(planned_case)["plan"]))
    assert "Preliminärt" not in text and "*" not in text
    page = client.get(
        reverse("samverkan:plan_version", kwargs={"pk": planned_case.pk, "number": 1})
    )
    assert "Preliminärt" not in page.content.decode()
    case_page = client.get(reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk}))
    assert "Preliminärt namn" in case_page.content.decode()


def test_the_invitation_letter_names_the_clinician_the_unit_and_its_phone(
    client, invited_case, clinician
):
    clinician.first_name, clinician.last_name = "Karin", "Kliniker"
    clinician.save()
    client.force_login(clinician)
    text = flat(pdf_text(client.get(case_documents(invited_case)["invitation"])))
    assert "Karin Kliniker" in text and "BUP Växjö" in text and "0470-58 80 00" in text


@pytest.fixture
def case_with_a_guardian(activated_case, clinician):
    """The consent step is offered once a party with custody is registered."""
    cs.case_add_guardian(case=activated_case, actor=clinician, name="Vera Vårdnadshavare")
    return activated_case


# Each step in a case whose state offers it (samverkan/steps.py).
@pytest.mark.parametrize(
    ("step", "view", "case_fixture"),
    [
        ("consent", "consent", "case_with_a_guardian"),
        ("initiation", "initiation", "consented_case"),
        ("meeting", "meeting_held", "invited_case"),
        ("plan", "plan_edit", "planned_case"),
    ],
)
def test_the_regions_own_documents_are_shown_at_their_step(
    client, request, clinician, step, view, case_fixture
):
    case = request.getfixturevalue(case_fixture)
    case.meetings.update(starts_at=timezone.now())  # the meeting guide opens on the day
    client.force_login(clinician)
    html = client.get(reverse(f"samverkan:{view}", kwargs={"pk": case.pk})).content.decode()
    for other_step, files in FILES.items():
        for name in files:
            assert (name in html) == (other_step == step), (view, name)


def test_the_case_page_links_every_region_document(client, planned_case, clinician):
    client.force_login(clinician)
    html = client.get(reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk}))
    for files in FILES.values():
        for name in files:
            assert name in html.content.decode(), name


def test_an_administrator_changes_a_document_address_in_admin_and_the_step_shows_it(
    admin_client, client, case_with_a_guardian, clinician
):
    document = RoutineDocument.objects.get(step="consent")
    url = reverse("admin:samverkan_routinedocument_change", args=[document.pk])
    new = "https://www.regionkronoberg.se/samtyckesblankett-2027.pdf"
    response = admin_client.post(
        url,
        {
            "title": "Samtyckesblankett 2027",
            "url": new,
            "step": "consent",
            "description": "Ny utgåva",
            "order": 1,
        },
    )
    assert response.status_code == 302
    client.force_login(clinician)
    html = client.get(reverse("samverkan:consent", kwargs={"pk": case_with_a_guardian.pk}))
    assert new in html.content.decode() and "Samtyckesblankett 2027" in html.content.decode()


def test_the_kaa_is_in_the_directory_and_at_initiation_for_school_age_children(
    client, consented_case, clinician
):
    assert MunicipalContact.objects.filter(name__startswith="KAA").exists()
    client.force_login(clinician)
    url = reverse("samverkan:initiation", kwargs={"pk": consented_case.pk})
    html = client.get(url).content.decode()
    assert "KAA (kommunens aktivitetsansvarig)" in html and "0470 - 410 00" in html
    detail = reverse("samverkan:case_detail", kwargs={"pk": consented_case.pk})
    assert "KAA (kommunens aktivitetsansvarig)" in client.get(detail).content.decode()


def test_the_kaa_is_not_suggested_for_a_child_below_school_age(client, consented_case, clinician):
    type(consented_case).objects.filter(pk=consented_case.pk).update(age_group="preschool")
    client.force_login(clinician)
    html = client.get(reverse("samverkan:initiation", kwargs={"pk": consented_case.pk}))
    assert "KAA (kommunens aktivitetsansvarig)" not in html.content.decode()
    detail = reverse("samverkan:case_detail", kwargs={"pk": consented_case.pk})
    assert "KAA (kommunens aktivitetsansvarig)" not in client.get(detail).content.decode()


def test_the_routine_fixture_loads_twice_without_duplicates(directory):
    from django.core.management import call_command

    call_command("loaddata", "fixtures/41_samverkan_routine.json", verbosity=0)
    assert RoutineDocument.objects.count() == 5 and MunicipalContact.objects.count() == 2
