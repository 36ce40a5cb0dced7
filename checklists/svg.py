"""Geometry for the server-side SVG trend chart (no chart library, no CDN, no inline styles:
colours and dash patterns are SVG attributes). The template draws it; a table next to it carries
the same figures as text."""

from __future__ import annotations

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
# Colour-blind-safe (Okabe-Ito) colours; each line also has its own dash pattern and marker.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
# Room right of the plot for the legend: the longest area name at font-size 11 is ~260 units.
LEGEND_WIDTH = 300
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2"]


def number(value: float) -> str:
    """A coordinate as SVG reads it: a point for decimals, never the locale's comma (the
    template writes these strings as they are, so no language setting can change them)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(percent: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (100 - percent) / 100


def trend_chart(points: list[dict], areas: list) -> dict:
    count = len(points)
    series = []
    names = [a.name for a in areas] + ["Totalt"]
    for s, name in enumerate(names):
        coords = []
        for i, point in enumerate(points):
            p = point["overall"] if s == len(areas) else point["areas"][s]
            if p.percent is not None:
                coords.append((number(_x(i, count)), number(_y(p.percent))))
        overall = s == len(areas)
        series.append(
            {
                "name": name,
                "colour": "#000000" if overall else COLOURS[s % len(COLOURS)],
                "dash": "" if overall else DASHES[s % len(DASHES)],
                "width": "3" if overall else "2",
                "points": " ".join(f"{x},{y}" for x, y in coords),
                "dots": coords,
                "legend_y": number(TOP + 16 * s),
            }
        )
    legend_x = WIDTH + 10
    return {
        "view_box": f"0 0 {number(WIDTH + LEGEND_WIDTH)} {number(HEIGHT)}",
        "plot_left": number(LEFT),
        "plot_right": number(WIDTH - RIGHT),
        "label_x": number(LEFT - 6),
        "year_y": number(HEIGHT - BOTTOM + 20),
        "legend_line_from": number(legend_x),
        "legend_line_to": number(legend_x + 24),
        "legend_text_x": number(legend_x + 30),
        "gridlines": [{"y": number(_y(v)), "label": f"{v} %"} for v in (0, 25, 50, 75, 100)],
        "years": [
            {"x": number(_x(i, count)), "label": str(p["year"])} for i, p in enumerate(points)
        ],
        "series": series,
        "empty": count == 0,
    }
