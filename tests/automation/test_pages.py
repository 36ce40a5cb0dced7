"""The start page's reminders and the reminder settings page."""

import datetime

import pytest
from django.utils import timezone

from automation.models import ReminderKind, ReminderOptOut
from automation.views import MSG_SAVED

pytestmark = pytest.mark.django_db
SETTINGS_URL = "/paminnelser/"


@pytest.fixture
def today_world(world):
    """The world's dates moved to today, since a page reads the real clock."""
    from samverkan.models import Meeting, PlanItem
    from training.models import Action

    now = timezone.now()
    Meeting.objects.update(starts_at=now + datetime.timedelta(days=1))
    PlanItem.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=2))
    Action.objects.update(due_on=timezone.localdate() + datetime.timedelta(days=2))
    return world


def test_the_start_page_lists_a_clinicians_reminders_and_is_never_stored(client, today_world):
    client.force_login(today_world.clinician)
    response = client.get("/")
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "Att titta på" in html
    assert f"i ärende {today_world.case.short_ref}" in html
    assert "(försenad)" in html
    assert today_world.case.child_name not in html
    assert f'href="/samverkan/{today_world.case.pk}/"' in html
    assert f'href="{SETTINGS_URL}"' in html


def test_the_start_page_of_a_unit_head_lists_the_units_reminders(client, today_world):
    client.force_login(today_world.head)
    html = client.get("/").content.decode()
    assert "Vårdcentralen Lönnen: Sätta upp rutinen i fikarummet" in html
    assert "Vårdcentralen Lönnen har inte påbörjat beredskapschecklistan" in html


def test_a_visitor_sees_no_reminders(client, today_world):
    html = client.get("/").content.decode()
    assert "Att titta på" not in html


def test_the_settings_page_has_a_labelled_checkbox_per_kind_all_on_at_first(client, world):
    client.force_login(world.head)
    html = client.get(SETTINGS_URL).content.decode()
    for kind in ReminderKind:
        assert f'<input class="form-check-input" type="checkbox" name="{kind.value}" ' in html
        assert f'<label class="form-check-label" for="id_{kind.value}">{kind.label}</label>' in html
    assert html.count(" checked>") == len(ReminderKind)
    assert '<html lang="sv">' in html


def test_clearing_a_box_turns_that_kind_off_and_the_page_shows_it(client, world):
    client.force_login(world.head)
    keep = {k.value: "on" for k in ReminderKind if k != ReminderKind.NETWORK_MEETING_SOON}
    response = client.post(SETTINGS_URL, keep, follow=True)
    assert MSG_SAVED in response.content.decode()
    assert list(ReminderOptOut.objects.filter(user=world.head).values_list("kind", flat=True)) == [
        ReminderKind.NETWORK_MEETING_SOON
    ]
    html = response.content.decode()
    assert 'name="network_meeting_soon" id="id_network_meeting_soon" ' in html
    assert html.count(" checked>") == len(ReminderKind) - 1
    client.post(SETTINGS_URL, {})
    assert ReminderOptOut.objects.filter(user=world.head).count() == len(ReminderKind)


def test_the_settings_page_needs_a_login(client):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
