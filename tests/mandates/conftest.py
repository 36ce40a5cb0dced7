from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

FIXTURES = [
    str(Path(settings.BASE_DIR, "fixtures", name))
    for name in ["10_mandate_areas.json", "20_mandates_content.json", "30_checklist_items.json"]
]


@pytest.fixture
def package(db):
    """The whole support package as the fixtures ship it."""
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture(autouse=True)
def _package_search_only(settings):
    """The support package's search on its own: the project's providers (the samverkan routine,
    tests/pages/test_routine.py) add documents that would change these tests' hits."""
    settings.SEARCH_DOCUMENT_PROVIDERS = []
