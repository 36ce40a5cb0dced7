"""The rules of planning and recording, each refusal with its exact Swedish message."""

import datetime

import pytest

from mandates.models import Film, Presentation, ReflectionQuestion
from training import services
from training.models import (
    ACTION_TRANSITIONS,
    SESSION_TRANSITIONS,
    ActionStatus,
    ItemKind,
    SessionLogEntry,
    SessionStatus,
)
from training.services import (
    ActionInput,
    PackageChoice,
    TrainingError,
    action_mark_done,
    action_reopen,
    session_add_package_items,
    session_cancel,
    session_move_item,
    session_plan,
    session_record_outcome,
    session_reinstate,
    session_remove_item,
    session_update_plan,
)

from .conftest import area

TODAY = datetime.date(2026, 11, 1)


def record(session, by, **kwargs):
    defaults = {"participants": 6, "notes": {}, "actions": [], "today": TODAY}
    return session_record_outcome(session=session, by=by, **{**defaults, **kwargs})


def refused(message, call, *args, **kwargs):
    with pytest.raises(TrainingError) as error:
        call(*args, **kwargs)
    assert str(error.value) == message


def test_the_transition_table_is_the_whole_lifecycle():
    assert {
        SessionStatus.PLANNED: {SessionStatus.HELD, SessionStatus.CANCELLED},
        SessionStatus.HELD: {SessionStatus.HELD},
        SessionStatus.CANCELLED: {SessionStatus.PLANNED},
    } == SESSION_TRANSITIONS.as_dict()
    assert {
        ActionStatus.OPEN: {ActionStatus.DONE},
        ActionStatus.DONE: {ActionStatus.OPEN},
    } == ACTION_TRANSITIONS.as_dict()


def test_a_colleague_and_an_outsider_cannot_plan(package, unit, colleague, outsider):
    for user in (colleague, outsider):
        refused(
            services.NOT_A_PLANNER, session_plan, unit=unit, date=TODAY,
            start_time=datetime.time(9), areas=[area("barn-som-far-illa")], by=user,
        )  # fmt: skip
    assert not unit.training_sessions.exists()


def test_a_chef_plans_too(package, unit, chef):
    session = session_plan(
        unit=unit, date=TODAY, start_time=datetime.time(9), areas=[area("barn-som-far-illa")],
        by=chef,
    )  # fmt: skip
    assert session.status == SessionStatus.PLANNED
    assert SessionLogEntry.objects.get(session=session).to_status == SessionStatus.PLANNED


def test_a_session_needs_an_area(package, unit, ombud):
    refused(
        services.NO_AREAS, session_plan, unit=unit, date=TODAY, start_time=datetime.time(9),
        areas=[], by=ombud,
    )  # fmt: skip


def test_material_from_another_area_is_refused(session, ombud):
    other = Presentation.objects.get(area__slug="barnets-rattigheter")
    refused(
        services.NOT_IN_AREAS, session_add_package_items, session=session,
        chosen=PackageChoice([other.pk], [], []), by=ombud,
    )  # fmt: skip
    refused(
        services.NOT_IN_AREAS, session_add_package_items, session=session,
        chosen=PackageChoice([], [999999], []), by=ombud,
    )  # fmt: skip
    assert not session.items.exists()


def test_moving_and_removing_keep_positions_one_to_n(session, ombud):
    questions = ReflectionQuestion.objects.filter(area__slug="vald-i-nara-relationer")[:3]
    session_add_package_items(
        session=session, chosen=PackageChoice([], [], [q.pk for q in questions]), by=ombud
    )
    a, b, c = session.items.order_by("position")
    session_move_item(session=session, item_pk=c.pk, up=True, by=ombud)
    assert list(session.items.order_by("position")) == [a, c, b]
    session_remove_item(session=session, item_pk=a.pk, by=ombud)
    assert list(session.items.order_by("position").values_list("pk", "position")) == [
        (c.pk, 1),
        (b.pk, 2),
    ]


