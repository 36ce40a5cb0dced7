import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from familjeombud import outage
from mandates import cache as page_cache
from mandates.cache import current_version
from mandates.models import ContentVersion, Film, MandateArea, ReflectionQuestion
from tests.operations.test_database_down import assert_503_page, database_down

from .conftest import FIXTURES

AREA_URL = reverse("mandates:area_detail", args=["barn-som-far-illa"])
QUESTION = "Vad är våra utmaningar med att upptäcka barn som far illa?"


def test_a_public_page_is_served_from_the_cache_until_content_changes(package, client):
    assert QUESTION in client.get(AREA_URL).content.decode()
    # update() bypasses save(): the version stays, so the cached page is still served.
    ReflectionQuestion.objects.filter(text=QUESTION).update(text="Dold ändring?")
    assert QUESTION in client.get(AREA_URL).content.decode()
    # A save, as admin does, bumps the version and the page shows the change at once.
    question = ReflectionQuestion.objects.get(text="Dold ändring?")
    question.text = "Ny fråga från admin?"
    question.save()
    html = client.get(AREA_URL).content.decode()
    assert "Ny fråga från admin?" in html and QUESTION not in html


def test_deleting_content_or_changing_a_checklist_item_bumps_the_version(package):
    before = current_version()
    Film.objects.filter(title="Våld mot barn 2022").get().delete()
    after_delete = current_version()
    area = Film.objects.first().area
    item = area.checklist_items.first()
    item.text = "Ändrad punkt"
    item.save()
    assert before < after_delete < current_version()


def test_logged_in_users_get_fresh_pages(package, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("u", password="x"))
    client.get(AREA_URL)
    ReflectionQuestion.objects.filter(text=QUESTION).update(text="Direkt synlig?")
    assert "Direkt synlig?" in client.get(AREA_URL).content.decode()


