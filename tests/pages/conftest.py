from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# The browser harness's fixtures, shared so the report form is tested like every public page.
from tests.browser.conftest import axe, browser, page  # noqa: F401

SITE_PAGES_FIXTURE = str(Path(settings.BASE_DIR, "fixtures", "05_site_pages.json"))


@pytest.fixture
def site_pages(db):
    """The content shipped in fixtures/05_site_pages.json, as `make run` loads it."""
    call_command("loaddata", SITE_PAGES_FIXTURE, verbosity=0)
