"""dumpdata of every app, loaddata into a fresh, empty database: the rows come back identical.

The project defines no natural keys of its own (its fixtures name rows by primary key), and the
dump keeps every primary key, Django's own tables included: sessions and the admin log refer to
users by primary key, so a user must come back with the same one. The dump is therefore loaded
into an *empty* schema (migrated, then emptied of what migrate itself writes: content types,
permissions and the groups of the data migrations), nothing is excluded, and every model's rows
are compared field by field. On PostgreSQL the second database is created in the same test
server; on SQLite it is a second in-memory database."""

import copy
import datetime
import gzip
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections
from django.db.utils import load_backend

from organisation.models import Municipality, Unit
from samverkan.models import AuditEntry

RESTORE = "restore"


def every_model():
    """Every table the apps own, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def rows_of(model, alias):
    """Every field of every row in key order. A many-to-many row Django creates by itself is
    dumped as a pair inside its owner, not as a row: its own id is not data (nothing refers to
    it, loaddata numbers it afresh), so there the pair is compared, in pair order."""
    fields = [field.attname for field in model._meta.concrete_fields]
    if model._meta.auto_created:
        fields.remove(model._meta.pk.attname)
        return list(model._base_manager.using(alias).order_by(*fields).values(*fields))
    return list(model._base_manager.using(alias).order_by("pk").values(*fields))


@pytest.fixture(scope="module")
def restore_schema(django_db_setup, django_db_blocker):
    """A second database with the migrated schema, made once for this module. Its alias is
    not in settings.DATABASES, so Django's test case lets the tests here use it."""
    default = connections["default"]
    settings_dict = copy.deepcopy(default.settings_dict)
    postgres = default.vendor == "postgresql"
    with django_db_blocker.unblock():
        if postgres:
            settings_dict["NAME"] = f"{default.settings_dict['NAME']}_restore"
            _server_command(default, f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            _server_command(default, f'CREATE DATABASE "{settings_dict["NAME"]}"')
        else:
            settings_dict["NAME"] = "file:familjeombud_restore?mode=memory&cache=shared"
        connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, RESTORE)
        connections[RESTORE] = connection
        try:
            call_command("migrate", database=RESTORE, run_syncdb=True, verbosity=0)
            yield RESTORE
        finally:
            if connection.connection is not None:
                connection.connection.close()  # Django keeps in-memory SQLite open; this drops it
            connection.connection = None
            del connections[RESTORE]
            if postgres:
                _server_command(default, f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')


@pytest.fixture
def restore_database(db, restore_schema):
    """The second database, empty: not even what migrate writes (content types, permissions,
    the groups of the data migrations). A restore starts from nothing."""
    call_command(
        "flush", database=restore_schema, interactive=False, inhibit_post_migrate=True, verbosity=0
    )
    return restore_schema


def _server_command(connection, sql):
    """CREATE and DROP DATABASE cannot run inside the test's transaction: a separate session
    on the server's maintenance database, as Django's own test database creation does."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture
def dump(full_database, tmp_path):
    """The dump as an operator makes it: every app, the default (JSON) format, compressed."""
    path = tmp_path / "familjeombud.json.gz"
    call_command("dumpdata", output=str(path), verbosity=0)
    return path


def snapshot(alias="default"):
    return {model._meta.label: rows_of(model, alias) for model in every_model()}


def test_the_sample_database_has_rows_in_every_table(full_database):
    """Otherwise the comparison below would prove nothing for the empty tables: a new model
    needs a row in tests/operations/conftest.py."""
    empty = [m._meta.label for m in every_model() if not m._base_manager.exists()]
    assert empty == []


def test_the_dump_holds_every_app(dump):
    with gzip.open(dump, "rt", encoding="utf-8") as file:
        labels = {row["model"].split(".")[0] for row in json.load(file)}
    assert {"mandates", "checklists", "samverkan", "training", "familjeombud"} <= labels
    assert {"auth", "contenttypes", "sessions", "admin", "axes"} <= labels


def test_loaddata_into_an_empty_database_gives_identical_rows(dump, restore_database):
    dumped = snapshot()
    assert not any(snapshot(restore_database).values())

    call_command("loaddata", str(dump), database=restore_database, verbosity=0)

    restored = snapshot(restore_database)
    # The content version is a counter the page cache reads, not content: every content row
    # loaded raises it, so no page cached for other content can be served. It may only grow.
    version = "mandates.ContentVersion"
    assert restored[version][0]["version"] >= dumped[version][0]["version"]
    restored[version][0]["version"] = dumped[version][0]["version"]
    # The search index's bookkeeping, not content: migrate marks the new database's index
    # stale, so its first search rebuilds it from the loaded rows.
    for snap in (dumped, restored):
        snap.pop("mandates.SearchIndexState")
    differing = [label for label in dumped if restored[label] != dumped[label]]
    assert differing == []
    assert all(dumped.values())


def test_loading_into_another_database_leaves_this_one_unchanged(dump, restore_database):
    before = snapshot()
    call_command("loaddata", str(dump), database=restore_database, verbosity=0)
    after = snapshot()
    assert [label for label in before if after[label] != before[label]] == []


def test_dumpdata_keeps_the_microseconds_of_every_time(db):
    """Django's JSON cuts times to milliseconds; two log entries of the same millisecond would
    come back in the wrong order, and the rows would not be the rows that were dumped."""
    from django.core import serializers

    entry = AuditEntry.objects.create(action="viewed")
    when = datetime.datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=datetime.UTC)
    AuditEntry.objects.filter(pk=entry.pk).update(when=when)
    text = serializers.serialize("json", AuditEntry.objects.filter(pk=entry.pk))
    assert '"when": "2026-03-01T12:00:00.123456Z"' in text
    (loaded,) = serializers.deserialize("json", text)
    assert loaded.object.when == when


def test_the_restored_database_accepts_new_rows_after_the_loaded_ones(dump, restore_database):
    """loaddata moves PostgreSQL's sequences past the loaded keys; without that the first new
    row after a restore would collide with a loaded one."""
    call_command("loaddata", str(dump), database=restore_database, verbosity=0)
    for model in (Unit, AuditEntry):
        highest = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        code = Municipality.objects.using(restore_database).values_list("code", flat=True)[0]
        fields = (
            {"name": "Ny efter återläsningen", "municipality_id": code}
            if model is Unit
            else {"action": "viewed"}
        )
        created = model._base_manager.using(restore_database).create(**fields)
        assert created.pk > highest
    if connections[restore_database].vendor == "postgresql":
        assert sequences_behind_their_highest_key(restore_database) == []


def sequences_behind_their_highest_key(alias):
    behind = []
    with connections[alias].cursor() as cursor:
        for model in every_model():
            pk = model._meta.pk
            if pk.get_internal_type() not in {"AutoField", "BigAutoField", "SmallAutoField"}:
                continue
            table, column = model._meta.db_table, pk.column
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            (sequence,) = cursor.fetchone()
            cursor.execute(
                f'SELECT (SELECT max("{column}") FROM "{table}"), '
                f"CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence}"
            )
            highest, current = cursor.fetchone()
            if highest is not None and current < highest:
                behind.append(model._meta.label)
    return behind
