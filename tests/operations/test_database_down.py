"""With the database down every page answers the Swedish 503 page, not a traceback; the next
request after it returns is served normally. The database is taken away by making every
query fail as a lost connection does (test_database_outage_postgres.py stops a real one)."""

import logging
import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from familjeombud import outage
from familjeombud.settings import base
from tests.pages.html_checks import PageStructure

pytestmark = pytest.mark.urls("tests.operations.broken_urls")

HEADING = "<h1>Portalen är tillfälligt ur funktion</h1>"
PERSONNUMMER = "201212121212"


@pytest.fixture(autouse=True)
def outage_log(monkeypatch):
    """Each test starts outside an outage (the log's state is per process)."""
    log = outage.OutageLog()
    monkeypatch.setattr(outage, "OUTAGE", log)
    return log


@contextmanager
def database_down():
    """Every query fails, the session's and the signed-in user's included."""
    refused = OperationalError("connection to server failed: Connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "_cursor", side_effect=refused):
        yield


def assert_503_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert HEADING in html
    assert '<html lang="sv">' in html
    assert "Hoppa till huvudinnehållet" in html  # the frame of base.html
    assert "Traceback" not in html
    assert "OperationalError" not in html
    return html


def test_a_database_error_in_a_view_gives_the_swedish_503_page_not_a_traceback(client):
    """No database fixture: had the page or the middleware queried the database, pytest-django
    would have refused and the answer would have been a 500."""
    html = assert_503_page(client.get("/test/databasen-borta/"))
    page = PageStructure()
    page.feed(html)
    assert page.headings[0] == 1
    assert page.inline_scripts == 0
    assert "/" in page.links


def test_with_the_database_down_a_signed_in_user_gets_the_503_page_on_every_page(
    client, django_user_model
):
    """The session and the user are read lazily from the database inside the view; the page
    itself shows no name, menu by permission or message, which would need them again."""
    user = django_user_model.objects.create_user("anna", first_name="Anna", password="x")
    client.force_login(user)
    with database_down():
        responses = [
            client.get(reverse("home")),
            client.get(reverse("samverkan:case_list")),
            client.get(reverse("mandates:search"), {"q": "barn"}),
            client.post(reverse("login"), {"username": "anna", "password": "x"}),
        ]
    for response in responses:
        html = assert_503_page(response)
        assert "Anna" not in html
        assert "Logga ut" not in html


def test_a_session_that_cannot_be_saved_after_the_view_gives_the_503_page(db):
    client = Client(raise_request_exception=False)
    refused = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(SessionStore, "save", side_effect=refused):
        response = client.get("/test/sessionen/")
    assert_503_page(response)


def test_any_other_error_is_still_the_ordinary_500_page():
    response = Client(raise_request_exception=False).get("/test/programfel/")
    assert response.status_code == 500
    assert "Tekniskt fel" in response.content.decode()
    assert "Retry-After" not in response


def test_an_outage_is_logged_once_without_path_or_personal_data_and_its_end_once(
    client, caplog, db
):
    caplog.set_level(logging.INFO)
    with database_down():
        for _ in range(3):
            response = client.get(reverse("mandates:search"), {"q": PERSONNUMMER})
            assert response.status_code == 503
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.name, r.getMessage()) for r in problems] == [
        ("familjeombud.database", outage.OUTAGE_STARTED % "OperationalError")
    ]

    caplog.clear()
    assert client.get(reverse("mandates:search"), {"q": "barn"}).status_code == 200
    ended = [r.getMessage() for r in caplog.records if r.name == "familjeombud.database"]
    assert len(ended) == 1
    ended_pattern = re.escape(outage.OUTAGE_ENDED).replace("%d", r"\d+")
    assert re.fullmatch(ended_pattern, ended[0])
    assert ended[0].endswith("3 svar blev 503 under tiden.")
    assert client.get(reverse("home")).status_code == 200
    assert len([r for r in caplog.records if r.name == "familjeombud.database"]) == 1


def test_the_readiness_probe_answers_503_when_the_database_is_down_the_liveness_probe_not(
    client, db
):
    ready = client.get(reverse("health_database"))
    assert (ready.status_code, ready.content) == (200, b"ok")
    with database_down():
        assert_503_page(client.get(reverse("health_database")))
        alive = client.get(reverse("health"))
    assert (alive.status_code, alive.content) == (200, b"ok")


def test_the_middleware_is_placed_before_sessions_and_authentication():
    order = settings.MIDDLEWARE
    position = order.index("familjeombud.middleware.DatabaseUnavailableMiddleware")
    assert position < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert position < order.index("django.contrib.auth.middleware.AuthenticationMiddleware")


def test_kept_connections_are_health_checked_so_a_returned_database_is_used_at_once():
    assert base.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert base.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
