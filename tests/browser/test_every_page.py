"""Every page each demo role reaches, crawled from the start page at 390 and 1280 px in Swedish:
the document never scrolls sideways, axe finds no WCAG 2.2 A/AA violation, and every number in
an SVG is a plain number. With SCREENSHOTS_DIR set (`make screenshots`) each page is also
written there as a PNG, per width and role."""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from .conftest import format_violations, run_axe
from .crawl import DEMO_ROLES, WCAG_22_TAGS, crawl

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_world(transactional_db):
    """What `make run` sets up: the content of fixtures/, the administrator and the demo data."""
    call_command("dev_setup", stdout=io.StringIO())


def signed_in_context(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    context.set_default_timeout(15_000)
    if username:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def axe_problems(page, url):
    violations = run_axe(page, WCAG_22_TAGS)
    return [format_violations(url, violations)] if violations else []


@pytest.mark.parametrize("role", list(DEMO_ROLES))
def test_every_page_a_demo_role_reaches_fits_both_widths_and_passes_axe(
    browser, live_server, demo_world, role
):
    folder = os.environ.get("SCREENSHOTS_DIR")
    context = signed_in_context(browser, live_server, DEMO_ROLES[role])
    errors = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    try:
        result = crawl(
            context,
            role,
            check=axe_problems,
            screenshots=Path(folder).resolve() if folder else None,
        )
    finally:
        context.close()
    assert len(result.pages) > 3, result.pages
    assert not result.problems, result.report()
    assert not errors, errors
