import datetime

import pytest
from django.urls import reverse

from checklists.models import EventAttendance, EventKind, RegionEvent
from checklists.services import (
    DAYS_OUT_OF_RANGE,
    EVENT_IN_FUTURE,
    NOT_ALLOWED_DAYS,
    NOT_FAMILJEOMBUD,
    ReadinessError,
    event_register_attendance,
    membership_set_days_per_month,
)
from organisation.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return RegionEvent.objects.create(
        kind=EventKind.NETWORK_MEETING,
        date=datetime.date.today().replace(month=1, day=1),
        title="Vårträff",
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 403), ("strateg", 403), ("member", 200)],
)
def test_the_familjeombud_page_is_for_familjeombud(request, client, member, meeting, who, expected):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("checklists:events")).status_code == expected


def test_a_familjeombud_registers_and_removes_their_own_attendance(client, member, meeting):
    client.force_login(member)
    url = reverse("checklists:event_attend", args=[meeting.pk])
    assert client.get(url).status_code == 200  # confirmation page
    client.post(url)
    assert EventAttendance.objects.filter(event=meeting, user=member).count() == 1
    client.post(url)  # twice is still once
    assert EventAttendance.objects.filter(event=meeting, user=member).count() == 1
    client.post(url, {"leave": "1"})
    assert not EventAttendance.objects.exists()


def test_someone_who_is_not_familjeombud_cannot_register_attendance(outsider, meeting):
    with pytest.raises(ReadinessError) as error:
        event_register_attendance(event=meeting, user=outsider)
    assert str(error.value) == NOT_FAMILJEOMBUD


def test_attendance_at_a_future_event_is_refused(member, meeting):
    with pytest.raises(ReadinessError) as error:
        event_register_attendance(
            event=meeting, user=member, today=meeting.date - datetime.timedelta(days=1)
        )
    assert str(error.value) == EVENT_IN_FUTURE
    assert not EventAttendance.objects.exists()


def test_the_familjeombud_page_counts_meetings_this_year(client, member, meeting):
    EventAttendance.objects.create(event=meeting, user=member)
    client.force_login(member)
    (mine,) = client.get(reverse("checklists:events")).context["mine"]
    assert (mine.network_meetings, mine.training_days) == (1, 0)
    assert mine.lacks == [
        "avsatt tid under 1 dag/månad",
        "grundutbildning 0 av 2 dagar",
        "nätverksträffar 1 av 2",
    ]


def test_a_familjeombud_sets_their_days_per_month(client, member, unit):
    membership = Membership.objects.get(user=member)
    client.force_login(member)
    url = reverse("checklists:days_update", args=[membership.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"days": "3"})
    membership.refresh_from_db()
    assert membership.days_per_month == 3


def test_days_outside_the_range_are_refused_with_a_message(client, member):
    membership = Membership.objects.get(user=member)
    client.force_login(member)
    response = client.post(
        reverse("checklists:days_update", args=[membership.pk]), {"days": "40"}, follow=True
    )
    assert DAYS_OUT_OF_RANGE in [str(m) for m in response.context["messages"]]
    membership.refresh_from_db()
    assert membership.days_per_month is None


def test_a_colleague_who_is_not_chef_cannot_set_someone_elses_days(member, unit):
    from .conftest import MembershipFactory

    colleague = MembershipFactory(unit=unit, role="medarbetare").user
    with pytest.raises(ReadinessError) as error:
        membership_set_days_per_month(
            membership=Membership.objects.get(user=member), days=2, by=colleague
        )
    assert str(error.value) == NOT_ALLOWED_DAYS


def test_the_chef_sets_the_familjeombuds_days(member, other_member):
    membership = Membership.objects.get(user=member)
    membership_set_days_per_month(membership=membership, days=4, by=other_member)
    membership.refresh_from_db()
    assert membership.days_per_month == 4


def test_an_outsider_gets_404_for_another_units_days_form(client, member, outsider):
    client.force_login(outsider)
    url = reverse("checklists:days_update", args=[Membership.objects.get(user=member).pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "attend", "days"),
    [("anonymous", 302, 302), ("outsider", 403, 404), ("strateg", 403, 200),
     ("member", 200, 200), ("superuser", 403, 200)],
)  # fmt: skip
def test_the_attendance_and_days_pages_answer_by_who_is_asking(
    request, client, member, meeting, who, attend, days
):
    """The region may look at a unit's days form (read), but only the familjeombud or chef
    can save it (service guard); attendance is only ever one's own."""
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    membership = Membership.objects.get(user=member)
    assert client.get(reverse("checklists:event_attend", args=[meeting.pk])).status_code == attend
    assert client.get(reverse("checklists:days_update", args=[membership.pk])).status_code == days


def test_the_region_cannot_save_a_familjeombuds_days(client, member, strateg):
    membership = Membership.objects.get(user=member)
    client.force_login(strateg)
    response = client.post(
        reverse("checklists:days_update", args=[membership.pk]), {"days": "2"}, follow=True
    )
    assert NOT_ALLOWED_DAYS in [str(m) for m in response.context["messages"]]
    membership.refresh_from_db()
    assert membership.days_per_month is None
