"""Readiness figures computed in SQL, so a page's queries stay the same for 1 or 500 units.

"Done of applicable": an item marked Ej aktuell leaves the denominator; an item without a saved
status (or a unit without a checklist for the year) counts as not done."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from mandates.models import MandateArea

from .models import Assessment, ChecklistItem, ItemAssessment, ItemStatus


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
        pct = self.percent
        if pct is None:
            return "heat-none"
        return f"heat-{min(pct // 25, 4)}"

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
    return list(MandateArea.objects.published().order_by("order", "name"))


def items_per_area() -> dict[int, int]:
    rows = (
        ChecklistItem.objects.published()
        .filter(area__published=True)
        .values("area_id")
        .annotate(n=Count("pk"))
    )
    return {r["area_id"]: r["n"] for r in rows}


def _counts(entries) -> dict[tuple[int, int], tuple[int, int]]:
    rows = (
        entries.filter(item__published=True)
        .values("assessment_id", "item__area_id")
        .annotate(
            done=Count("pk", filter=Q(status=ItemStatus.DONE)),
            na=Count("pk", filter=Q(status=ItemStatus.NOT_APPLICABLE)),
        )
        .order_by()
    )
    return {(r["assessment_id"], r["item__area_id"]): (r["done"], r["na"]) for r in rows}


def progress_for(n_items: int, counts: tuple[int, int] | None) -> Progress:
    done, na = counts or (0, 0)
    return Progress(done=done, applicable=n_items - na)


def assessment_progress(
    assessment: Assessment | None, areas: list[MandateArea], per_area: dict[int, int]
) -> dict[int, Progress]:
    """Per area id; one query (none without an assessment)."""
    counts = _counts(ItemAssessment.objects.filter(assessment=assessment)) if assessment else {}
    aid = assessment.pk if assessment else None
    return {a.pk: progress_for(per_area.get(a.pk, 0), counts.get((aid, a.pk))) for a in areas}


def heatmap(units, year: int, areas: list[MandateArea], per_area: dict[int, int]) -> list[UnitRow]:
    """Units × areas for one year in three queries (units, assessments, counts)."""
    # Subqueries rather than lists of ids: no parameter limits however many units there are.
    assessments_qs = Assessment.objects.filter(unit__in=units.values("pk"), year=year)
    assessments = dict(assessments_qs.values_list("unit_id", "pk"))
    counts = _counts(ItemAssessment.objects.filter(assessment__in=assessments_qs.values("pk")))
    rows = []
    for unit in units:  # evaluated once, here
        aid = assessments.get(unit.pk)
        rows.append(
            UnitRow(
                unit=unit,
                has_assessment=aid is not None,
                areas=[progress_for(per_area.get(a.pk, 0), counts.get((aid, a.pk))) for a in areas],
            )
        )
    return rows


def area_totals(rows: list[UnitRow], n_areas: int) -> list[Progress]:
    """Column sums of the heatmap: the region's figure per area for the filtered units."""
    totals = [Progress() for _ in range(n_areas)]
    for row in rows:
        for i, p in enumerate(row.areas):
            totals[i] = totals[i] + p
    return totals


def trend(units_qs, areas: list[MandateArea], per_area: dict[int, int]) -> list[dict]:
    """Per year: the region's share done per area and overall, over units with a checklist that
    year. Two queries whatever the number of units or years."""
    n_by_year = dict(
        Assessment.objects.filter(unit__in=units_qs)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("year", "n")
    )
    rows = (
        ItemAssessment.objects.filter(assessment__unit__in=units_qs, item__published=True)
        .values("assessment__year", "item__area_id")
        .annotate(
            done=Count("pk", filter=Q(status=ItemStatus.DONE)),
            na=Count("pk", filter=Q(status=ItemStatus.NOT_APPLICABLE)),
        )
        .order_by()
    )
    by_year: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for r in rows:
        by_year[r["assessment__year"]][r["item__area_id"]] = (r["done"], r["na"])
    result = []
    for year in sorted(n_by_year):
        n = n_by_year[year]
        area_progress = []
        for a in areas:
            done, na = by_year[year].get(a.pk, (0, 0))
            area_progress.append(Progress(done=done, applicable=n * per_area.get(a.pk, 0) - na))
        result.append(
            {
                "year": year,
                "units": n,
                "areas": area_progress,
                "overall": sum(area_progress, Progress()),
            }
        )
    return result
