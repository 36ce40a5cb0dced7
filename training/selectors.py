"""Reads for the training pages, each a fixed number of queries whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from mandates.models import ChecklistItem, Film, MandateArea, Presentation, ReflectionQuestion
from organisation.models import Unit

from .models import (
    Action,
    ActionStatus,
    ItemKind,
    SessionItem,
    SessionStatus,
    TrainingSession,
    units_with_sessions_visible_to,
)

ITEM_RELATIONS = ("film", "film__group", "presentation", "question")


def items_queryset():
    return SessionItem.objects.select_related(*ITEM_RELATIONS).order_by("position", "pk")


def sessions_for(user):
    """Visible sessions with what every session page shows, prefetched."""
    return (
        TrainingSession.objects.visible_to(user)
        .select_related("unit")
        .prefetch_related(
            Prefetch("areas", queryset=MandateArea.objects.order_by("order", "name")),
            Prefetch("items", queryset=items_queryset()),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("checklist_item").order_by("due_on", "pk"),
            ),
        )
    )


def unit_index(user):
    return (
        units_with_sessions_visible_to(user)
        .annotate(
            planned=Count(
                "training_sessions", filter=Q(training_sessions__status=SessionStatus.PLANNED)
            ),
            held=Count("training_sessions", filter=Q(training_sessions__status=SessionStatus.HELD)),
        )
        .order_by("name", "pk")
    )


def unit_sessions(unit: Unit, year: int | None = None):
    sessions = unit.training_sessions.annotate(item_count=Count("items")).prefetch_related(
        Prefetch("areas", queryset=MandateArea.objects.order_by("order", "name"))
    )
    if year is not None:
        sessions = sessions.filter(date__year=year)
    return sessions.order_by("-date", "-start_time", "pk")


def open_actions(unit_id: int):
    return (
        Action.objects.filter(session__unit_id=unit_id, status=ActionStatus.OPEN)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session", "checklist_item")
        .order_by("due_on", "pk")
    )


@dataclass
class AreaPackage:
    area: MandateArea
    presentations: list = field(default_factory=list)
    films: list = field(default_factory=list)
    questions: list = field(default_factory=list)


def package_for(session: TrainingSession) -> list[AreaPackage]:
    """What can still be added from the session's areas (items already in the plan are left
    out), in the package's order. Uses the session's prefetched areas and items; 3 queries."""
    areas = list(session.areas.all())
    by_area = {a.pk: AreaPackage(area=a) for a in areas}
    used = {ItemKind.PRESENTATION: set(), ItemKind.FILM: set(), ItemKind.QUESTION: set()}
    for item in session.items.all():
        if item.kind in used:
            used[item.kind].add(item.presentation_id or item.film_id or item.question_id)
    sources = (
        ("presentations", ItemKind.PRESENTATION, Presentation.objects.all()),
        ("films", ItemKind.FILM, Film.objects.select_related("group")),
        ("questions", ItemKind.QUESTION, ReflectionQuestion.objects.all()),
    )
    for attribute, kind, queryset in sources:
        rows = queryset.published().filter(area__in=by_area).order_by("area__order", "order", "pk")
        for row in rows:
            if row.pk not in used[kind]:
                getattr(by_area[row.area_id], attribute).append(row)
    return list(by_area.values())


def checklist_items_for(session: TrainingSession):
    return (
        ChecklistItem.objects.published()
        .filter(area__in=[a.pk for a in session.areas.all()])
        .select_related("area")
        .order_by("area__order", "order", "pk")
    )
