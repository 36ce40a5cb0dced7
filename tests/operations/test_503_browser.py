"""The 503 page in a real browser under the production CSP: no WCAG 2.1 A/AA violation, no
CSP violation, and its link leads back to a working start page."""

import pytest

from tests.browser.conftest import axe, browser, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.operations.broken_urls")]


def test_the_503_page_passes_axe_and_leads_to_the_start_page(page, axe, transactional_db):  # noqa: F811
    response = page.goto("/test/databasen-borta/")
    assert response.status == 503
    assert page.locator("h1").inner_text() == "Portalen är tillfälligt ur funktion"
    assert page.get_attribute("html", "lang") == "sv"
    axe(page)
    page.get_by_role("link", name="Till startsidan").click()
    page.wait_for_url("**/")
    assert page.locator("h1").count() == 1
