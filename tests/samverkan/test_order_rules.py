"""Order, dates and duplicates through the pages: a meeting is held on or after its date, a
contact before the meeting needs consent, an organisation is invited once per meeting unless
that invitation is withdrawn."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.models import AuditEntry, CaseState, Invitation
from samverkan.services import errors

pytestmark = pytest.mark.django_db

GUIDE = {
    "family_first": "on",
    "proportionate": "on",
    "areas": "on",
    "views": "on",
    "solutions": "on",
}


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_meeting_cannot_be_registered_as_held_before_its_date(client, invited_case, clinician):
    client.force_login(clinician)
    meeting = invited_case.meetings.get()
    url = reverse("samverkan:meeting_held", kwargs={"pk": invited_case.pk})
    response = client.post(url, GUIDE, follow=True)
    day = timezone.localdate(meeting.starts_at).isoformat()
    assert messages_of(response) == [errors.MEETING_NOT_YET.format(date=day)]
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": invited_case.pk}))
    assert url not in page.content.decode()  # the case page does not offer it either
    invited_case.refresh_from_db()
    meeting.refresh_from_db()
    assert invited_case.state == CaseState.INVITED and not meeting.held


def test_on_its_day_the_meeting_can_be_registered_as_held(client, invited_case, clinician):
    invited_case.meetings.update(starts_at=timezone.now())
    client.force_login(clinician)
    response = client.post(reverse("samverkan:meeting_held", kwargs={"pk": invited_case.pk}), GUIDE)
    assert response.status_code == 302
    invited_case.refresh_from_db()
    assert invited_case.state == CaseState.MEETING_HELD


def test_a_contact_before_the_meeting_with_an_organisation_without_consent_is_refused(
    client, invited_case, clinician, org
):
    client.force_login(clinician)
    response = client.post(
        reverse("samverkan:contact", kwargs={"pk": invited_case.pk}),
        {
            "organisation": org("Polis").pk,
            "purpose": "Avgöra om de ska bjudas in",
            "shared_was_proportionate": "on",
            "no_support_agreed": "on",
        },
    )
    assert messages_of(response) == [errors.CONTACT_WITHOUT_CONSENT.format(organisation="Polis")]
    assert not invited_case.contacts.exists()


def test_an_organisation_is_not_invited_twice_to_the_same_meeting(
    client, invited_case, clinician, org
):
    client.force_login(clinician)
    url = reverse("samverkan:invite", kwargs={"pk": invited_case.pk})
    response = client.post(url, {"organisation": org("Skola").pk, "recipient": "Rektor igen"})
    assert messages_of(response) == [errors.INVITE_DUPLICATE.format(organisation="Skola")]
    assert invited_case.invitations.count() == 1


def test_a_withdrawn_invitation_is_marked_and_the_organisation_may_be_invited_again(
    client, invited_case, clinician, org
):
    client.force_login(clinician)
    invitation = invited_case.invitations.get()
    url = reverse(
        "samverkan:invitation_withdraw",
        kwargs={"pk": invited_case.pk, "invitation_id": invitation.pk},
    )
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": " "})
    assert refused.status_code == 200 and invited_case.invitations.get().withdrawn_at is None
    assert client.post(url, {"reason": "Fel skola"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.is_withdrawn and invitation.withdrawn_reason == "Fel skola"
    assert AuditEntry.objects.filter(
        case=invited_case, detail="Inbjudan till Skola tillbakadragen."
    ).exists()
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": invited_case.pk}))
    assert f"Tillbakadragen {timezone.localdate().isoformat()}:" in page.content.decode()
    again = client.post(
        reverse("samverkan:invite", kwargs={"pk": invited_case.pk}),
        {"organisation": org("Skola").pk, "recipient": "Rektor, rätt skola"},
    )
    assert again.status_code == 302
    assert Invitation.objects.filter(case=invited_case, withdrawn_at=None).count() == 1
    twice = client.post(url, {"reason": "Igen"})
    assert messages_of(twice)[-1] == errors.INVITATION_ALREADY_WITHDRAWN


def test_a_meeting_booked_in_the_past_is_still_refused(client, consented_case, clinician):
    client.force_login(clinician)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("samverkan:meeting_book", kwargs={"pk": consented_case.pk}),
        {"form": "physical", "room": "Rum 1", "date": yesterday.isoformat(), "time": "10:00"},
    )
    assert messages_of(response) == [errors.MEETING_IN_PAST]
