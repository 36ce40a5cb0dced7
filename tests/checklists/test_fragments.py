"""The unit page's body and the region page's content come from the cache (checklists/fragments.py):
every change they show is there at once, nobody is served another viewer's token or forms, and
the cached HTML is the HTML the page renders."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse
from django.utils import translation

from checklists import fragments
from checklists.figures import VERSION_KEY, figures_changed
from checklists.services import assessment_set_status, assessment_start_year
from mandates.models import ChecklistItem

from .conftest import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True, params=[False, True], ids=["shared-cache", "worker-copies"])
def worker_copies(request, settings):
    """Every test here, once with the shared cache alone (the tests' in-memory cache) and once
    with each worker's own copies in front of it, as with the database cache or Redis."""
    settings.CHECKLISTS_LOCAL_PART_CACHE = request.param
    return request.param


def page_url(unit, year=2026):
    return reverse("checklists:unit_detail", args=[unit.pk]) + f"?ar={year}"


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def ticked(item, status="klar") -> str:
    return f'id="status-{item.pk}-{status}" value="{status}" checked'


def test_the_cached_body_is_the_html_the_page_renders(client, assessment, member, items):
    client.force_login(member)
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=member,
                          comment="<b>fet</b> & rak")  # fmt: skip
    first = client.get(page_url(assessment.unit))
    assert "blocks" in first.context  # rendered by this request
    second = client.get(page_url(assessment.unit))
    assert "blocks" not in second.context  # from the cache
    assert without_tokens(second.content.decode()) == without_tokens(first.content.decode())
    html = second.content.decode()
    assert "&lt;b&gt;fet&lt;/b&gt; &amp; rak" in html and "<b>fet</b>" not in html
    assert html.count('class="checklist-item"') == 15


def test_a_tick_by_another_member_shows_at_once(client, assessment, member, other_member, items):
    client.force_login(member)
    assert ticked(items[0]) not in html_of(client, page_url(assessment.unit))
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=other_member)
    html = html_of(client, page_url(assessment.unit))
    assert ticked(items[0]) in html
    assert "Ej påbörjad → Klar" in html


def test_a_tick_posted_through_the_page_shows_at_once_to_the_region_too(
    client, assessment, member, strateg, items
):
    reader = type(client)()
    reader.force_login(strateg)
    assert "Ej påbörjad → Klar" not in html_of(reader, page_url(assessment.unit))
    client.force_login(member)
    client.get(page_url(assessment.unit))
    url = reverse("checklists:entry_update", args=[assessment.unit.pk, 2026, items[3].pk])
    assert client.post(url, {"status": "klar"}).status_code == 302
    assert ticked(items[3]) in html_of(client, page_url(assessment.unit))
    assert "Ej påbörjad → Klar" in html_of(reader, page_url(assessment.unit))


def test_a_checklist_item_changed_in_admin_shows_at_once(client, assessment, member, items):
    client.force_login(member)
    assert "Ny lydelse" not in html_of(client, page_url(assessment.unit))
    item = items[2]
    item.text = "Ny lydelse av punkten"
    item.save()  # what admin's change form does
    assert "Ny lydelse av punkten" in html_of(client, page_url(assessment.unit))
    item.published = False
    item.save()
    assert "Ny lydelse av punkten" not in html_of(client, page_url(assessment.unit))


def test_a_checklist_item_changed_through_the_admin_form_shows_at_once(
    client, assessment, member, superuser, items
):
    client.force_login(member)
    html_of(client, page_url(assessment.unit))
    admin = type(client)()
    admin.force_login(superuser)
    item = items[1]
    change = reverse("admin:mandates_checklistitem_change", args=[item.pk])
    form = admin.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(text="Ändrad i admin", _save="Spara")
    response = admin.post(change, data)
    assert response.status_code == 302, (
        getattr(response, "context", None) and response.context["adminform"].form.errors
    )
    assert "Ändrad i admin" in html_of(client, page_url(assessment.unit))


def test_a_new_year_started_by_another_member_shows_at_once(
    client, assessment, member, other_member
):
    client.force_login(member)
    assert "Ingen checklista är påbörjad för 2027" in html_of(
        client, page_url(assessment.unit, 2027)
    )
    assessment_start_year(unit=assessment.unit, year=2027, by=other_member, copy_previous=True)
    html = html_of(client, page_url(assessment.unit, 2027))
    assert "Ingen checklista är påbörjad" not in html
    assert "Sammanlagt 2027" in html


def test_a_renamed_familjeombud_shows_at_once_in_the_history(
    client, assessment, member, other_member, items
):
    client.force_login(other_member)  # not the renamed one: the header shows their own name
    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=member)
    assert "Nytt Namn" not in html_of(client, page_url(assessment.unit))
    member.first_name, member.last_name = "Nytt", "Namn"
    member.save()
    assert "Nytt Namn" in html_of(client, page_url(assessment.unit))


def test_two_users_never_see_each_others_token(client, assessment, member, other_member):
    client.force_login(member)
    first = html_of(client, page_url(assessment.unit))
    other = type(client)()
    other.force_login(other_member)
    second = html_of(other, page_url(assessment.unit))  # the body from the cache
    assert without_tokens(first) == without_tokens(second)
    for html, browser in ((first, client), (second, other)):
        secret = browser.cookies[settings.CSRF_COOKIE_NAME].value
        tokens = TOKEN.findall(html)
        assert len(tokens) == 16  # fifteen items and the sign-out form: one token per page
        assert {_unmask_cipher_token(t) for t in tokens} == {secret}  # the cookie: the secret
    assert not set(TOKEN.findall(first)) & set(TOKEN.findall(second))


