"""Messages, limits and guards every training service shares."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from checklists.models import Membership, MembershipRole, Unit
from mandates.models import MandateArea

from ..models import (
    ItemKind,
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
# An agenda longer than this is no workplace meeting; the bound keeps one planner from
# growing a session's page and PDF without end (issue 20).
MAX_ITEMS = 40
TOO_MANY_ITEMS = "Ett tillfälle kan ha högst {max} punkter. Ta bort någon punkt först."
DEFAULT_MINUTES = {ItemKind.PRESENTATION: 20, ItemKind.QUESTION: 10}
PLANNER_ROLES = (MembershipRole.CHEF, MembershipRole.FAMILJEOMBUD)
FIRST_YEAR = 2020


class TrainingError(Exception):
    """A refused change; str(error) is the Swedish message shown to the user."""


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
