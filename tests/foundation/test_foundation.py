import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from familjeombud.settings.base import SECRET_KEY_MISSING
from mandates.models import MandateArea

BASE_DIR = Path(settings.BASE_DIR)


def test_the_suite_runs_on_the_database_backend_it_was_asked_for(db):
    assert connection.vendor == os.environ.get("EXPECTED_DB_VENDOR", "sqlite")


def test_interface_language_and_time_zone_are_swedish():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"


@pytest.mark.django_db
def test_home_page_is_in_swedish_with_landmarks_and_skip_link(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert 'href="#huvudinnehall"' in html
    assert "<header" in html and "<nav" in html and "<main" in html and "<footer" in html
    assert "Familjeombudens mandatområden" in html


@pytest.mark.django_db
def test_home_page_lists_published_areas_in_order_and_hides_unpublished(client):
    MandateArea.objects.create(slug="b", name="Andra området", order=2)
    MandateArea.objects.create(slug="a", name="Första området", order=1)
    MandateArea.objects.create(slug="c", name="Dolt område", order=3, published=False)
    html = client.get(reverse("home")).content.decode()
    assert html.index("Första området") < html.index("Andra området")
    assert "Dolt område" not in html


@pytest.mark.django_db
def test_home_page_without_areas_shows_an_empty_state(client):
    assert "Inga mandatområden är publicerade ännu." in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_address_gives_a_swedish_404_page(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.django_db
def test_an_administrator_can_log_in_and_open_the_admin(client):
    get_user_model().objects.create_superuser("chef", "", "ett-langt-losenord-123")
    response = client.post(
        reverse("login"), {"username": "chef", "password": "ett-langt-losenord-123"}
    )
    assert response.status_code == 302
    admin = client.get(reverse("admin:index"))
    assert admin.status_code == 200
    assert "Innehåll och register" in admin.content.decode()


@pytest.mark.django_db
def test_login_page_is_in_swedish_and_rejects_a_wrong_password(client):
    get_user_model().objects.create_user("anna", "", "ett-langt-losenord-123")
    response = client.post(reverse("login"), {"username": "anna", "password": "fel"})
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()


def _run_django(env_overrides: dict, code: str) -> subprocess.CompletedProcess:
    # The subprocess sees only what a production server would: no test-only switches.
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _run_django({"DJANGO_SETTINGS_MODULE": "familjeombud.settings.production"}, "")
    assert result.returncode != 0
    assert SECRET_KEY_MISSING in result.stderr


def test_production_settings_pass_the_deploy_check():
    env = {
        "DJANGO_SETTINGS_MODULE": "familjeombud.settings.production",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-key-for-the-check-0123456789",
        "ALLOWED_HOSTS": "familjeombud.example.se",
        "DATABASE_URL": "sqlite://:memory:",
    }
    result = _run_django(
        env,
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_ensure_admin_creates_one_administrator_with_a_generated_password(capsys):
    call_command("ensure_admin")
    first = capsys.readouterr().out
    call_command("ensure_admin")
    second = capsys.readouterr().out
    users = get_user_model().objects.filter(is_superuser=True)
    assert users.count() == 1
    password = first.split("lösenord:")[1].split()[0]
    assert users.get().check_password(password)
    assert "finns redan" in second and password not in second


@pytest.mark.django_db
def test_ensure_admin_passwords_differ_between_fresh_databases(capsys):
    call_command("ensure_admin")
    one = capsys.readouterr().out.split("lösenord:")[1].split()[0]
    get_user_model().objects.all().delete()
    call_command("ensure_admin")
    two = capsys.readouterr().out.split("lösenord:")[1].split()[0]
    assert one != two