def _subprocess_env() -> dict:
    """The same server as this process, but its test database."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    url = urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "familjeombud.settings.test",
        "CACHE_URL": "locmemcache://",
    }


@pytest.fixture
def local_layer(settings):
    """The per-worker layer in front of the shared cache (off by default in the tests, whose
    shared cache is already per-process), emptied before and after."""
    settings.MANDATES_LOCAL_PAGE_CACHE = True
    page_cache.clear_local()
    yield
    page_cache.clear_local()


def test_a_worker_serves_its_own_copy_until_another_bumps_the_version(package, client, local_layer):
    assert QUESTION in client.get(AREA_URL).content.decode()
    ReflectionQuestion.objects.filter(text=QUESTION).update(text="Ändrad utan version?")
    shared_cache.clear()  # the shared copy is gone: only this worker's copy can answer
    assert QUESTION in client.get(AREA_URL).content.decode()
    # Another worker or server saves in admin: only the version row in the database changes.
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    html = client.get(AREA_URL).content.decode()
    assert "Ändrad utan version?" in html and QUESTION not in html


def test_a_worker_takes_a_page_from_the_shared_cache_into_its_own(
    package, client, local_layer, django_assert_num_queries
):
    client.get(AREA_URL)
    page_cache.clear_local()  # as a worker that has not seen the page yet
    with django_assert_num_queries(1):  # the version; the page from the shared cache
        assert QUESTION in client.get(AREA_URL).content.decode()
    shared_cache.clear()
    with django_assert_num_queries(1):  # the version; the page from this worker's memory
        assert QUESTION in client.get(AREA_URL).content.decode()


@pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache",
    reason="the tests' cache is a shared service here (Redis): the layer is meant to be on",
)
def test_the_local_layer_is_off_when_the_shared_cache_is_itself_per_process():
    assert not page_cache.local_layer_enabled()  # the tests' locmem cache


def test_the_home_page_is_cached_and_shows_a_content_change_at_once(db, client):
    area = MandateArea.objects.create(slug="a", name="Första området", order=1)
    assert "Första området" in client.get("/").content.decode()
    MandateArea.objects.filter(pk=area.pk).update(name="Ändrat utan version")
    assert "Första området" in client.get("/").content.decode()  # from the cache
    area.refresh_from_db()
    area.name = "Ändrat i admin"
    area.save()
    assert "Ändrat i admin" in client.get("/").content.decode()


@pytest.mark.postgres_only
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the SQLite test database is in memory; another process cannot open it",
)
def test_a_change_made_by_another_process_is_seen_at_once(transactional_db, client, local_layer):
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert QUESTION in client.get(AREA_URL).content.decode()  # now cached in this process
    script = (
        "from mandates.models import ReflectionQuestion as Q; "
        f"q = Q.objects.get(text={QUESTION!r}); q.text = 'Ändrad i en annan process?'; q.save()"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=settings.BASE_DIR,
        env=_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    html = client.get(AREA_URL).content.decode()
    assert "Ändrad i en annan process?" in html and QUESTION not in html


def test_a_visitor_with_a_session_or_pending_messages_is_not_served_a_shared_page(package, client):
    client.get(AREA_URL)  # cached for everyone
    ReflectionQuestion.objects.filter(text=QUESTION).update(text="Bara för sessionen?")
    client.cookies["messages"] = "something"
    assert "Bara för sessionen?" in client.get(AREA_URL).content.decode()


def test_a_kept_page_is_the_response_as_first_served_without_the_rest_of_the_middleware(
    package, client, local_layer, django_assert_num_queries
):
    made = client.get(AREA_URL)
    with django_assert_num_queries(1):  # the version
        kept = client.get(AREA_URL)
    assert kept.content == made.content
    assert dict(kept.headers) == dict(made.headers)
    assert "Content-Security-Policy" in kept.headers and "Permissions-Policy" in kept.headers
    assert not hasattr(kept.wsgi_request, "user")  # the authentication middleware never ran
    assert hasattr(made.wsgi_request, "user")


def test_the_liveness_probe_costs_no_query_with_the_local_layer_on(client, local_layer):
    """No database fixture: a query for the version would be refused by pytest-django."""
    assert client.get(reverse("health")).status_code == 200


def test_a_kept_page_is_refused_for_a_host_outside_allowed_hosts(package, local_layer):
    client = Client(raise_request_exception=False)
    client.get(AREA_URL)
    assert client.get(AREA_URL, HTTP_HOST="angripare.example").status_code == 400


def test_a_visitor_with_a_session_is_not_served_the_kept_copy(package, client, local_layer):
    client.get(AREA_URL)
    ReflectionQuestion.objects.filter(text=QUESTION).update(text="Bara för sessionen?")
    client.cookies[settings.SESSION_COOKIE_NAME] = "okand-session"
    assert "Bara för sessionen?" in client.get(AREA_URL).content.decode()


def test_a_response_that_sets_a_cookie_or_was_not_marked_public_is_not_kept(db, local_layer):
    marked, unmarked = RequestFactory().get(AREA_URL), RequestFactory().get(AREA_URL)
    marked._public_page = True
    with_cookie = HttpResponse("sida")
    with_cookie.set_cookie("spar", "1")
    page_cache.keep_page(marked, with_cookie)
    page_cache.keep_page(unmarked, HttpResponse("sida"))
    assert page_cache.kept_page(RequestFactory().get(AREA_URL)) is None
    page_cache.keep_page(marked, HttpResponse("sida"))
    assert page_cache.kept_page(RequestFactory().get(AREA_URL)).content == b"sida"


def test_with_the_database_down_a_kept_page_gives_the_503_page(package, local_layer, monkeypatch):
    monkeypatch.setattr(outage, "OUTAGE", outage.OutageLog())
    client = Client(raise_request_exception=False)
    client.get(AREA_URL)
    with database_down():
        response = client.get(AREA_URL)
    assert_503_page(response)
