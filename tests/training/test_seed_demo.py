"""`make run` (manage.py dev_setup) gives Utbildning demo data: for each demo unit one held
session with notes and actions (one open, tied to a checklist item) and one planned session,
made through the training services; running dev_setup again creates nothing new."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from checklists.management.commands.seed_demo_units import DEV_UNITS
from familjeombud.management.commands.dev_setup import DEMO_COMMANDS
from organisation.models import Unit
from training.management.commands.seed_demo_training import HELD_TITLE, NO_UNITS, PLANNED_TITLE
from training.models import (
    Action,
    ActionStatus,
    ItemKind,
    SessionItem,
    SessionLogEntry,
    SessionStatus,
    TrainingSession,
)

OPEN_ACTION = "Sätta upp rutinen för orosanmälan i personalrummet"


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (TrainingSession, SessionItem, Action, SessionLogEntry)
    )


@pytest.fixture
def dev_setup_twice(db, capsys):
    """dev_setup as `make run` runs it, twice; what the first run printed (its subcommands
    write to the terminal) and the row counts after it."""
    call_command("dev_setup")
    printed = capsys.readouterr().out
    after_first = counts()
    call_command("dev_setup")
    capsys.readouterr()
    return printed, after_first


def test_dev_setup_seeds_training_after_the_units():
    names = [name for name, _ in DEMO_COMMANDS]
    assert names.index("seed_demo_training") > names.index("seed_demo_units")
    assert dict(DEMO_COMMANDS)["seed_demo_training"] == ["--dev"]


def test_each_demo_unit_gets_one_held_and_one_planned_session_and_a_second_run_adds_nothing(
    dev_setup_twice,
):
    _, after_first = dev_setup_twice
    assert counts() == after_first
    units = Unit.objects.filter(name__in=[name for name, *_ in DEV_UNITS])
    assert units.count() == len(DEV_UNITS)
    for unit in units:
        sessions = {s.title: s for s in unit.training_sessions.all()}
        assert set(sessions) == {HELD_TITLE, PLANNED_TITLE}, unit.name
        held, planned = sessions[HELD_TITLE], sessions[PLANNED_TITLE]
        assert held.status == SessionStatus.HELD and held.participants
        assert planned.status == SessionStatus.PLANNED
        assert held.items.filter(kind=ItemKind.QUESTION).exclude(notes="").count() == 1
        assert planned.items.count() == 3
        actions = list(held.actions.order_by("pk"))
        assert [a.status for a in actions] == [ActionStatus.OPEN, ActionStatus.DONE]
        assert actions[0].checklist_item is not None
        assert actions[0].checklist_item.area in held.areas.all()


def test_the_printed_administrator_sees_the_open_action_on_their_unit_page(dev_setup_twice, client):
    output, _ = dev_setup_twice
    username = re.search(r"användarnamn: (\S+)", output).group(1)
    admin = get_user_model().objects.get(username=username)
    unit = Unit.objects.get(name=DEV_UNITS[0][0])
    client.force_login(admin)

    unit_page = client.get(reverse("checklists:unit_detail", args=[unit.pk])).content.decode()
    section = unit_page[unit_page.index('class="training-open-actions"') :]
    assert OPEN_ACTION in section
    assert "Skicka ut presentationen" not in section, "den klara åtgärden är inte öppen"

    sessions_page = client.get(reverse("training:unit_sessions", args=[unit.pk]))
    assert OPEN_ACTION in sessions_page.content.decode()
    assert PLANNED_TITLE in sessions_page.content.decode()


def test_without_demo_units_the_command_says_what_to_run_first(package):
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo_training", "--dev", stdout=io.StringIO())
    assert str(refused.value) == NO_UNITS
    assert not TrainingSession.objects.exists()
