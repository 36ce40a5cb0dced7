"""On PostgreSQL the queries core.compiled builds once per process are prepared once per
connection (familjeombud.settings.base.prepared_statements), still counted and logged as
queries, and give the same rows; DATABASE_PREPARED_STATEMENTS=off turns that off."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.sessions import db
from familjeombud.settings.base import prepared_statements

pytestmark = pytest.mark.django_db

POSTGRES = "django.db.backends.postgresql"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [row[0] for row in cursor.fetchall()]


def test_postgresql_gets_prepared_statements_unless_they_are_turned_off(monkeypatch):
    assert prepared_statements({"ENGINE": POSTGRES})["OPTIONS"] == {"prepare_threshold": 5}
    assert "OPTIONS" not in prepared_statements({"ENGINE": "django.db.backends.sqlite3"})
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "off")
    assert "OPTIONS" not in prepared_statements({"ENGINE": POSTGRES})


@on_postgresql
def test_a_compiled_query_is_prepared_once_and_each_run_is_still_a_counted_query(
    live_session, django_assert_num_queries
):
    before = len(_prepared())
    with django_assert_num_queries(3):
        for _ in range(3):
            assert db.SessionStore(live_session).load() == {"who": "anna"}
    statements = _prepared()
    assert len(statements) == before + 1
    assert "django_session" in statements[-1]


@on_postgresql
def test_a_prepared_query_is_logged_with_its_values_as_django_logs_any_query(live_session):
    with CaptureQueriesContext(connection) as captured:
        db.SessionStore(live_session).load()
    (query,) = captured.captured_queries
    assert "django_session" in query["sql"]
    assert f"'{live_session}'" in query["sql"]


@on_postgresql
def test_with_prepared_statements_off_a_compiled_query_is_not_prepared(live_session, monkeypatch):
    monkeypatch.delitem(connection.settings_dict["OPTIONS"], "prepare_threshold")
    before = _prepared()
    assert db.SessionStore(live_session).load() == {"who": "anna"}
    assert _prepared() == before