def test_taking_an_area_away_removes_its_items_but_keeps_own_items(session, ombud):
    film = Film.objects.get(title="Akutmottagningen")
    session_add_package_items(session=session, chosen=PackageChoice([], [film.pk], []), by=ombud)
    services.session_add_own_item(session=session, title="Fika", minutes=10, by=ombud)
    session_update_plan(
        session=session, date=session.date, start_time=session.start_time,
        areas=[area("barn-som-far-illa")], by=ombud,
    )  # fmt: skip
    assert list(session.items.values_list("kind", "position")) == [(ItemKind.OWN, 1)]


def test_recording_marks_the_session_held_and_saves_notes_and_actions(session, ombud):
    question = ReflectionQuestion.objects.filter(area__slug="vald-i-nara-relationer").first()
    session_add_package_items(
        session=session, chosen=PackageChoice([], [], [question.pk]), by=ombud
    )
    item = session.items.get()
    due = datetime.date(2026, 12, 1)
    record(
        session, ombud, notes={item.pk: "  Vi behöver öva.  "},
        actions=[ActionInput("Öva", "Alla", due, 10), ActionInput("", "", None, None)],
    )  # fmt: skip
    session.refresh_from_db()
    item.refresh_from_db()
    assert session.status == SessionStatus.HELD and item.notes == "Vi behöver öva."
    assert list(session.actions.values_list("what", "status", "checklist_item_id")) == [
        ("Öva", ActionStatus.OPEN, 10)
    ]
    log = SessionLogEntry.objects.filter(session=session).last()
    assert (log.from_status, log.to_status) == (SessionStatus.PLANNED, SessionStatus.HELD)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"participants": 0}, services.PARTICIPANTS_OUT_OF_RANGE.format(max=999)),
        ({"participants": None}, services.PARTICIPANTS_OUT_OF_RANGE.format(max=999)),
        ({"today": datetime.date(2026, 3, 9)}, services.HELD_IN_FUTURE),
        ({"actions": [ActionInput("Öva", "", datetime.date(2026, 12, 1))]},
         services.ACTION_INCOMPLETE),
        ({"actions": [ActionInput("Öva", "Alla", datetime.date(2026, 12, 1), 1)]},
         services.ACTION_ITEM_UNKNOWN),
        ({"notes": {123456: "x"}}, services.ITEM_NOT_IN_SESSION),
        ({"summary": "x" * 4001}, services.TEXT_TOO_LONG.format(max=4000)),
    ],
)  # fmt: skip
def test_a_refused_record_saves_nothing(session, ombud, kwargs, message):
    refused(message, record, session, ombud, **kwargs)
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED and session.participants is None
    assert not session.actions.exists()


def test_a_held_session_cannot_be_cancelled_but_its_record_can_be_corrected(session, ombud):
    record(session, ombud)
    refused(
        "Ett tillfälle som är genomförd kan inte bli inställd.",
        session_cancel, session=session, by=ombud,
    )  # fmt: skip
    record(session, ombud, participants=9)
    session.refresh_from_db()
    assert (session.status, session.participants) == (SessionStatus.HELD, 9)


def test_a_held_session_cannot_be_replanned(session, ombud):
    record(session, ombud)
    refused(services.ONLY_PLANNED, services.session_add_own_item, session=session,
            title="x", minutes=5, by=ombud)  # fmt: skip


def test_a_cancelled_session_can_be_planned_again_but_not_recorded(session, ombud):
    session_cancel(session=session, by=ombud, reason="Personalbrist")
    refused("Ett tillfälle som är inställd kan inte bli genomförd.", record, session, ombud)
    session_reinstate(session=session, by=ombud)
    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == (SessionStatus.PLANNED, "")


def test_an_action_is_closed_and_reopened_by_planners_only(session, ombud, colleague):
    record(session, ombud, actions=[ActionInput("Öva", "Alla", datetime.date(2026, 12, 1))])
    action = session.actions.get()
    refused(services.NOT_A_PLANNER, action_mark_done, action=action, by=colleague)
    action_mark_done(action=action, by=ombud)
    assert action.status == ActionStatus.DONE and action.done_at is not None
    refused("En åtgärd som är klar kan inte bli klar.", action_mark_done, action=action, by=ombud)
    action_reopen(action=action, by=ombud)
    assert action.status == ActionStatus.OPEN and action.done_at is None
