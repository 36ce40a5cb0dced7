"""Barnets bästa-hjulet as inline SVG, drawn on the server so that it needs no script and
WeasyPrint draws the same picture in the plan's PDF."""

import math

from django.db.models import Exists, OuterRef
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SIZE = 320
CENTRE = SIZE / 2
OUTER = 150
INNER = 48
ON_FILL, OFF_FILL, STROKE = "#0b4f6c", "#f1f4f6", "#ffffff"


def _point(radius: float, angle: float) -> tuple[float, float]:
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def _sector(start: float, end: float) -> str:
    x1, y1 = _point(OUTER, start)
    x2, y2 = _point(OUTER, end)
    x3, y3 = _point(INNER, end)
    x4, y4 = _point(INNER, start)
    large = 1 if end - start > math.pi else 0
    return (
        f"M{x1:.1f},{y1:.1f} A{OUTER},{OUTER} 0 {large} 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{INNER},{INNER} 0 {large} 0 {x4:.1f},{y4:.1f} Z"
    )


def areas_of(case) -> tuple[list, set[int]]:
    """Every area of the wheel (a small table) and the pks the case chose, in one query."""
    from samverkan.models import Case, WheelArea

    chosen = Case.areas.through.objects.filter(case_id=case.pk, wheelarea_id=OuterRef("pk"))
    areas = list(WheelArea.objects.annotate(chosen=Exists(chosen)))
    return areas, {a.pk for a in areas if a.chosen}


def wheel_svg(
    areas, chosen_ids: set[int], title: str = "Barnets bästa-hjulet", *, for_family: bool = False
) -> SafeString:
    """areas: ordered WheelArea rows. The picture is decorative for screen readers: the page
    lists the same areas as text right after it. The family's copy has no asterisk for a name
    awaiting an administrator's confirmation."""
    areas = list(areas)
    count = max(len(areas), 1)
    step = 2 * math.pi / count
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wheel" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}" role="img" aria-labelledby="wheel-title">',
        f'<title id="wheel-title">{escape(title)}</title>',
    ]
    for i, area in enumerate(areas):
        start = -math.pi / 2 + i * step
        on = area.pk in chosen_ids
        fill = ON_FILL if on else OFF_FILL
        text = "#ffffff" if on else "#1a1a1a"
        parts.append(
            f'<path d="{_sector(start, start + step)}" fill="{fill}" stroke="{STROKE}" '
            f'stroke-width="3" data-area="{area.pk}" data-chosen="{"ja" if on else "nej"}"/>'
        )
        tx, ty = _point((OUTER + INNER) / 2, start + step / 2)
        flagged = area.awaiting_confirmation and not for_family
        label = escape(area.name) + ("*" if flagged else "")
        weight = ' font-weight="bold"' if on else ""
        parts.append(
            f'<text x="{tx:.1f}" y="{ty:.1f}" fill="{text}" font-size="13" '
            f'font-family="sans-serif" text-anchor="middle" dominant-baseline="middle"'
            f"{weight}>{label}</text>"
        )
    parts.append(
        f'<text x="{CENTRE}" y="{CENTRE}" font-size="13" font-family="sans-serif" '
        f'text-anchor="middle" dominant-baseline="middle" fill="#1a1a1a">Barnet</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above
