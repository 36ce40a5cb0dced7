"""A transition posted twice (a double click, a second tab, the back button) is applied once:
the second post is refused with its message or, where it would set what is already set,
changes and records nothing. The parallel version of each is in test_concurrency.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.models import AuditEntry, WheelArea
from samverkan.services import errors

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def url(name, case):
    return reverse(f"samverkan:{name}", kwargs={"pk": case.pk})


def done(client, address, data):
    """Posts and follows to the page, as the browser does, which shows (and uses up) the
    success message."""
    response = client.post(address, data, follow=True)
    assert response.redirect_chain, response.content.decode()[:500]
    return response


def changes(case):
    return AuditEntry.objects.filter(case=case, action="changed").count()


def test_the_same_meeting_is_not_booked_twice(client, consented_case, clinician):
    client.force_login(clinician)
    day = timezone.localdate() + datetime.timedelta(days=4)
    data = {"form": "physical", "room": "Rum 1", "date": day.isoformat(), "time": "09:30"}
    done(client, url("meeting_book", consented_case), data)
    response = client.post(url("meeting_book", consented_case), data)
    assert messages_of(response) == [
        errors.MEETING_DUPLICATE.format(when=f"{day.isoformat()} 09:30")
    ]
    assert consented_case.meetings.count() == 1


def test_another_time_for_a_meeting_can_still_be_booked(client, consented_case, clinician):
    client.force_login(clinician)
    day = (timezone.localdate() + datetime.timedelta(days=4)).isoformat()
    for time in ("09:30", "13:00"):
        data = {"form": "physical", "room": "Rum 1", "date": day, "time": time}
        done(client, url("meeting_book", consented_case), data)
    assert consented_case.meetings.count() == 2


def test_the_same_contact_is_not_noted_twice_on_one_day(client, consented_case, clinician, org):
    client.force_login(clinician)
    data = {
        "organisation": org("Skola").pk,
        "purpose": "Avgöra om skolan ska bjudas in",
        "shared_was_proportionate": "on",
        "no_support_agreed": "on",
    }
    done(client, url("contact", consented_case), data)
    response = client.post(url("contact", consented_case), data)
    assert messages_of(response) == [errors.CONTACT_DUPLICATE.format(organisation="Skola")]
    assert consented_case.contacts.count() == 1
    other = {**data, "purpose": "Stämma av vilka fler som ska bjudas in"}
    done(client, url("contact", consented_case), other)
    assert consented_case.contacts.count() == 2


def test_a_colleague_already_on_the_case_is_not_added_again(
    client, activated_case, clinician, make_clinician
):
    make_clinician("kollegan")
    client.force_login(clinician)
    data = {"username": "kollegan"}
    done(client, url("add_member", activated_case), data)
    response = client.post(url("add_member", activated_case), data)
    assert messages_of(response) == [errors.MEMBER_ALREADY]
    assert activated_case.members.count() == 1
    response = client.post(url("add_member", activated_case), {"username": clinician.username})
    assert messages_of(response) == [errors.MEMBER_ALREADY]


def test_setting_the_same_custody_or_youth_answer_again_records_nothing(
    client, activated_case, clinician
):
    client.force_login(clinician)
    client.post(url("custody", activated_case), {"custody": "two"})
    client.post(url("youth", activated_case), {"youth_consents": "on"})
    before = changes(activated_case)
    assert client.post(url("custody", activated_case), {"custody": "two"}).status_code == 302
    assert client.post(url("youth", activated_case), {"youth_consents": "on"}).status_code == 302
    assert changes(activated_case) == before
    client.post(url("youth", activated_case), {})  # a real change is recorded
    assert changes(activated_case) == before + 1


def test_saving_the_same_initiation_again_records_nothing(client, consented_case, clinician):
    client.force_login(clinician)
    data = {
        "age_group": "school",
        "municipality": consented_case.municipality_id,
        "areas": [a.pk for a in WheelArea.objects.filter(order__in=[1, 3])],
        "initiation_note": "Stämt av med Barnens bästa-ansvarig",
    }
    client.post(url("initiation", consented_case), data)
    before = changes(consented_case)
    done(client, url("initiation", consented_case), data)
    assert changes(consented_case) == before
    client.post(url("initiation", consented_case), {**data, "areas": data["areas"][:1]})
    assert changes(consented_case) == before + 1
    assert consented_case.areas.count() == 1


def test_a_second_close_is_refused_and_records_nothing(client, activated_case, clinician):
    client.force_login(clinician)
    done(client, url("close", activated_case), {"reason": "Flyttat"})
    before = changes(activated_case)
    response = client.post(url("close", activated_case), {"reason": "Flyttat"}, follow=True)
    assert messages_of(response) == [errors.CASE_CLOSED]
    assert changes(activated_case) == before
