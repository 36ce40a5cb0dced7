import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    from checklists.fragments import LOCAL as worker_parts
    from mandates.cache import clear_local

    # The per-worker layers too: they are on whenever the shared cache is a service (Redis), and
    # each test's content starts again at the same version number.
    cache.clear()
    clear_local()
    worker_parts.clear()
    yield
    cache.clear()
    clear_local()
    worker_parts.clear()


@pytest.fixture
def live_session(db):
    """The key of a stored session holding {"who": "anna"}, saved by Django's own engine."""
    from django.contrib.sessions.backends import db as django_db

    store = django_db.SessionStore()
    store["who"] = "anna"
    store.create()
    return store.session_key


# The tests whose outcome depends on the shared cache; `make test-redis` runs them again with
# Redis as the cache (and sessions in cached_db), as a region with several app servers has it.
SHARED_CACHE_FILES = {
    "tests/mandates/test_cache.py",
    "tests/mandates/test_pages.py",
    "tests/checklists/test_dashboard.py",
    "tests/checklists/test_fragments.py",
    "tests/checklists/test_views.py",
    "tests/pages/test_report_form.py",
    "tests/security/test_session_expiry.py",
    "tests/security/test_login_throttling.py",
    "tests/operations/test_shared_cache.py",
    "tests/operations/test_scale_out.py",
}


def pytest_collection_modifyitems(config, items):
    root = config.rootpath
    for item in items:
        if item.path.relative_to(root).as_posix() in SHARED_CACHE_FILES:
            item.add_marker(pytest.mark.shared_cache)
