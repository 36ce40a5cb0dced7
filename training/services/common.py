"""Limits and guards every training service shares (messages: training/errors.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mandates.models import MandateArea
from organisation.models import Membership, MembershipRole, Unit

from ..errors import (  # noqa: F401 (the services' messages, read from here by views)
    ACTION_INCOMPLETE,
    ACTION_ITEM_UNKNOWN,
    ACTION_TRANSITION_NOT_ALLOWED,
    AREA_NOT_PUBLISHED,
    DATE_OUT_OF_RANGE,
    HELD_IN_FUTURE,
    ITEM_NOT_IN_SESSION,
    MINUTES_OUT_OF_RANGE,
    NO_AREAS,
    NOT_A_PLANNER,
    NOT_IN_AREAS,
    NOTHING_CHOSEN,
    ONLY_PLANNED,
    OWN_TITLE_REQUIRED,
    PARTICIPANTS_OUT_OF_RANGE,
    TEXT_TOO_LONG,
    TOO_MANY_ITEMS,
    TRANSITION_NOT_ALLOWED,
    TrainingError,
)
from ..models import (
    ItemKind,
    SessionLogEntry,
    SessionStatus,
    TrainingSession,
)

MAX_MINUTES = 480
MAX_PARTICIPANTS = 999
MAX_NOTES = 4000
# An agenda longer than this is no workplace meeting; the bound keeps one planner from
# growing a session's page and PDF without end (issue 20).
MAX_ITEMS = 40
DEFAULT_MINUTES = {ItemKind.PRESENTATION: 20, ItemKind.QUESTION: 10}
PLANNER_ROLES = (MembershipRole.CHEF, MembershipRole.FAMILJEOMBUD)
FIRST_YEAR = 2020


def _guard_room_for(session, adding: int) -> None:
    if session.items.count() + adding > MAX_ITEMS:
        raise TrainingError(TOO_MANY_ITEMS.format(max=MAX_ITEMS))


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
