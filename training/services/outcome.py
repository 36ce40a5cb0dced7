"""After planning: holding, cancelling and re-planning a session, and its agreed actions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from mandates.models import ChecklistItem

from ..models import (
    ACTION_TRANSITIONS,
    SESSION_TRANSITIONS,
    Action,
    ActionStatus,
    ItemKind,
    SessionItem,
    SessionStatus,
    TrainingSession,
)
from .common import (
    ACTION_INCOMPLETE,
    ACTION_ITEM_UNKNOWN,
    ACTION_TRANSITION_NOT_ALLOWED,
    HELD_IN_FUTURE,
    ITEM_NOT_IN_SESSION,
    MAX_NOTES,
    MAX_PARTICIPANTS,
    PARTICIPANTS_OUT_OF_RANGE,
    TEXT_TOO_LONG,
    TRANSITION_NOT_ALLOWED,
    TrainingError,
    _guard_planner,
    _log,
)


def _transition(session: TrainingSession, to_status: str) -> str:
    message = TRANSITION_NOT_ALLOWED.format(
        from_status=SessionStatus(session.status).label.lower(),
        to_status=SessionStatus(to_status).label.lower(),
    )
    SESSION_TRANSITIONS.check(session.status, to_status, TrainingError(message))
    return session.status


@dataclass(frozen=True)
class ActionInput:
    what: str
    who: str
    due_on: datetime.date | None
    checklist_item_id: int | None = None


def session_record_outcome(
    *,
    session: TrainingSession,
    participants: int | None,
    notes: Mapping[int, str],
    actions: Iterable[ActionInput],
    by: AbstractBaseUser,
    summary: str = "",
    today: datetime.date | None = None,
) -> TrainingSession:
    """Marks a planned session held, or corrects the record of a held one. `notes` maps the
    session's reflection-question items to what the unit said; `actions` are added."""
    _guard_planner(by, session.unit)
    _transition(session, SessionStatus.HELD)
    if session.date > (today or timezone.localdate()):
        raise TrainingError(HELD_IN_FUTURE)
    if participants is None or not 1 <= participants <= MAX_PARTICIPANTS:
        raise TrainingError(PARTICIPANTS_OUT_OF_RANGE.format(max=MAX_PARTICIPANTS))
    summary = (summary or "").strip()
    notes = {int(k): (v or "").strip() for k, v in notes.items()}
    if len(summary) > MAX_NOTES or any(len(v) > MAX_NOTES for v in notes.values()):
        raise TrainingError(TEXT_TOO_LONG.format(max=MAX_NOTES))
    question_items = {i.pk: i for i in session.items.filter(kind=ItemKind.QUESTION)}
    if any(pk not in question_items for pk in notes):
        raise TrainingError(ITEM_NOT_IN_SESSION)
    actions = _clean_actions(session, actions)

    with transaction.atomic():
        from_status = session.status
        session.status = SessionStatus.HELD
        session.participants = participants
        session.summary = summary
        session.recorded_at = timezone.now()
        session.save(update_fields=["status", "participants", "summary", "recorded_at"])
        changed = []
        for pk, text in notes.items():
            item = question_items[pk]
            if item.notes != text:
                item.notes = text
                changed.append(item)
        SessionItem.objects.bulk_update(changed, ["notes"])
        Action.objects.bulk_create(actions)
        event = "genomförd" if from_status != SessionStatus.HELD else "dokumentation ändrad"
        _log(session, event, by, from_status=from_status, to_status=SessionStatus.HELD)
    return session


def _clean_actions(session: TrainingSession, actions: Iterable[ActionInput]) -> list[Action]:
    allowed_items = None
    cleaned = []
    for given in actions:
        what, who = (given.what or "").strip(), (given.who or "").strip()
        if not (what or who or given.due_on or given.checklist_item_id):
            continue  # an empty row of the form
        if not (what and who and given.due_on):
            raise TrainingError(ACTION_INCOMPLETE)
        if given.checklist_item_id is not None:
            if allowed_items is None:
                allowed_items = set(
                    ChecklistItem.objects.published()
                    .filter(area__in=session.areas.all())
                    .values_list("pk", flat=True)
                )
            if given.checklist_item_id not in allowed_items:
                raise TrainingError(ACTION_ITEM_UNKNOWN)
        cleaned.append(
            Action(
                session=session,
                what=what[:300],
                who=who[:200],
                due_on=given.due_on,
                checklist_item_id=given.checklist_item_id,
            )
        )
    return cleaned


def session_cancel(
    *, session: TrainingSession, by: AbstractBaseUser, reason: str = ""
) -> TrainingSession:
    _guard_planner(by, session.unit)
    from_status = _transition(session, SessionStatus.CANCELLED)
    with transaction.atomic():
        session.status = SessionStatus.CANCELLED
        session.cancel_reason = (reason or "").strip()[:300]
        session.save(update_fields=["status", "cancel_reason"])
        _log(session, "inställd", by, from_status=from_status, to_status=SessionStatus.CANCELLED)
    return session


def session_reinstate(*, session: TrainingSession, by: AbstractBaseUser) -> TrainingSession:
    _guard_planner(by, session.unit)
    from_status = _transition(session, SessionStatus.PLANNED)
    with transaction.atomic():
        session.status = SessionStatus.PLANNED
        session.cancel_reason = ""
        session.save(update_fields=["status", "cancel_reason"])
        _log(session, "planerad igen", by, from_status=from_status, to_status=SessionStatus.PLANNED)
    return session


def _action_transition(action: Action, to_status: str, by) -> Action:
    _guard_planner(by, action.session.unit)
    message = ACTION_TRANSITION_NOT_ALLOWED.format(
        from_status=ActionStatus(action.status).label.lower(),
        to_status=ActionStatus(to_status).label.lower(),
    )
    ACTION_TRANSITIONS.check(action.status, to_status, TrainingError(message))
    from_status = action.status
    with transaction.atomic():
        action.status = to_status
        action.done_at = timezone.now() if to_status == ActionStatus.DONE else None
        action.save(update_fields=["status", "done_at"])
        _log(action.session, "åtgärd", by, from_status, to_status, action=action)
    return action


def action_mark_done(*, action: Action, by: AbstractBaseUser) -> Action:
    return _action_transition(action, ActionStatus.DONE, by)


def action_reopen(*, action: Action, by: AbstractBaseUser) -> Action:
    return _action_transition(action, ActionStatus.OPEN, by)
