"""The vocabulary of the fuzz tests: hostile values, a form post that can carry any of them
(NUL bytes, lone surrogates as raw bytes, 100 kB strings, repeated keys), snapshots of the
tables a post may change, and how to tell a refused post from a successful one."""

import datetime
import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

from django.apps import apps
from django.contrib.messages import constants
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

HUGE = 100_000
# Sizes that straddle the max_length of the portal's fields (12/13, 150, 200, 254, 300, 2000).
EDGES = (13, 151, 201, 255, 301, 2001, HUGE)
NASTY = (
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: posted as the raw (invalid UTF-8) bytes ED A0 80
    "\udfff\ud83d",
    "%00",
    "\u202e\u200b\ufeff",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "{{ 7|add:7 }}{% debug %}",
    "../../etc/passwd",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ÅÄÖ",
    "  ",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "25:61",
    "true",
    "[]",
    "{}",
    "null",
)

# Every example of every form: a number that keeps the fuzz files under ~90 s on SQLite. Set
# FUZZ_EXAMPLES higher for a longer local run.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
# No shrinking: the examples share one database whose state each post may move on, so a
# shrunk example would not fail the same way; `describe` makes the raw example readable.
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    derandomize=os.environ.get("FUZZ_RANDOM") is None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def hostile_text():
    return st.one_of(
        st.text(max_size=40),
        st.text(st.characters(categories=["Cs", "Cc", "Cf", "Co", "Zs"]), max_size=12),
        st.sampled_from(NASTY),
        st.builds(
            lambda head, ch, n: head + ch * n,
            st.text(max_size=4),
            st.sampled_from(["x", "å", "\x00", "😀", "\ud800", " "]),
            st.sampled_from(EDGES),
        ),
        st.integers().map(str),
    )


@dataclass(frozen=True)
class Field:
    """What a field takes (`valid`, including sizes its form does not limit) and what a hostile
    client sends instead; `multi` for checkboxes that are sent once per ticked box."""

    valid: st.SearchStrategy
    hostile: st.SearchStrategy = field(default_factory=hostile_text)
    multi: bool = False
    good: str = ""  # one value the form takes, for the sweep over the free-text fields' limits
    free_text: bool = False
    absurd_counts: bool = False  # a formset's TOTAL_FORMS: swept with ABSURD_COUNTS


def choice(*valid, multi=False) -> Field:
    values = [str(v) for v in valid]
    return Field(st.sampled_from(values), multi=multi, good=values[0])


def text() -> Field:
    long = st.builds(
        lambda ch, n: ch * n, st.sampled_from(["x", "å", "😀"]), st.sampled_from(EDGES[:-1])
    )
    short = st.text(min_size=1, max_size=30)
    return Field(st.one_of(long, long, short), good="Text", free_text=True)


# Row counts no page offers (issue 20): far too many, fullwidth digits (int() reads them),
# beyond any integer column, negative, and just past a formset's max_num.
ABSURD_COUNTS = ("2000", "２０００", "99999999999999999999", "-1", "1001")


def total_forms(*valid) -> Field:
    """A formset's TOTAL_FORMS: the counts the page offers, or an absurd one."""
    values = [str(v) for v in valid]
    absurd = st.one_of(st.sampled_from(ABSURD_COUNTS), hostile_text())
    return Field(st.sampled_from(values), absurd, good=values[0], absurd_counts=True)


def bool_field() -> Field:
    return choice("on", "")


def date_field() -> Field:
    days = st.dates(datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)).map(str)
    return Field(days, st.one_of(hostile_text(), st.dates().map(str)), good="2027-03-15")


def time_field() -> Field:
    return Field(st.times().map(lambda t: t.strftime("%H:%M")), good="10:00")


def ids(*pks, multi=False) -> Field:
    """Primary keys: own and forged ones (another user's, unit's or case's), or hostile."""
    forged = st.one_of(st.integers().map(str), hostile_text())
    values = [str(pk) for pk in pks]
    return Field(st.sampled_from(values), forged, multi=multi, good=values[0])


def uuids(*values) -> Field:
    forged = st.one_of(st.uuids().map(str), hostile_text())
    values = [str(v) for v in values]
    return Field(st.sampled_from(values), forged, good=values[0])


# The sweep: each free-text field of a good post in turn at these values.
LIMITS = ("å" * 256, "x" * HUGE, "a\x00b")


def limit_posts(fields: dict[str, Field]) -> list[list[tuple[str, str]]]:
    """Good posts with one free-text field over every column limit, or with a NUL byte."""
    good = [(name, f.good) for name, f in fields.items()]
    return [
        [(n, value if n == name else v) for n, v in good]
        for name, f in fields.items()
        if f.free_text
        for value in LIMITS
    ]


