"""Journey (a): a familjeombud, not logged in, reads the stödpaket as a visitor would, and every
page passes axe's WCAG 2.1 A and AA rules under the production Content-Security-Policy."""

import re

import pytest
from django.urls import reverse

from mandates.models import MandateArea

from .helpers import url_of, wait_for_path

pytestmark = pytest.mark.browser

AREA_SLUG = "barn-som-far-illa"


def test_a_visitor_reads_an_area_its_films_searches_and_gets_the_pdf(page, axe, content):
    area = MandateArea.objects.get(slug=AREA_SLUG)

    page.goto("/")
    axe(page)
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name=area.name, exact=True).first.click()
    wait_for_path(page, area.get_absolute_url())
    assert page.locator("h1").inner_text() == area.name
    axe(page)

    films_url = url_of("mandates:area_films", area.slug)
    page.locator(f"main a[href='{films_url}']").first.click()
    wait_for_path(page, films_url)
    axe(page)

    pdf_url = url_of("mandates:area_pdf", area.slug)
    page.goto(area.get_absolute_url())
    pdf_link = page.locator(f"main a[href='{pdf_url}']").first
    assert pdf_link.count() == 1, "områdessidan länkar inte till sin PDF"
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:5] == b"%PDF-"

    search_url = url_of("mandates:search")
    page.goto("/")
    page.get_by_role("searchbox").fill("orosanmälan")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(search_url) + r"\?q="))
    axe(page)
    assert page.locator("main a").count() > 0, "sökningen gav inga träffar"


def public_pages():
    return [
        ("home", ()),
        ("mandates:role", ()),
        ("mandates:contacts", ()),
        ("accessibility_statement", ()),
        ("privacy_notice", ()),
    ]


@pytest.mark.parametrize(("name", "args"), public_pages())
def test_each_public_page_passes_axe(page, axe, content, name, args):
    page.goto(url_of(name, *args))
    axe(page)
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize(
    "slug",
    [
        "barnets-rattigheter",
        "barn-som-narstaende",
        "barn-som-far-illa",
        "vald-i-nara-relationer",
        "samverkan-kronobarnsmodellen",
    ],
)
def test_every_area_page_and_its_films_page_pass_axe(page, axe, content, slug):
    page.goto(reverse("mandates:area_detail", args=[slug]))
    axe(page)
    page.goto(url_of("mandates:area_films", slug))
    axe(page)


def test_an_empty_search_and_a_search_without_hits_pass_axe(page, axe, content):
    search_url = url_of("mandates:search")
    page.goto(search_url)
    axe(page)
    page.goto(f"{search_url}?q=zzzqqqxxx")
    axe(page)
    assert page.locator("h1").count() == 1
