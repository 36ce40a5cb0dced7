"""The session engines read the session row through a compiled query (accounts.sessions):
the same answer as Django's own engines, for live, expired and unknown sessions."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends import cached_db as django_cached_db
from django.contrib.sessions.backends import db as django_db
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.sessions import cached_db, db

pytestmark = pytest.mark.django_db

ENGINES = [
    (db.SessionStore, django_db.SessionStore),
    (cached_db.SessionStore, django_cached_db.SessionStore),
]


@pytest.mark.parametrize(("ours", "djangos"), ENGINES)
def test_a_live_session_loads_as_django_loads_it(live_session, ours, djangos):
    assert ours(live_session).load() == djangos(live_session).load() == {"who": "anna"}


@pytest.mark.parametrize(("ours", "djangos"), ENGINES)
def test_an_expired_or_unknown_session_is_empty_and_its_key_forgotten(live_session, ours, djangos):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    for key in (live_session, "x" * 32, None):
        store, theirs = ours(key), djangos(key)
        assert store.load() == theirs.load() == {}
        assert store.session_key is theirs.session_key is None


def test_the_session_is_one_query(live_session, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert db.SessionStore(live_session).load() == {"who": "anna"}
