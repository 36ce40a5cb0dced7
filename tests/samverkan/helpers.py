"""Shared by the samverkan page tests: every URL of a case, and a PDF response's text."""

import io

from django.urls import reverse
from pypdf import PdfReader


def case_urls(case):
    meeting = case.meetings.first()
    invitation = case.invitations.first()
    names = [
        "case_detail",
        "assessment",
        "guardian_add",
        "youth",
        "consent",
        "consent_complete",
        "consent_pdf",
        "initiation",
        "meeting_book",
        "invite",
        "contact",
        "meeting_held",
        "plan_edit",
        "follow_up",
        "add_member",
        "close",
        "protect",
    ]
    urls = [reverse(f"samverkan:{n}", kwargs={"pk": case.pk}) for n in names]
    urls.append(reverse("samverkan:plan_version", kwargs={"pk": case.pk, "number": 1}))
    urls.append(reverse("samverkan:plan_pdf", kwargs={"pk": case.pk, "number": 1}))
    urls.append(reverse("samverkan:meeting_ics", kwargs={"pk": case.pk, "meeting_id": meeting.pk}))
    urls.append(
        reverse("samverkan:invitation_pdf", kwargs={"pk": case.pk, "invitation_id": invitation.pk})
    )
    return urls


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)
