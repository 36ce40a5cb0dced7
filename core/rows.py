"""Related rows carried inside their parent's query, one JSON array per relation.

A page that shows one object with many small relations (the samverkan case page) would
otherwise send one query per relation. `rows(queryset)` turns a queryset into a scalar
subquery that returns its rows as a JSON array of arrays (SQLite's JSON_GROUP_ARRAY,
PostgreSQL's JSONB_AGG), to be annotated on the parent; `instances()` turns that array back
into model instances, each value converted as the database backend would have converted it.
PostgreSQL orders inside the aggregate (JSONB_AGG(... ORDER BY ...), its own collation);
SQLite's JSON_GROUP_ARRAY takes no ORDER BY before 3.44, so there `instances()` sorts by the
same ordering in Python, which compares as SQLite's BINARY collation does (NULLs first).

The parent query grows a subquery per relation, but one round trip and one compilation
replace one query (and one prefetch pass) per relation."""

import datetime
import json
import uuid

from django.contrib.postgres.aggregates import JSONBAgg
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Aggregate, F, JSONField, Subquery, Value
from django.db.models.functions import JSONArray
from django.utils.dateparse import parse_date, parse_datetime


class _JSONGroupArray(Aggregate):
    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()


def _aggregate(expression, order_by, db):
    if connections[db].vendor == "postgresql":
        return JSONBAgg(expression, order_by=order_by)
    return _JSONGroupArray(expression)  # sorted by instances() instead


def json_array(expression, *, db=DEFAULT_DB_ALIAS, order_by=()):
    """An aggregate of `expression` over the rows as one JSON array (NULL on PostgreSQL when
    there are none; SQLite gives [] and does not order)."""
    return _aggregate(expression, list(order_by), db)


def ordering_of(queryset) -> list[str]:
    return list(queryset.query.order_by or queryset.model._meta.ordering)


def _order_by(keys):
    return [F(k[1:]).desc() if k.startswith("-") else F(k).asc() for k in keys]


def field_names(model, fields=None) -> list[str]:
    """The attnames to carry, in the model's own order (Model.from_db needs that order)."""
    concrete = [f.attname for f in model._meta.concrete_fields]
    if fields is None:
        return concrete
    wanted = {model._meta.get_field(name).attname for name in fields}
    return [name for name in concrete if name in wanted]


def rows(queryset, fields=None, *, db=DEFAULT_DB_ALIAS) -> Subquery:
    """A scalar subquery: the queryset's rows (its filters, not its order) as one JSON array,
    or NULL when there are none. Filter it on OuterRef(...) to tie it to the parent row."""
    names = field_names(queryset.model, fields)
    inner = (
        queryset.order_by()
        .annotate(_one=Value(1))
        .values("_one")  # a constant: no GROUP BY, one row for the whole set
        .annotate(_rows=_aggregate(JSONArray(*names), _order_by(ordering_of(queryset)), db))
        .values("_rows")
    )
    return Subquery(inner, output_field=JSONField())


def _converter(field):
    if field.is_relation:
        field = field.target_field
    if isinstance(field, models.DateTimeField):
        return _datetime
    if isinstance(field, models.DateField):
        return lambda v: v if v is None else parse_date(v)
    if isinstance(field, models.BooleanField):
        return lambda v: v if v is None else bool(v)
    if isinstance(field, models.UUIDField):
        return lambda v: v if v is None else uuid.UUID(v)
    if isinstance(field, models.IntegerField):
        return lambda v: v if v is None else int(v)
    if isinstance(field, (models.CharField, models.TextField)):
        return lambda v: v
    raise TypeError(f"core.rows: {type(field).__name__} ({field}) is not supported")


def _datetime(value):
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is not None and parsed.tzinfo is None:  # SQLite stores UTC without an offset
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def _sort_key(value):
    return (value is not None, value)


def _value(obj, path: str):
    *relations, last = path.split("__")
    for name in relations:
        obj = getattr(obj, name)
    field = obj._meta.pk if last == "pk" else obj._meta.get_field(last)
    return getattr(obj, field.attname)


