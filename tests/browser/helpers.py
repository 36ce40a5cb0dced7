"""Keyboard and URL helpers that the journeys share."""

from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse


def url_of(name: str, *args) -> str:
    """The URL a journey opens: a renamed or removed URL fails the journey (it used to skip it,
    which hid a broken journey as a skipped one)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        pytest.fail(f"URL-namnet {name!r} finns inte: resan går inte längre att göra")


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


def element_state(page, element_id: str) -> dict:
    return page.evaluate(
        """id => { const e = document.getElementById(id);
                   return {tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase(),
                           name: e.name, checked: !!e.checked, value: e.value}; }""",
        element_id,
    )


def kb_set(page, element_id: str, value=True) -> None:
    """Sets one form control with the keyboard alone, moving forward with Tab to reach it.

    Text, textarea, date and time: typed. Checkbox: Space when it must change. Radio: Tab into
    the group, then arrow keys to the wanted button. Select: arrow keys until `value` is chosen.
    """
    state = element_state(page, element_id)
    if state["type"] == "radio":
        tab_to(page, lambda e: e["name"] == state["name"])
        for _ in range(20):
            if focused(page)["id"] == element_id:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        assert element_state(page, element_id)["checked"], element_id
        return
    tab_to_id(page, element_id)
    if state["type"] == "checkbox":
        if state["checked"] != bool(value):
            page.keyboard.press("Space")
        assert element_state(page, element_id)["checked"] == bool(value), element_id
    elif state["tag"] == "select":
        page.keyboard.press("Home")
        for _ in range(100):
            if element_state(page, element_id)["value"] == str(value):
                break
            page.keyboard.press("ArrowDown")
        assert element_state(page, element_id)["value"] == str(value), element_id
    elif state["type"] in ("date", "time"):
        _type_segments(page, element_id, str(value))
    else:
        page.keyboard.press("Control+A")
        page.keyboard.type(str(value))


def kb_submit(page, button_text: str) -> None:
    """Tabs forward to the submit button with this text and presses Enter."""
    tab_to(page, lambda e: e["tag"] == "button" and e["text"].startswith(button_text))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def kb_follow(page, link_text: str, limit: int = 200) -> None:
    """Tabs forward (from the top of a freshly loaded page) to the link with this text and
    presses Enter."""
    tab_to(page, lambda e: e["tag"] == "a" and e["text"].startswith(link_text), limit)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def id_for_label(page, name: str, label_text: str) -> str:
    """The id of the radio button or checkbox named `name` whose label contains the text."""
    element_id = page.evaluate(
        """([name, text]) => { for (const e of document.getElementsByName(name)) {
               const label = document.querySelector(`label[for="${e.id}"]`);
               if (label && label.innerText.includes(text)) return e.id; } return null; }""",
        [name, label_text],
    )
    assert element_id, f"ingen {name} med etiketten {label_text!r}"
    return element_id


_DATE_ORDER: list[str] = []


def _date_order(page) -> str:
    """The order of the date field's segments in this Chromium ("mdy" for en-US): headless
    Chromium takes it from its own locale, not the page's. Found once on a scratch page."""
    if not _DATE_ORDER:
        scratch = page.context.new_page()
        try:
            for order, keys in (("mdy", "12032026"), ("dmy", "03122026")):
                scratch.set_content('<input type="date" id="d">')
                scratch.focus("#d")
                scratch.keyboard.type(keys)
                if scratch.eval_on_selector("#d", "e => e.value") == "2026-12-03":
                    _DATE_ORDER.append(order)
                    break
            else:
                _DATE_ORDER.append("ymd")
        finally:
            scratch.close()
    return _DATE_ORDER[0]


def _type_segments(page, element_id: str, value: str) -> None:
    """Types a date (yyyy-mm-dd) or time (hh:mm) into Chromium's segmented field."""
    if element_state(page, element_id)["type"] == "time":
        hours, minutes = value.split(":")
        page.keyboard.type(hours + minutes)
        if element_state(page, element_id)["value"] != value:  # a 12-hour field: AM or PM
            page.keyboard.type("P" if int(hours) >= 12 else "A")
    else:
        year, month, day = value.split("-")
        parts = {"y": year, "m": month, "d": day}
        for letter in _date_order(page):
            page.keyboard.type(parts[letter])
            if letter == "y":  # a year segment takes six digits: move on by hand
                page.keyboard.press("ArrowRight")
    got = element_state(page, element_id)["value"]
    assert got == value, f"{element_id}: väntat {value!r}, fick {got!r}"
