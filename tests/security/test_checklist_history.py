"""The unit checklist page cannot be inflated by one member (issue 20): it shows each item's
latest changes with a link to the full history, and saves are limited per user and minute."""

# ruff: noqa: F811 (the fixtures of tests/checklists are imported by name, then requested)
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from checklists.selectors import HISTORY_SHOWN
from checklists.services import assessment_set_status
from checklists.views.units import TOO_MANY_SAVES
from tests.checklists.conftest import assessment, items, member, unit  # noqa: F401

SAVES = 40


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def unit_page(client, assessment):
    return client.get(reverse("checklists:unit_detail", args=[assessment.unit.pk]))


def history_lines(html: str, item) -> list[str]:
    listed = re.search(rf'<ol class="history-list" id="history-{item.pk}">(.*?)</ol>', html, re.S)
    return re.findall(r"<li>.*?</li>", listed.group(1), re.S)


def test_the_unit_page_shows_the_latest_changes_and_links_to_the_whole_history(
    client,
    assessment,
    member,
    items,
):
    item = items[0]
    for n in range(SAVES):
        assessment_set_status(
            assessment=assessment, item=item, by=member, status="pagar", reason="",
            comment=f"Ändring {n}",
        )  # fmt: skip
    client.force_login(member)
    html = unit_page(client, assessment).text
    lines = history_lines(html, item)
    assert len(lines) == HISTORY_SHOWN
    assert f"Ändring {SAVES - 1}" in lines[-1] and f"Ändring {SAVES - HISTORY_SHOWN}" in lines[0]
    assert f"Historik ({SAVES})" in html
    full = reverse("checklists:entry_update", args=[assessment.unit.pk, assessment.year, item.pk])
    assert f'<a href="{full}">Visa hela historiken ({SAVES} ändringar)</a>' in html
    whole = client.get(full).text
    assert len(history_lines(whole, item)) == SAVES


def test_the_unit_page_does_not_grow_with_an_items_history(client, assessment, member, items):
    client.force_login(member)
    item = items[0]

    def save(n):
        assessment_set_status(
            assessment=assessment, item=item, by=member, status="klar", reason="",
            comment=f"Kommentar {n:04d}",
        )  # fmt: skip

    for n in range(10):
        save(n)
    before = len(unit_page(client, assessment).content)
    for n in range(10, 200):
        save(n)
    after = len(unit_page(client, assessment).content)
    assert abs(after - before) < 100, (before, after)


def test_saves_beyond_the_limit_per_minute_are_refused_in_swedish(
    client,
    assessment,
    member,
    items,
    settings,
):
    settings.CHECKLIST_SAVES_PER_MINUTE = 5
    client.force_login(member)
    url = reverse(
        "checklists:entry_update", args=[assessment.unit.pk, assessment.year, items[0].pk]
    )
    json = {"accept": "application/json"}
    answers = [
        client.post(url, {"status": "pagar", "comment": f"{n}"}, headers=json) for n in range(6)
    ]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert answers[-1].json() == {"ok": False, "error": TOO_MANY_SAVES}
    refused = client.post(url, {"status": "klar"}, follow=True)
    assert TOO_MANY_SAVES in refused.text
    entry = assessment.entries.get(item=items[0])
    assert (entry.status, entry.comment) == ("pagar", "4")
    assert entry.history.count() == 5
