"""Querysets whose SQL is compiled once per process, database and shape.

Profiling the signed-in pages (docs/benchmarks.md) showed that building and compiling a
query through the ORM cost three to four times as much as running it: a join of a few tables
took about 3.5 ms to compile and 0.9 ms to run on PostgreSQL. The hottest queries of every
signed-in request (the user's permissions, the unit page's access check, its open actions)
are therefore built once by the very queryset methods that hold their rules, with stand-in
values, and each request only puts its own values into the compiled SQL.

A query is reused only for the shape it was built for: a caller whose queryset branches on
something else than the placeholders (a user who sees every unit against a member) passes
that as `shape`, and gets a query compiled for that branch.

On PostgreSQL the compiled SQL is also a prepared statement, planned once per connection
(familjeombud.settings.base.prepared_statements): the case page's query of all its rows took
1.3 ms to plan and 0.9 ms to run."""

import datetime
import uuid
from collections.abc import Callable

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.postgresql.base import CursorDebugWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models.query import get_related_populators

# Distinct from any real key (keys are positive) and from each other, and inside a 32-bit
# integer column's range: for a value outside it, Django compiles no SQL at all.
_BASE = -2_100_000_000


class _PreparedCursor(psycopg.Cursor):
    """Binds on the server and prepares every query it runs: made only for compiled queries,
    whose SQL is the same text on every request, so each connection plans it once."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


class _LoggedPreparedCursor(CursorDebugWrapper):
    # Django logs what a client-binding cursor sent; this one sends the SQL and its values
    # apart, so the log gets them put together as Django shows any other query.
    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


def _cursor(connection):
    # Django's own cursor first: it runs the connection's health check, connects and checks
    # the thread, as for any other query. Then the same wrappers around a preparing cursor, so
    # a prepared query is counted, logged and its errors turned into Django's as any other.
    cursor = connection.cursor()
    if (
        connection.vendor != "postgresql"
        or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None
    ):
        return cursor
    cursor.close()
    with connection.wrap_database_errors:
        raw = _PreparedCursor(connection.connection)
    if connection.queries_logged:
        return _LoggedPreparedCursor(raw, connection)
    return connection.make_cursor(raw)


class CompiledQuery:
    """build(shape, **placeholders) -> a queryset: read with dicts() if it is a values()
    queryset, tuples() if values_list(), instances() otherwise (no prefetch_related).

    placeholders: name -> the model field whose values fill it (a key, a text or a moment),
    so a value is prepared for the database as the ORM would prepare it."""

    def __init__(self, build: Callable, **placeholders: models.Field):
        self.build = build
        self.placeholders = placeholders
        self._compiled: dict[tuple, tuple] = {}
        self._plans: dict[tuple, tuple] = {}

    def _sentinel(self, index: int, field: models.Field):
        if isinstance(field, models.UUIDField):
            return uuid.UUID(int=2**127 + index)
        if isinstance(field, models.CharField):
            return f"core.compiled placeholder {index}"
        if isinstance(field, models.DateTimeField):
            return datetime.datetime(1901, 1, 1, 0, 0, index, tzinfo=datetime.UTC)
        return _BASE - index

    def _compile(self, db: str, shape) -> tuple:
        connection = connections[db]
        sentinels = {
            name: self._sentinel(i, field)
            for i, (name, field) in enumerate(self.placeholders.items())
        }
        queryset = self.build(shape, **sentinels).using(db)
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        params = list(params)
        positions = {}
        for name, field in self.placeholders.items():
            marker = field.get_db_prep_value(sentinels[name], connection)
            positions[name] = [i for i, p in enumerate(params) if p == marker]
            if not positions[name]:  # pragma: no cover - a build that ignores a placeholder
                raise ValueError(f"core.compiled: the placeholder {name!r} is not in the query")
        query = queryset.query
        if query.selected:  # as ValuesIterable names the columns
            names = list(query.selected)
        else:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
        select = compiler.select[: compiler.col_count]
        columns = [column for column, _sql, _alias in select]
        converters = [
            (*connection.ops.get_db_converters(column), *column.get_db_converters(connection))
            for column in columns
        ]
        model = (select, compiler.klass_info, compiler.annotation_col_map)
        return sql, params, positions, names, list(zip(columns, converters, strict=True)), model

    def _model_plan(self, db: str, shape) -> tuple:
        # How ModelIterable makes instances from these columns, worked out once per query.
        key = (db, shape)
        if key not in self._plans:
            select, klass_info, annotation_col_map = self._compiled[key][5]
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            init_list = [column[0].target.attname for column in select[start:end]]
            populators = get_related_populators(klass_info, select, db)
            self._plans[key] = (
                klass_info["model"],
                start,
                end,
                init_list,
                populators,
                annotation_col_map or {},
            )
        return self._plans[key]

    def _execute(self, db: str, shape, values: dict) -> tuple[list, list]:
        key = (db, shape)
        if key not in self._compiled:
            self._compiled[key] = self._compile(db, shape)
        sql, params, positions, names, converters, _model = self._compiled[key]
        connection = connections[db]
        params = list(params)
        for name, field in self.placeholders.items():
            prepared = field.get_db_prep_value(values[name], connection)
            for i in positions[name]:
                params[i] = prepared
        with _cursor(connection) as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        rows = []
        width = len(converters)
        for row in fetched:
            converted = []
            for value, (column, column_converters) in zip(row[:width], converters, strict=True):
                for converter in column_converters:
                    value = converter(value, column, connection)
                converted.append(value)
            rows.append(converted)
        return names, rows

    def dicts(self, *, shape=None, db: str = DEFAULT_DB_ALIAS, **values) -> list[dict]:
        """As the queryset's values() would give them."""
        names, rows = self._execute(db, shape, values)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def tuples(self, *, shape=None, db: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        """As the queryset's values_list() would give them."""
        _names, rows = self._execute(db, shape, values)
        return [tuple(row) for row in rows]

    def instances(self, *, shape=None, db: str = DEFAULT_DB_ALIAS, **values) -> list:
        """Model instances, with what select_related() and annotate() add to them, made as
        Django's ModelIterable makes them from the same columns."""
        _names, rows = self._execute(db, shape, values)
        model_cls, start, end, init_list, populators, annotations = self._model_plan(db, shape)
        objects = []
        for row in rows:
            obj = model_cls.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for attr_name, position in annotations.items():
                setattr(obj, attr_name, row[position])
            objects.append(obj)
        return objects
