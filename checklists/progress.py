"""Readiness figures computed in SQL, so a page's queries stay the same for 1 or 500 units.

"Done of applicable": an item marked Ej aktuell leaves the denominator; an item without a saved
status (or a unit without a checklist for the year) counts as not done."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, FilteredRelation, Max, Q

from mandates.models import MandateArea

from .models import Assessment, ItemAssessment, ItemStatus

HEAT_STEP = 20  # five colours: 0–19, 20–39, 40–59, 60–79 and 80–100 %


def heat_class(percent: int | None) -> str:
    """The heatmap colour for a percentage (the legend reads the same steps)."""
    if percent is None:
        return "heat-none"
    return f"heat-{min(percent // HEAT_STEP, 4)}"


def heat_legend() -> list[tuple[str, str]]:
    """(class, range) for each colour of the heatmap, lowest first."""
    steps = [(f"heat-{i}", f"{i * HEAT_STEP}–{(i + 1) * HEAT_STEP - 1} %") for i in range(4)]
    return [*steps, ("heat-4", f"{4 * HEAT_STEP}–100 %")]


@dataclass
class Progress:
    done: int = 0
    applicable: int = 0

    @property
    def percent(self) -> int | None:
        """None when nothing is applicable: 0 % would wrongly read as "nothing done"."""
        if self.applicable <= 0:
            return None
        return round(100 * self.done / self.applicable)

    @property
    def heat(self) -> str:
        """CSS class for the heatmap; colour is only a supplement to the printed percentage."""
        return heat_class(self.percent)

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.applicable + other.applicable)


@dataclass
class UnitRow:
    unit: object
    has_assessment: bool
    areas: list[Progress] = field(default_factory=list)

    @property
    def overall(self) -> Progress:
        return sum(self.areas, Progress())


def published_areas() -> list[MandateArea]:
    """Published areas in order, each with ``n_items``: its published checklist items (one
    query; an area without items is kept, with 0)."""
    return list(
        MandateArea.objects.published()
        .annotate(n_items=Count("checklist_items", filter=Q(checklist_items__published=True)))
        .order_by("order", "name")
    )


def progress_for(n_items: int, counts: tuple[int, int] | None) -> Progress:
    done, na = counts or (0, 0)
    return Progress(done=done, applicable=n_items - na)


def entry_progress(entries, areas: list[MandateArea]) -> dict[int, Progress]:
    """Per area id, from entries already in memory (each with ``item`` loaded): no query.
    Entries of unpublished items do not count, as in the SQL figures."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for entry in entries:
        if not entry.item.published:
            continue
        if entry.status == ItemStatus.DONE:
            counts[entry.item.area_id][0] += 1
        elif entry.status == ItemStatus.NOT_APPLICABLE:
            counts[entry.item.area_id][1] += 1
    return {a.pk: progress_for(a.n_items, counts.get(a.pk)) for a in areas}


def assessment_progress(assessment: Assessment | None, areas: list[MandateArea]) -> dict:
    """Per area id; one query (none without an assessment)."""
    counts = {}
    if assessment:
        rows = (
            ItemAssessment.objects.filter(assessment=assessment, item__published=True)
            .values("item__area_id")
            .annotate(
                done=Count("pk", filter=Q(status=ItemStatus.DONE)),
                na=Count("pk", filter=Q(status=ItemStatus.NOT_APPLICABLE)),
            )
            .order_by()
        )
        counts = {r["item__area_id"]: (r["done"], r["na"]) for r in rows}
    return {a.pk: progress_for(a.n_items, counts.get(a.pk)) for a in areas}


def _status_counts(prefix: str, areas: list[MandateArea], condition: Q | None = None) -> dict:
    """Conditional counts, two per area (Klar, Ej aktuell), over ``prefix`` entries."""
    out = {}
    for a in areas:
        base = Q(**{f"{prefix}__item__area_id": a.pk, f"{prefix}__item__published": True})
        if condition:
            base &= condition
        out[f"done_{a.pk}"] = Count(
            prefix, filter=base & Q(**{f"{prefix}__status": ItemStatus.DONE})
        )
        out[f"na_{a.pk}"] = Count(
            prefix, filter=base & Q(**{f"{prefix}__status": ItemStatus.NOT_APPLICABLE})
        )
    return out


def heatmap(units, year: int, areas: list[MandateArea]) -> list[UnitRow]:
    """Units × areas for one year in one query: each unit row carries its year's assessment
    (through a filtered join) and two conditional counts per area."""
    rows = units.annotate(
        year_assessment=FilteredRelation("assessments", condition=Q(assessments__year=year)),
        assessment_id=Max("year_assessment__pk"),
        **_status_counts("year_assessment__entries", areas),
    )
    return [
        UnitRow(
            unit=unit,
            has_assessment=unit.assessment_id is not None,
            areas=[
                progress_for(
                    a.n_items, (getattr(unit, f"done_{a.pk}"), getattr(unit, f"na_{a.pk}"))
                )
                for a in areas
            ],
        )
        for unit in rows
    ]


def area_totals(rows: list[UnitRow], n_areas: int) -> list[Progress]:
    """Column sums of the heatmap: the region's figure per area for the filtered units."""
    totals = [Progress() for _ in range(n_areas)]
    for row in rows:
        for i, p in enumerate(row.areas):
            totals[i] = totals[i] + p
    return totals


def trend(unit_filter: Q, areas: list[MandateArea]) -> tuple[list[dict], list[int]]:
    """Per year: the region's share done per area and overall, over the units matching
    ``unit_filter`` (on Assessment, e.g. Q(unit__municipality=...)) with a checklist that year;
    and every year any unit has a checklist (the year selector). One query whatever the number
    of units or years."""
    rows = (
        Assessment.objects.values("year")
        .annotate(
            n=Count("pk", filter=unit_filter, distinct=True)
            if unit_filter
            else Count("pk", distinct=True),
            **_status_counts("entries", areas, unit_filter),
        )
        .order_by("year")
    )
    result, years = [], []
    for r in rows:
        years.append(r["year"])
        n = r["n"]
        if not n:
            continue
        area_progress = [
            Progress(done=r[f"done_{a.pk}"], applicable=n * a.n_items - r[f"na_{a.pk}"])
            for a in areas
        ]
        result.append(
            {
                "year": r["year"],
                "units": n,
                "areas": area_progress,
                "overall": sum(area_progress, Progress()),
            }
        )
    return result, years
