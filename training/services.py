"""Every change to a training session goes through one of these functions.

Each guards first (raising TrainingError with a message constant), then changes the database in
one transaction and writes its log entry, so a refused change saves nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from checklists.models import ChecklistItem, Membership, MembershipRole, Unit
from mandates.models import Film, MandateArea, Presentation, ReflectionQuestion

from .models import (
    ACTION_TRANSITIONS,
    SESSION_TRANSITIONS,
    Action,
    ActionStatus,
    ItemKind,
    SessionItem,
    SessionLogEntry,
    SessionStatus,
    TrainingSession,
)

NOT_A_PLANNER = "Bara verksamhetens chef och familjeombud kan planera och dokumentera tillfällen."
NO_AREAS = "Välj minst ett mandatområde."
AREA_NOT_PUBLISHED = "Välj mandatområden som finns i stödpaketet."
NOT_IN_AREAS = "Välj bara material från tillfällets mandatområden."
NOTHING_CHOSEN = "Välj minst en punkt att lägga till."
OWN_TITLE_REQUIRED = "Skriv vad punkten handlar om."
MINUTES_OUT_OF_RANGE = "Ange minuter som ett heltal mellan 1 och {max}."
ONLY_PLANNED = "Det går bara att ändra planen för ett planerat tillfälle."
TRANSITION_NOT_ALLOWED = "Ett tillfälle som är {from_status} kan inte bli {to_status}."
PARTICIPANTS_OUT_OF_RANGE = "Ange antalet deltagare som ett heltal mellan 1 och {max}."
HELD_IN_FUTURE = "Ett tillfälle kan dokumenteras som genomfört först den dag det hålls."
ACTION_INCOMPLETE = "Fyll i vad, vem och klart senast för varje åtgärd."
ACTION_ITEM_UNKNOWN = "Välj en checklistpunkt från tillfällets mandatområden."
ACTION_TRANSITION_NOT_ALLOWED = "En åtgärd som är {from_status} kan inte bli {to_status}."
TEXT_TOO_LONG = "Anteckningar får vara högst {max} tecken."
ITEM_NOT_IN_SESSION = "Punkten finns inte i tillfället."
DATE_OUT_OF_RANGE = "Välj ett datum mellan {first} och {last}."

MAX_MINUTES = 480
MAX_PARTICIPANTS = 999
MAX_NOTES = 4000
DEFAULT_MINUTES = {ItemKind.PRESENTATION: 20, ItemKind.QUESTION: 10}
PLANNER_ROLES = (MembershipRole.CHEF, MembershipRole.FAMILJEOMBUD)
FIRST_YEAR = 2020


class TrainingError(Exception):
    """A refused change; str(error) is the Swedish message shown to the user."""


def can_plan(user: AbstractBaseUser, unit: Unit) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(unit=unit, user=user, role__in=PLANNER_ROLES).exists()


def _guard_planner(user, unit) -> None:
    if not can_plan(user, unit):
        raise TrainingError(NOT_A_PLANNER)


def _guard_planned(session: TrainingSession) -> None:
    if session.status != SessionStatus.PLANNED:
        raise TrainingError(ONLY_PLANNED)


def _guard_date(date: datetime.date) -> None:
    last = timezone.localdate().year + 2
    if not datetime.date(FIRST_YEAR, 1, 1) <= date <= datetime.date(last, 12, 31):
        raise TrainingError(DATE_OUT_OF_RANGE.format(first=FIRST_YEAR, last=last))


def _minutes(value: int | None) -> int:
    if value is None or not 1 <= value <= MAX_MINUTES:
        raise TrainingError(MINUTES_OUT_OF_RANGE.format(max=MAX_MINUTES))
    return value


def _areas(areas: Iterable[MandateArea]) -> list[MandateArea]:
    areas = list(areas)
    if not areas:
        raise TrainingError(NO_AREAS)
    if any(not a.published for a in areas):
        raise TrainingError(AREA_NOT_PUBLISHED)
    return areas


def _log(session, event, by, from_status="", to_status="", action=None) -> None:
    SessionLogEntry.objects.create(
        session=session,
        action=action,
        event=event,
        by=by,
        from_status=from_status,
        to_status=to_status,
    )


def session_plan(
    *,
    unit: Unit,
    date: datetime.date,
    start_time: datetime.time,
    areas: Iterable[MandateArea],
    by: AbstractBaseUser,
    title: str = "",
) -> TrainingSession:
    _guard_planner(by, unit)
    _guard_date(date)
    areas = _areas(areas)
    with transaction.atomic():
        session = TrainingSession.objects.create(
            unit=unit, date=date, start_time=start_time, title=title.strip(), created_by=by
        )
        session.areas.set(areas)
        _log(session, "planerad", by, to_status=SessionStatus.PLANNED)
    return session


def session_update_plan(
    *,
    session: TrainingSession,
    date: datetime.date,
    start_time: datetime.time,
    areas: Iterable[MandateArea],
    by: AbstractBaseUser,
    title: str = "",
) -> TrainingSession:
    """Items from an area that is taken away are removed with it."""
    _guard_planner(by, session.unit)
    _guard_planned(session)
    _guard_date(date)
    areas = _areas(areas)
    area_ids = [a.pk for a in areas]
    with transaction.atomic():
        session.date, session.start_time, session.title = date, start_time, title.strip()
        session.save(update_fields=["date", "start_time", "title"])
        session.areas.set(areas)
        session.items.exclude(kind=ItemKind.OWN).exclude(presentation__area__in=area_ids).exclude(
            film__area__in=area_ids
        ).exclude(question__area__in=area_ids).delete()
        _renumber(session)
    return session


def _next_position(session: TrainingSession) -> int:
    return (session.items.aggregate(top=Max("position"))["top"] or 0) + 1


def _renumber(session: TrainingSession) -> None:
    items = list(session.items.order_by("position", "pk"))
    for number, item in enumerate(items, start=1):
        item.position = number
    SessionItem.objects.bulk_update(items, ["position"])


@dataclass(frozen=True)
class PackageChoice:
    presentations: list[int]
    films: list[int]
    questions: list[int]


def session_add_package_items(
    *, session: TrainingSession, chosen: PackageChoice, by: AbstractBaseUser
) -> list[SessionItem]:
    """Presentations and questions start with a suggested time the planner can change; films
    take their time from the package."""
    _guard_planner(by, session.unit)
    _guard_planned(session)
    if not (chosen.presentations or chosen.films or chosen.questions):
        raise TrainingError(NOTHING_CHOSEN)
    area_ids = set(session.areas.values_list("pk", flat=True))
    found = {
        ItemKind.PRESENTATION: Presentation.objects.published().filter(pk__in=chosen.presentations),
        ItemKind.FILM: Film.objects.published().filter(pk__in=chosen.films),
        ItemKind.QUESTION: ReflectionQuestion.objects.published().filter(pk__in=chosen.questions),
    }
    asked = {
        ItemKind.PRESENTATION: set(chosen.presentations),
        ItemKind.FILM: set(chosen.films),
        ItemKind.QUESTION: set(chosen.questions),
    }
    rows = {kind: list(qs.order_by("area__order", "order", "pk")) for kind, qs in found.items()}
    for kind, wanted in asked.items():
        if {r.pk for r in rows[kind]} != wanted or any(
            r.area_id not in area_ids for r in rows[kind]
        ):
            raise TrainingError(NOT_IN_AREAS)
    with transaction.atomic():
        position = _next_position(session)
        new = []
        for kind, field in (
            (ItemKind.PRESENTATION, "presentation"),
            (ItemKind.FILM, "film"),
            (ItemKind.QUESTION, "question"),
        ):
            for row in rows[kind]:
                new.append(
                    SessionItem(
                        session=session,
                        kind=kind,
                        position=position,
                        minutes=DEFAULT_MINUTES.get(kind),
                        **{field: row},
                    )
                )
                position += 1
        SessionItem.objects.bulk_create(new)
    return new


def session_add_own_item(
    *, session: TrainingSession, title: str, minutes: int | None, by: AbstractBaseUser
) -> SessionItem:
    _guard_planner(by, session.unit)
    _guard_planned(session)
    title = (title or "").strip()
    if not title:
        raise TrainingError(OWN_TITLE_REQUIRED)
    minutes = _minutes(minutes)
    with transaction.atomic():
        return SessionItem.objects.create(
            session=session,
            kind=ItemKind.OWN,
            title=title[:300],
            minutes=minutes,
            position=_next_position(session),
        )


def _item_of(session: TrainingSession, item_pk: int) -> SessionItem:
    item = session.items.filter(pk=item_pk).first()
    if item is None:
        raise TrainingError(ITEM_NOT_IN_SESSION)
    return item


def session_move_item(
    *, session: TrainingSession, item_pk: int, up: bool, by: AbstractBaseUser
) -> None:
    """Swaps the item with its neighbour; at either end nothing changes."""
    _guard_planner(by, session.unit)
    _guard_planned(session)
    _item_of(session, item_pk)
    with transaction.atomic():
        items = list(session.items.select_for_update().order_by("position", "pk"))
        index = next(i for i, it in enumerate(items) if it.pk == item_pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        for number, item in enumerate(items, start=1):
            item.position = number
        SessionItem.objects.bulk_update(items, ["position"])


def session_remove_item(*, session: TrainingSession, item_pk: int, by: AbstractBaseUser) -> None:
    _guard_planner(by, session.unit)
    _guard_planned(session)
    item = _item_of(session, item_pk)
    with transaction.atomic():
        item.delete()
        _renumber(session)


def session_set_item_minutes(
    *, session: TrainingSession, item_pk: int, minutes: int | None, by: AbstractBaseUser
) -> SessionItem:
    """For a film the minutes are only an estimate used while the package gives no duration."""
    _guard_planner(by, session.unit)
    _guard_planned(session)
    item = _item_of(session, item_pk)
    minutes = _minutes(minutes)
    with transaction.atomic():
        item.minutes = minutes
        item.save(update_fields=["minutes"])
    return item


def _transition(session: TrainingSession, to_status: str) -> str:
    if to_status not in SESSION_TRANSITIONS[session.status]:
        raise TrainingError(
            TRANSITION_NOT_ALLOWED.format(
                from_status=SessionStatus(session.status).label.lower(),
                to_status=SessionStatus(to_status).label.lower(),
            )
        )
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
    if session.status != SessionStatus.HELD:
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
    if to_status not in ACTION_TRANSITIONS[action.status]:
        raise TrainingError(
            ACTION_TRANSITION_NOT_ALLOWED.format(
                from_status=ActionStatus(action.status).label.lower(),
                to_status=ActionStatus(to_status).label.lower(),
            )
        )
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
