"""Two app servers behind one load balancer, on one PostgreSQL and one Redis, as
docs/operations.md lays a region's installation out: gunicorn with the production settings,
each its own processes, sharing nothing but the database and the cache. What a person does on
one is there on the other at once, and killing one loses nothing that was acknowledged."""

import os
import secrets
import signal
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from bench.server import Server
from checklists.models import ItemStatus
from familjeombud.management.commands.dev_setup import fixture_files
from mandates.models import MandateArea, ReflectionQuestion
from tests.checklists.conftest import MembershipFactory, UnitFactory
from tests.operations.http import Browser, csrf_token
from tests.operations.test_backup_restore_postgres import database_url

DONE = ItemStatus.DONE.value
REDIS = "django.core.cache.backends.redis.RedisCache"

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or settings.CACHES["default"]["BACKEND"] != REDIS,
        reason="needs PostgreSQL and Redis (make test runs it under .ci/with-redis)",
    ),
]


def redis_url() -> str:
    """The test run's own Redis database, so the servers and this test see the same cache."""
    cache = settings.CACHES["default"]
    socket = cache["LOCATION"].removeprefix("unix://")
    return f"redis://{quote(socket)}?db={cache.get('OPTIONS', {}).get('db', 0)}"


def pbkdf2(password: str) -> str:
    """The hash the production settings check (the tests' own hasher is MD5, for speed)."""
    return PBKDF2PasswordHasher().encode(password, secrets.token_hex(8))


@pytest.fixture
def servers(transactional_db, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.operations.scaleout_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "CACHE_URL": redis_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SCALEOUT_STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        check=True, cwd=settings.BASE_DIR, env=env,
    )  # fmt: skip
    started = [Server(env, tmp_path / f"gunicorn-{n}.log", workers=2) for n in (1, 2)]
    try:
        for server in started:
            server.wait_ready()
        yield started
    finally:
        for server in started:
            server.stop()


def kill(server: Server) -> None:
    """As a machine that dies: no graceful shutdown, the whole process group at once."""
    os.killpg(server.proc.pid, signal.SIGKILL)
    server.proc.wait(timeout=10)


def test_what_a_person_does_on_one_app_server_is_at_once_on_the_other_and_survives_its_death(
    servers,
):
    call_command("loaddata", *fixture_files(), verbosity=0)
    password = secrets.token_urlsafe(16)
    user = User.objects.create(username="kollega", password=pbkdf2(password), is_staff=True,
                               is_superuser=True)  # fmt: skip
    unit = MembershipFactory(user=user, unit=UnitFactory(), role="familjeombud").unit
    area = MandateArea.objects.filter(published=True).order_by("order").first()
    question = ReflectionQuestion.objects.filter(area=area, published=True).first()
    item = area.checklist_items.filter(published=True).first()
    one, two = (server.base for server in servers)
    person = Browser()

    # Signed in on one, signed in on the other.
    login = reverse("login")
    status, html = person.get(one, login)
    assert status == 200
    status, _ = person.post(
        one, login, {"csrfmiddlewaretoken": csrf_token(html), "username": user.username,
                     "password": password},
    )  # fmt: skip
    assert status == 302
    unit_page = reverse("checklists:unit_detail", args=[unit.pk])
    status, html = person.get(two, unit_page)
    assert status == 200, "the session made on one server is not known to the other"

    # A checklist tick on one is seen on the other.
    year = 2026
    start = reverse("checklists:start_year", args=[unit.pk])
    status, _ = person.post(
        one, start, {"csrfmiddlewaretoken": csrf_token(html), "year": year, "mode": "empty"}
    )
    assert status == 302
    # Two caches the page's body before the tick (checklists/fragments.py).
    status, html = person.get(two, f"{unit_page}?ar={year}")
    assert status == 200 and item.text in html
    entry = reverse("checklists:entry_update", args=[unit.pk, year, item.pk])
    status, _ = person.post(
        one, entry, {"csrfmiddlewaretoken": csrf_token(html), "status": DONE, "comment": ""}
    )
    assert status == 302
    ticked = f'id="status-{item.pk}-{DONE}" value="{DONE}" checked'
    status, html = person.get(two, f"{unit_page}?ar={year}")
    assert status == 200 and ticked in html

    # A content change saved through one is shown at once by the other, whose cached copy
    # of the public page is made before the change.
    area_page = reverse("mandates:area_detail", args=[area.slug])
    assert Browser().get(two, area_page)[1].count(question.text) >= 1
    changed = f"{question.text} (ändrad {secrets.token_hex(3)})"
    admin_change = reverse("admin:mandates_reflectionquestion_change", args=[question.pk])
    status, _ = person.submit(
        one, admin_change, "reflectionquestion_form", text=changed, _save="Spara"
    )
    assert status == 302
    assert changed in Browser().get(two, area_page)[1]
    # The same for a checklist item, on the unit page two has cached.
    reworded = f"{item.text} (ny lydelse {secrets.token_hex(3)})"
    item_change = reverse("admin:mandates_checklistitem_change", args=[item.pk])
    status, _ = person.submit(one, item_change, "checklistitem_form", text=reworded, _save="Spara")
    assert status == 302
    status, html = person.get(two, f"{unit_page}?ar={year}")
    assert status == 200 and reworded in html and ticked in html

    # One server dies: the other keeps the person signed in, the tick and the change.
    kill(servers[0])
    status, html = person.get(two, f"{unit_page}?ar={year}")
    assert status == 200 and ticked in html
    assert changed in Browser().get(two, area_page)[1]
