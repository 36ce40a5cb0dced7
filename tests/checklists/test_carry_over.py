"""A new year can start from last year's answers; each answer carried over stays marked until a
member confirms it (saving it unchanged) or changes it. The demo unit of `make run` has
earlier years, so a newcomer sees history and a trend."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from checklists.models import Assessment, ItemStatus
from checklists.selectors import awaiting_confirmation
from checklists.services import assessment_set_status, assessment_start_year
from organisation.models import Unit

pytestmark = pytest.mark.django_db
MARK = "Från förra årets svar – inte bekräftat ännu."


@pytest.fixture
def last_year(unit, member, items):
    a25 = assessment_start_year(unit=unit, year=2025, by=member, copy_previous=False)
    assessment_set_status(assessment=a25, item=items[0], status="klar", by=member)
    assessment_set_status(assessment=a25, item=items[1], status="pagar", by=member, comment="Vår")
    return a25


def start_2026(unit, member):
    return assessment_start_year(unit=unit, year=2026, by=member, copy_previous=True)


def test_answers_carried_over_are_marked_until_confirmed(client, unit, member, items, last_year):
    a26 = start_2026(unit, member)
    entries = {e.item_id: e for e in a26.entries.prefetch_related("history")}
    assert awaiting_confirmation(entries[items[0].pk])
    assert awaiting_confirmation(entries[items[1].pk])
    assert not awaiting_confirmation(entries[items[2].pk])  # nothing to carry: not marked
    client.force_login(member)
    html = client.get(reverse("checklists:unit_detail", args=[unit.pk]), {"ar": 2026}).content
    assert html.decode().count(MARK) == 2


def test_saving_a_carried_answer_unchanged_confirms_it_with_a_history_line(
    client, unit, member, items, last_year
):
    a26 = start_2026(unit, member)
    entry = assessment_set_status(assessment=a26, item=items[0], status="klar", by=member)
    changes = list(entry.history.all())
    assert [(c.from_status, c.to_status, c.copied) for c in changes] == [
        (ItemStatus.NOT_STARTED, ItemStatus.DONE, True),
        (ItemStatus.DONE, ItemStatus.DONE, False),
    ]
    assert not awaiting_confirmation(entry)
    client.force_login(member)
    html = client.get(reverse("checklists:unit_detail", args=[unit.pk]), {"ar": 2026}).content
    assert html.decode().count(MARK) == 1
    assert "Klar bekräftat" in html.decode()


def test_saving_a_confirmed_answer_unchanged_adds_nothing(unit, member, items, last_year):
    a26 = start_2026(unit, member)
    assessment_set_status(assessment=a26, item=items[0], status="klar", by=member)
    entry = assessment_set_status(assessment=a26, item=items[0], status="klar", by=member)
    assert entry.history.count() == 2


def test_changing_a_carried_answer_ends_the_mark(unit, member, items, last_year):
    a26 = start_2026(unit, member)
    entry = assessment_set_status(
        assessment=a26, item=items[1], status="klar", by=member, comment="Vår"
    )
    assert not awaiting_confirmation(entry)


def test_the_demo_unit_has_earlier_years_and_this_year_left_to_start(items):
    call_command("seed_demo_units", "--dev", stdout=io.StringIO())
    this_year = timezone.localdate().year
    first = Unit.objects.get(name="Vårdcentralen Teleborg")
    years = sorted(Assessment.objects.filter(unit=first).values_list("year", flat=True))
    assert years == [this_year - 2, this_year - 1]
    call_command("seed_demo_units", "--dev", stdout=io.StringIO())  # idempotent
    assert Assessment.objects.filter(unit=first).count() == 2
