"""The region dashboard's figures, computed once per (year, filters) and kept in the shared cache
until any readiness data changes.

Why a cache: the figures for 500 units take a few queries over thousands of answers and the
heatmap is thousands of table cells; strategists reload the page often and the data changes
seldom in comparison. Correctness: every save or delete of the models the figures read (see
``signals.py``) drops the version key, so the next request computes afresh; the key is dropped
again when the transaction commits, so a request that read the old data during the transaction
cannot leave stale figures behind."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from organisation.models import Municipality, Unit, UnitKind

from .prerequisites import familjeombud_by_unit, unit_flags
from .progress import Progress, UnitRow, area_totals, heatmap, published_areas, trend

VERSION_KEY = "checklists:figures:version"
# Part of every key: raise it when Figures or the export files change shape, so a deploy never
# unpickles what older code stored.
FORMAT = 1
TIMEOUT = 60 * 60  # an hour: a safety net, the version key is what keeps the figures fresh


def figures_version() -> str:
    """The current version, created when missing (after a change, or an emptied cache)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add(): when two requests race, both end up using the one that was stored first.
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def figures_changed() -> None:
    cache.delete(VERSION_KEY)


UNIT_FIELDS = ["id", "name", "kind", "municipality_id"]


@dataclass
class Figures:
    """What the cache keeps: plain values only. Unpickling 500 model instances took longer than
    computing them; the heatmap page needs none (its rows are ready HTML), the exports and
    tests rebuild them from ``row_values`` through ``rows``."""

    year: int
    areas: list
    row_values: list[tuple]  # (unit fields..., has_assessment, ((done, applicable), ...), flags)
    totals: list[Progress]
    region: Progress | None
    trend: list[dict]
    years: list[int]
    flagged: int
    started: int
    heatmap_html: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def rows(self) -> list[UnitRow]:
        rows = []
        for *unit_values, has_assessment, areas, flags in self.row_values:
            unit = Unit.from_db(DEFAULT_DB_ALIAS, UNIT_FIELDS, unit_values)
            row = UnitRow(unit, has_assessment, [Progress(d, a) for d, a in areas])
            row.flags = list(flags)
            rows.append(row)
        return rows


def compute_figures(year: int, municipality: str = "", kind: str = "") -> Figures:
    """Four queries: areas, the heatmap, the familjeombud prerequisites, the trend."""
    # The same filter for units and, through their unit, for assessments (the trend).
    unit_filter = {"municipality": municipality, "kind": kind}
    unit_filter = {k: v for k, v in unit_filter.items() if v}
    units = Unit.objects.filter(**unit_filter).order_by("name", "pk")
    areas = published_areas()
    rows = heatmap(units, year, areas)
    ombud = familjeombud_by_unit(units.values("pk"), year)
    for row in rows:
        row.flags = unit_flags(ombud.get(row.unit.pk, []))
    totals = area_totals(rows, len(areas))
    points, years = trend(Q(**{f"unit__{k}": v for k, v in unit_filter.items()}), areas)
    figures = Figures(
        year=year,
        areas=areas,
        row_values=[
            (
                *(getattr(r.unit, name) for name in UNIT_FIELDS),
                r.has_assessment,
                tuple((p.done, p.applicable) for p in r.areas),
                tuple(r.flags),
            )
            for r in rows
        ],
        totals=totals,
        region=sum(totals[1:], totals[0]) if totals else None,
        trend=points,
        years=years,
        flagged=sum(1 for r in rows if r.flags),
        started=sum(1 for r in rows if r.has_assessment),
    )
    figures.heatmap_html = heatmap_body(year, areas, rows)
    return figures


def cached(name: str, filters: tuple, build):
    """``build()`` once per version of the data and (year, municipality, kind)."""
    key = ":".join(["checklists", name, str(FORMAT), figures_version(), *map(str, filters)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def dashboard_figures(year: int, municipality: str = "", kind: str = "") -> Figures:
    """From the cache when nothing has changed since they were computed (two cache reads)."""
    filters = (year, municipality, kind)
    return cached("figures", filters, lambda: compute_figures(*filters))


def choice_labels() -> tuple[dict, dict]:
    """Municipality names by code (one query) and kind labels, translated once:
    Model.get_FOO_display hashes the lazy choices on every call, a fifth of the export's time
    for 500 units."""
    municipalities = dict(Municipality.objects.values_list("code", "name"))
    return municipalities, {value: str(label) for value, label in UnitKind.choices}


def _cell(p: Progress, extra: str = "") -> str:
    # Only a class name and a number: nothing to escape.
    text = "–" if p.percent is None else f"{p.percent} %"
    return f'<td class="{p.heat}{extra}">{text}</td>'


def heatmap_body(year: int, areas: list, rows: list[UnitRow]) -> SafeString:
    """The heatmap's rows, built in Python: 500 units × 8 cells through the template engine
    took most of the page's time (and format_html for every cell still a third of the rest).
    Same markup as the template gave; every text from the database goes through escape()."""
    detail = reverse("checklists:unit_detail", args=[0]).replace("/0/", "/{}/")
    pdf = reverse("checklists:unit_report_pdf", args=[0, year]).replace("/0/", "/{}/", 1)
    no_assessment = format_html(
        '<td colspan="{}" class="heat-none">{}</td>',
        len(areas) + 1,
        _("Ingen checklista för året"),
    )
    missing, ok = escape(_("Saknas:")), escape(_("OK"))
    municipalities, kinds = choice_labels()
    municipalities = {k: escape(v) for k, v in municipalities.items()}
    kinds = {k: escape(v) for k, v in kinds.items()}
    lines = []
    for row in rows:
        unit = row.unit
        if row.has_assessment:
            cells = "".join(_cell(p) for p in row.areas) + _cell(row.overall, " fw-semibold")
        else:
            cells = no_assessment
        if row.flags:
            flags = f'<span class="flag">{missing}</span> {escape("; ".join(row.flags))}'
        else:
            flags = ok
        name = escape(unit.name)
        municipality = municipalities.get(unit.municipality_id) or escape(unit.municipality_id)
        kind = kinds.get(unit.kind) or escape(unit.kind)
        lines.append(
            f'<tr>\n    <th scope="row"><a href="{detail.format(unit.pk)}?ar={year}">{name}</a>'
            f"</th>\n    <td>{municipality}</td>\n"
            f"    <td>{kind}</td>\n    {cells}\n    <td>{flags}</td>\n"
            f'    <td><a href="{pdf.format(unit.pk)}">PDF<span class="visually-hidden"> {name}'
            "</span></a></td>\n  </tr>"
        )
    if not lines:
        return format_html(
            '<tr><td colspan="{}">{}</td></tr>',
            len(areas) + 6,
            _("Inga verksamheter matchar filtret."),
        )
    return SafeString("\n  ".join(lines))
