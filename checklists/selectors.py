"""Read-side helpers shared by the unit page, its printable report and the JSON save response."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from mandates.models import MandateArea

from .models import Assessment, ChecklistItem, ItemAssessment, StatusChange, Unit
from .prerequisites import familjeombud_by_unit, unit_flags
from .progress import Progress, assessment_progress, items_per_area


def current_year() -> int:
    return timezone.localdate().year


def year_from(value, default: int | None = None) -> int:
    """A year from a query string; anything odd falls back to the current year (never a 500)."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default or current_year()
    return year if 2000 <= year <= 2100 else (default or current_year())


@dataclass
class ItemRow:
    item: ChecklistItem
    entry: ItemAssessment | None


@dataclass
class AreaBlock:
    area: MandateArea
    progress: Progress
    items: list[ItemRow] = field(default_factory=list)


def unit_page(unit: Unit, year: int) -> dict:
    """Everything the unit page shows for one year, in a fixed number of queries."""
    assessments = list(Assessment.objects.filter(unit=unit).order_by("-year"))
    assessment = next((a for a in assessments if a.year == year), None)
    areas = list(
        MandateArea.objects.published()
        .order_by("order", "name")
        .prefetch_related(
            Prefetch(
                "checklist_items",
                queryset=ChecklistItem.objects.published().order_by("order", "pk"),
                to_attr="published_items",
            )
        )
    )
    entries = {}
    if assessment:
        history = StatusChange.objects.select_related("changed_by").order_by("changed_at", "pk")
        entries = {
            e.item_id: e
            for e in ItemAssessment.objects.filter(assessment=assessment)
            .select_related("changed_by")
            .prefetch_related(Prefetch("history", queryset=history))
        }
    per_area = items_per_area()
    progress = assessment_progress(assessment, areas, per_area)
    blocks = [
        AreaBlock(
            area=a,
            progress=progress[a.pk],
            items=[ItemRow(i, entries.get(i.pk)) for i in a.published_items],
        )
        for a in areas
    ]
    ombud = familjeombud_by_unit([unit.pk], year).get(unit.pk, [])
    years = sorted({a.year for a in assessments} | {current_year(), year}, reverse=True)
    return {
        "year": year,
        "years": years,
        "assessment": assessment,
        "previous": next((a for a in assessments if a.year < year), None),
        "blocks": blocks,
        "overall": sum((b.progress for b in blocks), Progress()),
        "ombud": ombud,
        "ombud_flags": unit_flags(ombud),
    }
