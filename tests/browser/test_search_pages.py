"""Search results come in pages of twenty: each page passes axe, and the pager is a labelled
navigation a visitor can follow with the keyboard."""

import re

import pytest
from django.urls import reverse

from mandates.search import PAGE_SIZE, search

pytestmark = pytest.mark.browser


def test_a_visitor_pages_through_search_hits_with_the_keyboard(page, axe, content):
    total = len(search("barn"))
    assert total > PAGE_SIZE, "the seed content should give more than one page for 'barn'"
    page.goto(f"{reverse('mandates:search')}?q=barn")
    axe(page)
    pager = page.get_by_role("navigation", name="Sidor")
    assert page.locator("ol.search-hits > li").count() == PAGE_SIZE
    assert "Sida 1 av" in pager.inner_text()
    pager.get_by_role("link", name="Nästa").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"page=2"))
    axe(page)
    assert page.locator("ol.search-hits").get_attribute("start") == str(PAGE_SIZE + 1)
    assert page.locator("[aria-current='page']").inner_text().startswith("Sida 2 av")
    assert re.search(r", sida 2 av \d+ –", page.title())
