"""Keyboard and URL helpers that the journeys share."""

from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse


def url_or_skip(name: str, *args) -> str:
    """The URL of a page another app is still building; the test says which one is missing."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        pytest.skip(f"URL-namnet {name!r} finns inte ännu (appen är inte klar)")


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'),
                           cls: e.className, text: (e.innerText || '').trim()}; }"""
    )


def tab_to(page, predicate, limit: int = 60) -> dict:
    """Presses Tab until the focused element matches; fails naming the path it took."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        path.append(element["id"] or element["name"] or element["text"][:30] or element["tag"])
        if predicate(element):
            return element
    raise AssertionError(f"Tabb nådde aldrig målet efter {limit} steg: {path}")


def tab_to_id(page, element_id: str, limit: int = 60) -> dict:
    return tab_to(page, lambda e: e["id"] == element_id, limit)


def wait_for_path(page, path: str) -> None:
    """Waits until the page's address has exactly this path (a glob like **/ would also match
    the page we are leaving)."""
    page.wait_for_url(lambda url: urlsplit(url).path == path)
    page.wait_for_load_state("load")
