"""Hostile posts to every form of the portal (issue 7, item 4).

Each form in fuzz_forms.FORMS gets hypothesis-drawn posts from the role that may use it: any
unicode, NUL bytes, lone surrogates as raw bytes, 100 kB strings, fields left out, repeated or
unknown, wrong types, and the ids of other users', units' and cases' objects. Whatever comes:
never a 5xx; a refused post leaves every data table as it was; nothing that belongs to someone
else ever changes. A URL that takes a POST and is neither in FORMS nor in NOT_FORMS fails
`test_every_url_that_takes_a_post_is_fuzzed`.
"""

import time

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import given
from hypothesis import strategies as st

from .conftest import world  # noqa: F401
from .fuzz import (
    FUZZ,
    all_data,
    changed,
    count_posts,
    describe,
    form_data,
    limit_posts,
    post,
    refused,
    snapshot,
)
from .fuzz_forms import FORMS, NOT_FORM_ROUTES, NOT_FORMS, UNBOUNDED_FORMSETS
from .fuzz_world import foreign_snapshot, fuzz_world  # noqa: F401


def views(patterns=None, prefix="", namespace=""):
    """Every (route, namespaced name, view callback) of the resolver, includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from views(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield route, name, pattern.callback


def takes_post(callback) -> bool | None:
    """True or False for a class-based view; None when a function view cannot be inspected."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return None
    return "post" in view_class.http_method_names and hasattr(view_class, "post")


def portal_views():
    return [
        (route, name, callback)
        for route, name, callback in views()
        if not route.startswith(tuple(NOT_FORM_ROUTES))
    ]


def test_every_url_that_takes_a_post_is_fuzzed():
    missing = [
        f"{route} (name={name!r})"
        for route, name, callback in portal_views()
        if name not in FORMS
        and (name or route) not in NOT_FORMS
        and takes_post(callback) is not False
    ]
    assert not missing, (
        "URL:er som tar emot POST utan fuzzning (lägg till en Form i "
        "tests/security/fuzz_forms.py eller ett skäl i NOT_FORMS):\n  " + "\n  ".join(missing)
    )


def test_the_fuzzed_forms_are_urls_that_take_a_post():
    by_name = {name or route: callback for route, name, callback in portal_views()}
    stale = [name for name in [*FORMS, *NOT_FORMS] if name not in by_name]
    assert not stale, f"namn som inte längre finns: {stale}"
    not_posting = [name for name in FORMS if takes_post(by_name[name]) is False]
    assert not not_posting, f"tar inte emot POST: {not_posting}"


def test_a_refused_post_is_told_from_a_saved_one(client, db, django_user_model):
    """The fuzz test's own judge: an error message or a form shown again is a refusal."""
    user = django_user_model.objects.create_user("testaren", password="x")
    bad = post(client, reverse("login"), [("username", "testaren"), ("password", "fel")])
    good = post(client, reverse("login"), [("username", "testaren"), ("password", "x")])
    assert refused(bad)
    assert not refused(good)
    assert good.wsgi_request.user == user


@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_posts_never_fail_nor_change_what_they_must_not(name, fuzz_world):  # noqa: F811
    spec, w = FORMS[name], fuzz_world
    user = w.users[spec.role]
    others = foreign_snapshot(w)
    client = Client()

    def one_post(url, pairs, as_json=False):
        if user is not None:
            client.force_login(user)
        before = snapshot(all_data())
        sent = f"POST {url} ({'JSON' if as_json else 'HTML'}): {describe(pairs)}"
        started = time.monotonic()
        try:
            response = post(client, url, pairs, as_json=as_json)
        except Exception as error:
            raise AssertionError(f"serverfel {error!r} för {sent}") from error
        assert response.status_code < 500, f"{response.status_code} för {sent}"
        if refused(response):
            assert changed(before, snapshot(all_data())) == [], f"avvisad men sparad: {sent}"
        assert changed(others, foreign_snapshot(w)) == [], f"en annans objekt ändrades: {sent}"
        return response, sent, time.monotonic() - started

    # First a sweep: a good post with each free-text field over every column limit in turn.
    own_url = reverse(name, kwargs=spec.url.own(w))
    for pairs in limit_posts(spec.fields(w)):
        one_post(own_url, pairs)
    # Then every formset count no page offers: a Swedish 400 at once (issue 20).
    if name not in UNBOUNDED_FORMSETS:
        one_post(own_url, [])  # warm: the time below is the post's own
        for pairs in count_posts(spec.fields(w)):
            response, sent, seconds = one_post(own_url, pairs)
            assert seconds < 1, f"{seconds:.1f} s för {sent}"
            assert response.status_code == 400, f"{response.status_code} för {sent}"

    @FUZZ
    @given(data=st.data())
    def check(data):
        url = reverse(name, kwargs=data.draw(spec.url(w), label="url"))
        pairs = form_data(data.draw, spec.fields(w))
        one_post(url, pairs, as_json=spec.json and data.draw(st.booleans(), label="json"))

    check()