def count_posts(fields: dict[str, Field]) -> list[list[tuple[str, str]]]:
    """Good posts with a formset's TOTAL_FORMS at each absurd count in turn."""
    good = [(name, f.good) for name, f in fields.items()]
    return [
        [(n, value if n == name else v) for n, v in good]
        for name, f in fields.items()
        if f.absurd_counts
        for value in ABSURD_COUNTS
    ]


def form_data(draw, fields: dict[str, Field]) -> list[tuple[str, str]]:
    """A good post (its free text at the sizes that straddle column limits), or one with one
    field spoiled (left out, repeated, hostile), or at times every field at random; plus stray
    fields the form does not know."""
    mode = draw(st.sampled_from(["good", "good", "spoil", "spoil", "spoil", "chaos"]))
    spoiled = draw(st.sampled_from(list(fields))) if fields and mode == "spoil" else None
    pairs = []
    for name, f in fields.items():
        how = "valid"
        if mode == "chaos":
            how = draw(st.sampled_from(["valid", "hostile", "omit", "repeat"]))
        elif name == spoiled:
            how = draw(st.sampled_from(["hostile", "hostile", "omit", "repeat"]))
        if how == "omit":
            continue
        if how == "valid" and f.multi:
            values = draw(st.lists(f.valid, min_size=1, max_size=3))
        elif how == "valid":
            values = [draw(f.valid)]
        elif how == "repeat":
            values = draw(st.lists(st.one_of(f.valid, f.hostile), min_size=2, max_size=3))
        else:
            values = [draw(f.hostile)]
        pairs += [(name, v) for v in values]
    extra = draw(st.lists(st.tuples(hostile_text(), hostile_text()), max_size=2))
    return pairs + extra


def describe(pairs) -> str:
    """The post in short: each field with the start of its value and its length."""
    return ", ".join(f"{k[:30]!r}={v[:40]!r}…({len(v)})" for k, v in pairs)


def encode(pairs) -> bytes:
    """application/x-www-form-urlencoded; lone surrogates become the invalid UTF-8 bytes a
    hostile client can send (Django's own encoder would refuse them)."""
    return "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'))}={quote(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in pairs
    ).encode("ascii")


def query(pairs) -> str:
    return encode(pairs).decode("ascii")


def post(client, url, pairs, *, as_json=False):
    """One post inside a savepoint, so that a database error in the view is reported as itself
    and does not poison the test's transaction for the next example."""
    headers = {"Accept": "application/json"} if as_json else {}
    with transaction.atomic():
        return client.post(
            url, encode(pairs), content_type="application/x-www-form-urlencoded", headers=headers
        )


def get(client, url, pairs):
    with transaction.atomic():
        return client.get(f"{url}?{query(pairs)}" if pairs else url)


def refused(response) -> bool:
    """Whether the post was turned down: a 4xx, a form shown again with its errors, an error
    message before the redirect, or {"ok": false} to the checklist's script."""
    if response.status_code >= 400 or response.status_code == 200:
        if response.get("Content-Type", "").startswith("application/json"):
            return not json.loads(response.content).get("ok")
        return True
    # Only this request's messages: earlier ones wait unread in the client's session.
    queued = getattr(response.wsgi_request, "_messages", None)
    return any(m.level == constants.ERROR for m in getattr(queued, "_queued_messages", []))


# Logs that a refused request may and should write (access refused, login attempts) and tables
# that are not the portal's data.
NOT_DATA = {"samverkan.AuditEntry", "sessions.Session", "admin.LogEntry"}
DATA_APPS = ("auth", "checklists", "samverkan", "training", "familjeombud")


def data_models():
    return [
        m
        for label in DATA_APPS
        for m in apps.get_app_config(label).get_models()
        if m._meta.label not in NOT_DATA and m._meta.label != "auth.Permission"
    ]


def _digest(queryset) -> str:
    model = queryset.model
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
    rows = queryset.order_by("pk").values_list(*fields)
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def snapshot(querysets) -> dict[str, str]:
    """A digest per table (or per queryset); cheap enough to take around every post."""
    return {label: _digest(qs) for label, qs in querysets.items()}


def all_data():
    return {m._meta.label: m.objects.all() for m in data_models()} | {
        f"{m._meta.label}.m2m": m.objects.all() for m in _m2m_through()
    }


def _m2m_through():
    seen = []
    for model in data_models():
        for f in model._meta.many_to_many:
            through = f.remote_field.through
            if through._meta.auto_created and through not in seen:
                seen.append(through)
    return seen


def changed(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after.get(label))


def random_uuid() -> str:
    return str(uuid.uuid4())
