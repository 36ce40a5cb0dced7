"""A session ends after SESSION_COOKIE_AGE and when the browser closes."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

PASSWORD = "ett-langt-losenord-123"


@pytest.fixture
def logged_in_client(client, db):
    get_user_model().objects.create_user("anna", "", PASSWORD, is_staff=True)
    response = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_sessions_are_limited_to_a_working_day_and_end_when_the_browser_closes():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_the_session_cookie_is_not_persistent(logged_in_client):
    cookie = logged_in_client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"] is True


def test_a_fresh_session_opens_the_admin(logged_in_client):
    assert logged_in_client.get(reverse("admin:index")).status_code == 200


def test_an_expired_session_sends_the_user_back_to_login(logged_in_client):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    if settings.SESSION_ENGINE.endswith("cached_db"):
        # The cached copy lives exactly as long as the session (its TTL is the expiry age), so
        # at the moment the row expires Redis has dropped it too.
        from django.contrib.sessions.backends.cached_db import KEY_PREFIX

        cache.delete(KEY_PREFIX + logged_in_client.session.session_key)
    response = logged_in_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_session_expires_no_later_than_the_cookie_age_after_login(logged_in_client):
    session = Session.objects.get()
    lifetime = session.expire_date - timezone.now()
    assert timedelta(0) < lifetime <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