def sort_like(objects: list, keys: list[str]) -> list:
    """Sorts in place as SQLite's ORDER BY would (stable sorts, last key first). A key through
    a relation (area__order) reads the related object, so attach it first."""
    for key in reversed(keys):
        path = key.lstrip("-")
        objects.sort(key=lambda o: _sort_key(_value(o, path)), reverse=key.startswith("-"))
    return objects


def instances(queryset, data, fields=None, *, db=DEFAULT_DB_ALIAS, sort=True) -> list:
    """The instances a JSON array from rows(queryset, fields) stands for, in the queryset's
    order. With sort=False the caller sorts (sort_like) once the relations an ordering key
    reads are attached; on PostgreSQL they already come in order."""
    model = queryset.model
    names = field_names(model, fields)
    converters = [_converter(model._meta.get_field(name)) for name in names]
    objects = [
        model.from_db(db, names, [convert(v) for convert, v in zip(converters, row, strict=True)])
        for row in data or ()
    ]
    if sort and needs_sorting(db):
        sort_like(objects, ordering_of(queryset))
    return objects


def needs_sorting(db=DEFAULT_DB_ALIAS) -> bool:
    return connections[db].vendor != "postgresql"


class RowsOfOne:
    """Several relations of one parent row, fetched in one query whose SQL is compiled once
    per process and database: only the parent's key changes between requests, and compiling
    a query with a subquery per relation costs more than running it.

    relations: name -> (queryset filtered on OuterRef to the parent, fields or None)."""

    def __init__(self, model, relations: dict):
        self.model = model
        self.relations = relations
        self._compiled: dict[str, tuple] = {}

    def annotations(self, db: str = DEFAULT_DB_ALIAS) -> dict:
        """The relations as annotations of a query on the parent model: the parent's own query
        can carry them (reading.case_open does for the case page), saving fetch()'s round trip.
        Prefixed: a relation's name is a field of the model too."""
        return {
            f"rows_{name}": rows(qs, fields, db=db) for name, (qs, fields) in self.relations.items()
        }

    def _compile(self, db: str) -> tuple:
        connection = connections[db]
        pk_field = self.model._meta.pk
        sentinel = uuid.UUID(int=0) if isinstance(pk_field, models.UUIDField) else -1
        annotations = self.annotations(db)
        query = (
            self.model._default_manager.using(db)
            .filter(pk=sentinel)
            .annotate(**annotations)
            .values_list(*annotations)
        ).query
        sql, params = query.get_compiler(using=db).as_sql()
        marker = pk_field.get_db_prep_value(sentinel, connection)
        positions = [i for i, p in enumerate(params) if p == marker]
        if len(positions) != 1:  # pragma: no cover - a query shape this class cannot reuse
            raise ValueError("core.rows: the parent's key must appear exactly once")
        return sql, list(params), positions[0]

    def fetch(self, pk, *, db=DEFAULT_DB_ALIAS) -> dict[str, list]:
        """name -> the instances of that relation (sorted unless its order reads a relation,
        see instances())."""
        if db not in self._compiled:
            self._compiled[db] = self._compile(db)
        sql, params, position = self._compiled[db]
        params = list(params)
        params[position] = self.model._meta.pk.get_db_prep_value(pk, connections[db])
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone() or [None] * len(self.relations)
        return self._load(dict(zip(self.relations, row, strict=True)), db)

    def taken_from(self, parent) -> dict[str, list] | None:
        """As fetch() gives them, from a parent read with annotations(); None if it was not.
        The raw arrays are taken off the parent."""
        names = [f"rows_{name}" for name in self.relations]
        if not all(name in parent.__dict__ for name in names):
            return None
        values = [parent.__dict__.pop(name) for name in names]
        return self._load(dict(zip(self.relations, values, strict=True)), parent._state.db)

    def _load(self, values: dict, db: str) -> dict[str, list]:
        loaded = {}
        for name, value in values.items():
            queryset, fields = self.relations[name]
            plain = not any("__" in key for key in ordering_of(queryset))
            data = json.loads(value) if isinstance(value, str) else value
            loaded[name] = instances(queryset, data, fields, db=db, sort=plain)
        return loaded
