"""The routine's documents (consent form, invitation, Barnets plan, calendar file) and protected
identity, on screen and on paper."""

import pytest
from django.urls import reverse

from samverkan.models import AuditAction, AuditEntry, Case
from samverkan.services import cases as cs

from .conftest import VALID_PNR
from .helpers import case_urls, pdf_text

pytestmark = pytest.mark.django_db


def test_the_consent_form_pdf_is_prefilled(client, consented_case, clinician):
    client.force_login(clinician)
    text = pdf_text(client.get(reverse("samverkan:consent_pdf", kwargs={"pk": consented_case.pk})))
    assert "Testa Barnsson" in text and "20121212-1212" in text
    assert "Vera Vårdnadshavare" in text and "Socialtjänsten" in text
    assert "Skyddade personuppgifter" not in text
    assert AuditEntry.objects.filter(case=consented_case, action=AuditAction.EXPORTED).exists()


def test_the_invitation_pdf_has_the_meeting_and_the_childs_address(client, invited_case, clinician):
    client.force_login(clinician)
    inv = invited_case.invitations.get()
    url = reverse(
        "samverkan:invitation_pdf", kwargs={"pk": invited_case.pk, "invitation_id": inv.pk}
    )
    text = pdf_text(client.get(url))
    assert "Rektor" in text and "Rum 3" in text and "Gatan 1" in text


def test_protected_identity_hides_the_address_and_warns_on_every_pdf(
    client, planned_case, clinician
):
    Case.objects.filter(pk=planned_case.pk).update(protected_identity=True)
    client.force_login(clinician)
    pk = planned_case.pk
    inv = planned_case.invitations.get()
    for url in [
        reverse("samverkan:consent_pdf", kwargs={"pk": pk}),
        reverse("samverkan:invitation_pdf", kwargs={"pk": pk, "invitation_id": inv.pk}),
        reverse("samverkan:plan_pdf", kwargs={"pk": pk, "number": 1}),
    ]:
        text = pdf_text(client.get(url))
        assert "Skyddade personuppgifter" in text, url
        assert "Gatan 1" not in text, url
    html = client.get(reverse("samverkan:case_detail", kwargs={"pk": pk})).content.decode()
    assert "Skyddade personuppgifter" in html and "Gatan 1" not in html


def test_a_new_protected_case_never_stores_the_address(clinician, directory):
    case = cs.case_create(
        actor=clinician,
        child_name="S",
        child_personnummer=VALID_PNR,
        child_address="Hemlig väg",
        protected_identity=True,
    )
    assert case.child_address == ""


def test_the_plan_pdf_has_actions_views_reminders_and_the_wheel(client, planned_case, clinician):
    client.force_login(clinician)
    text = pdf_text(
        client.get(reverse("samverkan:plan_pdf", kwargs={"pk": planned_case.pk, "number": 1}))
    )
    for expected in [
        "Extra lästräning",
        "Rektor",
        "Vill ha hjälp",
        "Positiva",
        "Link",
        "1177",
        "utskriven kopia",
        "Barnet",
    ]:
        assert expected in text, expected


def test_the_calendar_file_is_rfc5545_with_crlf_and_no_child_name(client, invited_case, clinician):
    client.force_login(clinician)
    meeting = invited_case.meetings.get()
    response = client.get(
        reverse("samverkan:meeting_ics", kwargs={"pk": invited_case.pk, "meeting_id": meeting.pk})
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert "LOCATION:Rum 3\r\n" in body
    assert "Testa" not in body and VALID_PNR not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_every_case_page_warns_about_protected_identity(client, planned_case, clinician):
    Case.objects.filter(pk=planned_case.pk).update(protected_identity=True)
    client.force_login(clinician)
    for url in case_urls(planned_case):
        response = client.get(url)
        if response["Content-Type"].startswith("text/html"):
            assert "Skyddade personuppgifter." in response.content.decode(), url


def test_the_plan_pdf_contains_the_wheel_svg_with_chosen_areas(
    client, planned_case, clinician, monkeypatch
):
    import weasyprint

    seen = []
    real = weasyprint.HTML

    def spy(*args, **kwargs):
        seen.append(kwargs.get("string", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    client.force_login(clinician)
    client.get(reverse("samverkan:plan_pdf", kwargs={"pk": planned_case.pk, "number": 1}))
    assert "<svg" in seen[0]
    assert seen[0].count('data-chosen="ja"') == planned_case.areas.count() == 2


def test_marking_protected_identity_later_erases_the_address(client, planned_case, clinician):
    client.force_login(clinician)
    url = reverse("samverkan:protect", kwargs={"pk": planned_case.pk})
    assert client.get(url).status_code == 200
    client.post(url)
    planned_case.refresh_from_db()
    assert planned_case.protected_identity and planned_case.child_address == ""
    html = client.get(reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk})).content
    assert "Gatan 1" not in html.decode()
