from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SITE_PAGES_FIXTURE = str(Path(settings.BASE_DIR, "fixtures", "05_site_pages.json"))


@pytest.fixture
def site_pages(db):
    """The content shipped in fixtures/05_site_pages.json, as `make run` loads it."""
    call_command("loaddata", SITE_PAGES_FIXTURE, verbosity=0)
