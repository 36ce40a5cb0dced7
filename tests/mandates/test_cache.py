import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from mandates.cache import current_version
from mandates.models import Film, ReflectionQuestion

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


@pytest.mark.postgres_only
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the SQLite test database is in memory; another process cannot open it",
)
def test_a_change_made_by_another_process_is_seen_at_once(transactional_db, client):
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
