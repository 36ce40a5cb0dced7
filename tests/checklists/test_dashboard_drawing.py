"""The region dashboard as a Swedish browser gets it: every SVG coordinate a plain number, five
heatmap colours that Bootstrap's table styles cannot paint over, and the figure in every cell."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from checklists.progress import heat_class, heat_legend
from checklists.svg import number
from tests.browser.crawl import SVG_NUMBER_ATTRIBUTES

from .test_dashboard import region  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def swedish_dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("checklists:dashboard"), {"ar": 2026}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "sv"
    return response.content.decode()


@pytest.mark.usefixtures("region")
def test_every_number_in_the_trend_chart_parses_as_a_number_in_swedish(client, strateg):
    html = swedish_dashboard(client, strateg)
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))
    seen = 0
    for element in svg.iter():
        for name, value in element.attrib.items():
            if name not in SVG_NUMBER_ATTRIBUTES:
                continue
            seen += 1
            if name == "points":
                for pair in value.split():
                    x, y = pair.split(",")
                    float(x), float(y)
            else:
                for part in re.split(r"[\s,]+", value.strip().removesuffix("%")):
                    float(part)
    # Two years (2025, 2026) of six series: grid, year labels, dots and legend all drawn.
    assert len(svg.findall(f"{SVG}circle")) == 12
    assert len(svg.findall(f"{SVG}line")) == 5 + 6
    assert seen > 80


def test_svg_numbers_are_written_with_a_point_and_without_trailing_zeros():
    assert [number(48.0), number(211.25), number(-0.01), number(1000)] == [
        "48",
        "211.2",
        "0",
        "1000",
    ]


def test_the_heatmap_has_five_colours_for_five_ranges_and_grey_for_no_figure():
    classes = [heat_class(p) for p in (0, 19, 20, 39, 40, 59, 60, 79, 80, 100)]
    assert classes == ["heat-0", "heat-0", "heat-1", "heat-1", "heat-2", "heat-2"] + [
        "heat-3",
        "heat-3",
        "heat-4",
        "heat-4",
    ]
    assert heat_class(None) == "heat-none"
    assert [label for _, label in heat_legend()] == [
        "0–19 %",
        "20–39 %",
        "40–59 %",
        "60–79 %",
        "80–100 %",
    ]


def test_each_heat_colour_is_set_through_bootstraps_table_variable_and_differs():
    """Bootstrap paints a table cell with var(--bs-table-bg); a plain background on the class
    is painted over (every cell looked white), so the colours must go through the variable."""
    css = Path(settings.BASE_DIR, "static/checklists/checklists.css").read_text()
    colours = dict(re.findall(r"\.heatmap \.(heat-\w+) \{ --bs-table-bg: (#[0-9a-f]{6}); \}", css))
    assert sorted(colours) == ["heat-0", "heat-1", "heat-2", "heat-3", "heat-4", "heat-none"]
    assert len(set(colours.values())) == 6


@pytest.mark.usefixtures("region")
def test_every_heatmap_cell_prints_its_figure(client, strateg):
    html = swedish_dashboard(client, strateg)
    cells = re.findall(r'<td class="(heat-[0-4])[^"]*">([^<]*)</td>', html)
    assert cells and all(re.fullmatch(r"\d{1,3} %", text) for _, text in cells)
    assert len({css for css, _ in cells}) >= 3
