"""The backup and restore of docs/operations.md, run for real on the test server: pg_dump in
custom format, pg_restore into a new database, then `manage.py purge_cases` before anyone uses
it. A backup taken before a purge still holds the purged case; the purge after the restore
removes it again, so a restore never brings back a case the retention rule has deleted."""

import datetime
import glob
import os
import shutil
import subprocess
import sys
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from psycopg.conninfo import make_conninfo

from samverkan.management.commands.purge_cases import purge_closed_cases
from samverkan.models import Case
from samverkan.services import cases as cs
from tests.operations.test_dump_and_load import every_model

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's"
    ),
]


def program(name):
    """The server's own version of the program (as .ci/with-postgres finds initdb), else PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    path = found[0] if found else shutil.which(name)
    if path is None:
        pytest.fail(f"{name} saknas: installera Debians paket postgresql-client")
    return path


LIBPQ_KEYS = {"user", "password", "host", "port", "sslmode", "sslrootcert", "sslcert", "sslkey"}


def conninfo(dbname):
    """How Django reaches the test server, for pg_dump, pg_restore and psycopg."""
    params = connection.get_connection_params()
    return make_conninfo(
        dbname=dbname, **{k: str(v) for k, v in params.items() if k in LIBPQ_KEYS and v}
    )


def database_url(dbname):
    """The same for `manage.py` (DATABASE_URL), over a Unix socket as .ci/with-postgres serves."""
    params = connection.get_connection_params()
    user = quote(params.get("user") or "postgres")
    password = f":{quote(params['password'])}" if params.get("password") else ""
    host = params.get("host") or ""
    if host.startswith("/"):
        return f"postgres://{user}{password}@/{dbname}?host={quote(host)}"
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgres://{user}{password}@{host}{port}/{dbname}"


def run(*args, **env):
    return subprocess.run(
        args,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=settings.BASE_DIR,
    )


def query(dbname, sql):
    with psycopg.connect(conninfo(dbname)) as db:
        return db.execute(sql).fetchall()


def counts(dbname):
    tables = [model._meta.db_table for model in every_model()]
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
    return dict(query(dbname, sql))


@pytest.fixture
def restored_name(transactional_db):
    name = f"{connection.settings_dict['NAME']}_backup_restore"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_pg_restore_of_a_backup_then_purge_cases_gives_back_everything_but_purged_cases(
    new_case, clinician, restored_name, tmp_path
):
    """new_case and clinician: the samverkan tests' fixtures (through conftest.py)."""
    due = new_case(child_name="Gallras Barnsson")
    cs.case_close(case=due, actor=clinician, reason="Klart")
    long_ago = timezone.now() - datetime.timedelta(days=settings.CASE_RETENTION_DAYS + 1)
    Case.objects.filter(pk=due.pk).update(closed_at=long_ago)
    kept = new_case(child_name="Pågående Barnsson")

    backup = tmp_path / "familjeombud.dump"
    name = connection.settings_dict["NAME"]
    run(program("pg_dump"), "--format=custom", "--file", str(backup), "--dbname", conninfo(name))
    at_backup = counts(name)
    assert purge_closed_cases() == 1  # the nightly purge, after the backup was taken

    run(program("pg_restore"), "--exit-on-error", "--no-owner",
        "--dbname", conninfo(restored_name), str(backup))  # fmt: skip
    assert counts(restored_name) == at_backup  # the backup holds the purged case too

    purged = run(
        sys.executable, "manage.py", "purge_cases",
        DATABASE_URL=database_url(restored_name),
        DJANGO_SETTINGS_MODULE="familjeombud.settings.test",
    )  # fmt: skip
    assert purged.stdout.startswith("1 avslutade ärenden raderade")
    assert query(restored_name, "SELECT id FROM samverkan_case") == [(kept.pk,)]
    logged = query(restored_name, "SELECT DISTINCT case_ref FROM samverkan_auditentry")
    assert {ref for (ref,) in logged} == {due.pk, kept.pk}  # the log keeps the purged case's id
    after = counts(restored_name)
    assert after.pop("samverkan_case") == at_backup.pop("samverkan_case") - 1
    assert after == at_backup
