"""Hostile query strings to every page that reads one (search, the region's filters, a unit's
year, page numbers, the log review's date, the statement's 'sida'): never a 5xx, and a GET
never changes data. Every other page gets one hostile query string too."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from organisation.models import UnitKind
from organisation.municipalities import KRONOBERG

from .conftest import world  # noqa: F401
from .fuzz import FUZZ, Field, all_data, changed, choice, date_field, form_data, get, snapshot
from .fuzz import text as free_text
from .matrix import OK, ROLES
from .test_authorization_matrix import ROWS, fast_pdf  # noqa: F401


def year() -> Field:
    return choice("2026", "2025", "1999", "2101", "0", "-1", "99999999999999999999")


def page() -> Field:
    return choice("1", "2", "0", "last", "-1", "99999999999999999999")


def unit(w):
    return {"pk": w.unit.pk}


def filters(w):
    return {
        "ar": year(),
        "municipality": choice(*(code for code, _name, _phone in KRONOBERG)),
        "kind": choice(*UnitKind.values),
    }


QUERIES = {
    "mandates:search": ("anonymous", lambda w: {}, lambda w: {"q": free_text()}),
    "checklists:dashboard": ("region_strategist", lambda w: {}, filters),
    "checklists:dashboard_csv": ("region_strategist", lambda w: {}, filters),
    "checklists:dashboard_xlsx": ("region_strategist", lambda w: {}, filters),
    "checklists:unit_detail": ("unit_member", unit, lambda w: {"ar": year()}),
    "checklists:start_year": ("familjeombud", unit, lambda w: {"ar": year()}),
    "checklists:unit_list": ("administrator", lambda w: {}, lambda w: {"page": page()}),
    "training:index": ("administrator", lambda w: {}, lambda w: {"page": page()}),
    "auditlog:review_list": ("administrator", lambda w: {}, lambda w: {"fran": date_field()}),
    "accessibility_statement": (
        "anonymous",
        lambda w: {},
        lambda w: {"sida": choice("/stodpaket/", "https://evil.example/", "//evil.example")},
    ),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_hostile_query_strings_never_fail_nor_write(name, world):  # noqa: F811
    role, kwargs, fields = QUERIES[name]
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = reverse(name, kwargs=kwargs(world))

    @FUZZ
    @given(data=st.data())
    def check(data):
        pairs = form_data(data.draw, fields(world))
        before = snapshot(all_data())
        response = get(client, url, pairs)
        assert response.status_code < 500, response.status_code
        assert changed(before, snapshot(all_data())) == []

    check()


HOSTILE_QUERY = [
    ("q", "\x00"),
    ("ar", "9" * 30),
    ("page", "\ud800"),
    ("fran", "2026-02-30"),
    ("sida", "x" * 100_000),
    ("municipality", "<script>"),
]


def test_every_page_ignores_a_hostile_query_string(world, fast_pdf):  # noqa: F811
    """One request per row of the authorization matrix, by the first role that may see it."""
    failing = []
    for row in ROWS:
        role = next((r for r in ROLES if row.expected[r] == OK), None)
        if role is None:
            continue
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = get(client, reverse(row.name, kwargs=row.kwargs(world)), HOSTILE_QUERY)
        if response.status_code >= 500:
            failing.append(f"{row.name}: {response.status_code}")
    assert not failing
