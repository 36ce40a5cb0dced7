"""A real outage on the PostgreSQL server of the test run: the server ends every connection to
the test database (as a stop or restart does) and refuses new ones until it is "back". The
requests go through Django's WSGI handler, as under gunicorn, so the connection is kept between
requests and checked at their start and end exactly as in production (the test client skips
that). The server itself keeps running for the tests after these."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from familjeombud import outage
from familjeombud.settings import base

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database server that can end connections and refuse new ones",
    ),
]

HEADING = "<h1>Portalen är tillfälligt ur funktion</h1>"


@pytest.fixture
def kept_connection(transactional_db, monkeypatch):
    """The test database's connection kept and health-checked as base.py configures it."""
    monkeypatch.setattr(outage, "OUTAGE", outage.OutageLog())
    keys = ["CONN_MAX_AGE", "CONN_HEALTH_CHECKS"]
    saved = {key: connection.settings_dict[key] for key in keys}
    connection.close()
    connection.settings_dict.update({key: base.DATABASES["default"][key] for key in keys})
    try:
        yield connection
    finally:
        connection.settings_dict.update(saved)
        connection.close()


def get(handler, path, cookie=""):
    """One request through the WSGI handler; closing the response ends the request."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    response = handler(RequestFactory().get(path, HTTP_COOKIE=cookie).environ, start_response)
    try:
        body = b"".join(response).decode()
    finally:
        response.close()
    return answer["status"], answer["headers"], body


def on_server(sql, params=None):
    """From a session on the server's maintenance database, as Django creates test databases."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql, params)


def end_connections():
    """What stopping or restarting the server does to every open connection."""
    on_server(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [connection.settings_dict["NAME"]],
    )


@contextmanager
def database_down():
    name = connection.settings_dict["NAME"]
    on_server(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
    try:
        end_connections()
        yield
    finally:
        on_server(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


def test_with_the_database_down_pages_answer_503_and_the_first_request_after_it_is_served(
    kept_connection, caplog
):
    handler = WSGIHandler()  # one worker process, never restarted during the test
    assert get(handler, "/")[0] == 200
    assert kept_connection.connection is not None  # kept for the next request

    with database_down():
        status, headers, body = get(handler, "/")
        assert status == 503
        assert headers["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
        assert HEADING in body
        assert "Traceback" not in body
        assert get(handler, "/halsa/databas/")[0] == 503
        assert get(handler, reverse("accessibility_statement"))[0] == 503
        assert get(handler, reverse("login"))[0] == 200  # asks nothing of the database
        assert get(handler, "/halsa/")[0] == 200  # liveness: the app server itself is fine

    status, _, body = get(handler, "/")
    assert status == 200
    assert HEADING not in body
    assert get(handler, "/halsa/databas/")[0] == 200
    messages = [r.getMessage() for r in caplog.records if r.name == "familjeombud.database"]
    assert len(messages) == 2
    assert messages[0].startswith("Databasen svarar inte (OperationalError")
    assert messages[1].startswith("Databasen svarar igen efter")


def test_a_database_restarted_between_two_requests_costs_no_failed_request(kept_connection):
    """The kept connection died with the restart; the health check at the next request's
    first query notices and connects anew instead of failing that request."""
    handler = WSGIHandler()
    assert get(handler, "/")[0] == 200
    dead = kept_connection.connection
    end_connections()
    assert get(handler, "/")[0] == 200
    assert kept_connection.connection is not dead


def test_a_database_restarted_between_two_signed_in_requests_costs_no_failed_request(
    kept_connection, django_user_model
):
    """A signed-in request's first query is its session's, one of core.compiled's prepared
    queries: the health check comes before it as before any other query."""
    client = Client()
    client.force_login(django_user_model.objects.create_user("anna", password="x"))
    name = settings.SESSION_COOKIE_NAME
    cookie = f"{name}={client.cookies[name].value}"
    handler = WSGIHandler()
    status, _, body = get(handler, "/", cookie)
    assert (status, "Logga ut" in body) == (200, True)
    dead = kept_connection.connection
    end_connections()
    status, _, body = get(handler, "/", cookie)
    assert (status, "Logga ut" in body) == (200, True)
    assert kept_connection.connection is not dead
