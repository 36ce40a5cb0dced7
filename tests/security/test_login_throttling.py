"""django-axes stops password guessing: five failures lock the username from that address for
fifteen minutes, on the portal's login and the admin's alike."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from familjeombud.lockout import LOCKOUT_CONTACT, LOCKOUT_HEADING

PASSWORD = "ett-langt-losenord-123"
LOCKED_MESSAGE = (
    "För många misslyckade inloggningar med det här användarnamnet. Inloggningen är spärrad "
    "i 15 minuter från det senaste försöket; försök sedan igen."
)


@pytest.fixture
def anna(db):
    return get_user_model().objects.create_user("anna", "", PASSWORD, is_staff=True)


def fail(client, url, username="anna", times=1, **extra):
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "fel"}, **extra)
    return response


def login(client, url, username="anna", **extra):
    return client.post(url, {"username": username, "password": PASSWORD}, **extra)


def test_axes_checks_every_login_before_the_model_backend():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_ENABLED is not False
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_LOCKOUT_CALLABLE == "familjeombud.lockout.lockout_response"


def test_four_failures_still_let_the_right_password_in(client, anna):
    response = fail(client, reverse("login"), times=4)
    assert response.status_code == 200
    assert login(client, reverse("login")).status_code == 302


def test_the_fifth_failure_locks_the_account_even_for_the_right_password(client, anna):
    response = fail(client, reverse("login"), times=5)
    assert response.status_code == 429
    response = login(client, reverse("login"))
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_the_portals_own_in_swedish_with_whom_to_contact(client, anna):
    fail(client, reverse("login"), times=5)
    response = login(client, reverse("login"))
    assert response.status_code == 429
    assert {"axes/lockout.html", "base.html"} <= {t.name for t in response.templates}
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert f"<h1>{LOCKOUT_HEADING}</h1>" in html
    assert f"<p>{LOCKED_MESSAGE}</p>" in html
    assert f"<p>{LOCKOUT_CONTACT}</p>" in html


def test_the_admin_login_is_throttled_too(client, anna):
    fail(client, reverse("admin:login"), times=5)
    response = login(client, reverse("admin:login"))
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_lock_holds_the_username_and_address_together(client, anna):
    get_user_model().objects.create_user("bertil", "", PASSWORD)
    fail(client, reverse("login"), times=5)
    assert login(client, reverse("login"), username="bertil").status_code == 302
    other_address = login(client, reverse("login"), REMOTE_ADDR="10.0.0.7")
    assert other_address.status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, anna):
    fail(client, reverse("login"), times=5)
    assert login(client, reverse("login")).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, reverse("login")).status_code == 302


def test_a_successful_login_resets_the_failure_count(client, anna):
    fail(client, reverse("login"), times=4)
    assert login(client, reverse("login")).status_code == 302
    client.post(reverse("logout"))
    response = fail(client, reverse("login"), times=4)
    assert response.status_code == 200
    assert login(client, reverse("login")).status_code == 302


def test_a_failed_login_is_recorded_without_the_password(client, anna):
    fail(client, reverse("login"))
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 1
    assert "password=fel" not in attempt.post_data
    assert "password=" in attempt.post_data