def test_a_reader_is_never_served_a_members_forms_nor_a_member_a_readers_page(
    client, assessment, member, strateg
):
    client.force_login(member)
    assert "js-entry-form" in html_of(client, page_url(assessment.unit))
    reader = type(client)()
    reader.force_login(strateg)
    html = html_of(reader, page_url(assessment.unit))
    assert "js-entry-form" not in html and "csrfmiddlewaretoken" in html  # only sign-out's
    assert "Du kan läsa men inte ändra" in html
    assert "Du kan läsa men inte ändra" not in html_of(client, page_url(assessment.unit))


def test_a_unit_the_user_may_not_see_stays_hidden_when_its_body_is_cached(
    client, assessment, member, outsider
):
    client.force_login(member)
    html_of(client, page_url(assessment.unit))
    stranger = type(client)()
    stranger.force_login(outsider)
    assert stranger.get(page_url(assessment.unit)).status_code == 404


def test_the_key_names_everything_the_body_depends_on(assessment):
    keys = {
        fragments.fragment_key("unit-body", fragments.UNIT_BODY_TEMPLATES, 1, 2026, "edit"),
        fragments.fragment_key("unit-body", fragments.UNIT_BODY_TEMPLATES, 2, 2026, "edit"),
        fragments.fragment_key("unit-body", fragments.UNIT_BODY_TEMPLATES, 1, 2025, "edit"),
        fragments.fragment_key("unit-body", fragments.UNIT_BODY_TEMPLATES, 1, 2026, "read"),
    }
    with translation.override("en"):
        keys.add(
            fragments.fragment_key("unit-body", fragments.UNIT_BODY_TEMPLATES, 1, 2026, "edit")
        )
    with translation.override("sv"):
        from django.utils import timezone

        with timezone.override("UTC"):
            keys.add(
                fragments.fragment_key("unit-body", fragments.UNIT_BODY_TEMPLATES, 1, 2026, "edit")
            )
    assert len(keys) == 6


def test_a_language_change_is_a_different_body(client, assessment, member, settings):
    settings.LANGUAGES = [("sv", "Svenska"), ("en", "English")]
    client.force_login(member)
    html_of(client, page_url(assessment.unit))
    with translation.override("en"):
        english_key = fragments.fragment_key(
            "unit-body", fragments.UNIT_BODY_TEMPLATES, assessment.unit.pk, 2026, "edit"
        )
    assert cache.get(english_key) is None  # the Swedish body is never read for another language


# What the shared cache holds is what is served; with worker copies a worker answers from its
# own copy of the same version (test_a_worker_serves_its_own_copy_...).
@pytest.mark.parametrize("worker_copies", [False], indirect=True)
def test_a_body_stored_under_an_older_version_is_not_served(client, assessment, member, items):
    client.force_login(member)
    html_of(client, page_url(assessment.unit))
    key = fragments.fragment_key(
        "unit-body", fragments.UNIT_BODY_TEMPLATES, assessment.unit.pk, 2026, "edit"
    )
    version, parts, meta = cache.get(key)
    cache.set(key, (version, ["forged"], meta))
    assert html_of(client, page_url(assessment.unit)).count("forged") == 1
    cache.set(key, ("an older version", ["forged"], meta))
    assert "forged" not in html_of(client, page_url(assessment.unit))


def test_a_saved_item_shows_in_the_region_pages_html_at_once(
    client, assessment, strateg, member, items
):
    client.force_login(strateg)
    before = html_of(client, reverse("checklists:dashboard"))
    assert without_tokens(html_of(client, reverse("checklists:dashboard"))) == without_tokens(
        before
    )  # from the cache: the same page
    MembershipFactory(unit=assessment.unit, user=UserFactory(username="ny"), role="familjeombud")
    for item in items[:3]:
        assessment_set_status(assessment=assessment, item=item, status="klar", by=member)
    after = html_of(client, reverse("checklists:dashboard"))
    assert without_tokens(after) != without_tokens(before)
    assert after.count('<td class="heat-4">100 %</td>') > before.count(
        '<td class="heat-4">100 %</td>'
    )


@pytest.mark.parametrize("worker_copies", [True], indirect=True)
def test_a_worker_serves_its_own_copy_of_the_current_version_and_drops_it_at_a_change(
    client, assessment, member, items
):
    client.force_login(member)
    url = page_url(assessment.unit)
    first = without_tokens(html_of(client, url))
    # Changed behind the version's back (update() sends no signal): only a render shows it.
    ChecklistItem.objects.filter(pk=items[2].pk).update(text="Ny lydelse utan version")
    version = cache.get(VERSION_KEY)
    cache.clear()  # the shared copy is gone, the version stays: only this worker's copy answers
    cache.set(VERSION_KEY, version, None)
    assert without_tokens(html_of(client, url)) == first
    figures_changed()  # a change on any server drops the version in the shared cache
    assert "Ny lydelse utan version" in html_of(client, url)
