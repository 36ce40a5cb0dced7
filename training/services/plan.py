"""Planning: a session's date, areas and agenda items, before it is held."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max

from mandates.models import Film, MandateArea, Presentation, ReflectionQuestion
from organisation.models import Unit

from ..models import (
    ItemKind,
    SessionItem,
    SessionStatus,
    TrainingSession,
)
from .common import (
    DEFAULT_MINUTES,
    ITEM_NOT_IN_SESSION,
    NOT_IN_AREAS,
    NOTHING_CHOSEN,
    OWN_TITLE_REQUIRED,
    TrainingError,
    _areas,
    _guard_date,
    _guard_planned,
    _guard_planner,
    _guard_room_for,
    _log,
    _minutes,
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
    _guard_room_for(session, sum(len(r) for r in rows.values()))
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
    _guard_room_for(session, 1)
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
        items = list(
            SessionItem.objects.select_for_update()
            .filter(session=session)
            .order_by("position", "pk")
        )
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
