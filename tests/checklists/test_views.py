import pytest
from django.urls import reverse

from checklists.models import ItemAssessment, StatusChange
from checklists.services import NOT_A_MEMBER, REASON_REQUIRED
from tests.signed_in import AUTH_QUERIES

pytestmark = pytest.mark.django_db


def detail(unit, year=2026):
    return reverse("checklists:unit_detail", args=[unit.pk]) + f"?ar={year}"


def entry_url(unit, item, year=2026):
    return reverse("checklists:entry_update", args=[unit.pk, year, item.pk])


# --- permission rows ---------------------------------------------------------------------


def unit_urls(unit, item):
    return [
        detail(unit),
        reverse("checklists:start_year", args=[unit.pk]) + "?ar=2027",
        entry_url(unit, item),
        reverse("checklists:unit_report", args=[unit.pk, 2026]),
        reverse("checklists:unit_report_pdf", args=[unit.pk, 2026]),
    ]


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 404), ("member", 200), ("strateg", 200), ("superuser", 200)],
)
def test_unit_pages_answer_by_who_is_asking(
    request, client, assessment, items, index, who, expected
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = unit_urls(assessment.unit, items[0])[index]
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 403), ("member", 403), ("strateg", 200), ("superuser", 200)],
)
@pytest.mark.parametrize("name", ["dashboard", "dashboard_csv", "dashboard_xlsx"])
def test_the_region_pages_need_the_region_permission(
    request, client, assessment, who, expected, name
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(f"checklists:{name}")).status_code == expected


@pytest.mark.parametrize(
    ("who", "visible"),
    [("member", ["Vårdcentralen Teleborg"]), ("outsider", ["Annan verksamhet"]),
     ("strateg", ["Annan verksamhet", "Vårdcentralen Teleborg"])],
)  # fmt: skip
def test_the_unit_list_shows_a_users_own_units_and_the_region_all(
    request, client, unit, member, outsider, who, visible
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("checklists:unit_list"))
    assert [u.name for u in response.context["units"]] == visible


def test_the_unit_list_needs_a_login(client):
    assert client.get(reverse("checklists:unit_list")).status_code == 302


# --- saving ------------------------------------------------------------------------------


def test_a_member_saves_an_item_with_a_plain_form_post(client, assessment, member, items):
    client.force_login(member)
    response = client.post(
        entry_url(assessment.unit, items[0]), {"status": "klar", "comment": "Ok"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#punkt-{items[0].pk}")
    entry = ItemAssessment.objects.get(assessment=assessment, item=items[0])
    assert (entry.status, entry.comment, entry.changed_by) == ("klar", "Ok", member)


def test_saving_with_javascript_returns_the_new_progress_without_a_reload(
    client, assessment, member, items
):
    client.force_login(member)
    response = client.post(
        entry_url(assessment.unit, items[0]),
        {"status": "klar"},
        headers={"accept": "application/json"},
    )
    data = response.json()
    assert data["ok"] is True
    assert data["area"] == {
        "key": "area-barnets-rattigheter", "done": 1, "applicable": 3, "percent": 33
    }  # fmt: skip
    assert data["overall"] == {"key": "overall", "done": 1, "applicable": 15, "percent": 7}
    assert "Ej påbörjad → Klar" in data["history"]


def test_a_missing_reason_is_reported_in_swedish_and_nothing_is_saved(
    client, assessment, member, items
):
    client.force_login(member)
    url = entry_url(assessment.unit, items[0])
    response = client.post(url, {"status": "ej_aktuell"}, headers={"accept": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error": REASON_REQUIRED}
    response = client.post(url, {"status": "ej_aktuell"}, follow=True)
    assert REASON_REQUIRED in [str(m) for m in response.context["messages"]]
    assert not StatusChange.objects.exists()


def test_a_strateg_reads_but_cannot_save(client, assessment, strateg, items):
    client.force_login(strateg)
    page = client.get(detail(assessment.unit))
    assert page.context["can_edit"] is False
    assert b"js-entry-form" not in page.content
    response = client.post(
        entry_url(assessment.unit, items[0]), {"status": "klar"},
        headers={"accept": "application/json"},
    )  # fmt: skip
    assert response.status_code == 403
    assert response.json()["error"] == NOT_A_MEMBER
    assert not StatusChange.objects.exists()


def test_an_outsider_cannot_save_in_another_unit(client, assessment, outsider, items):
    client.force_login(outsider)
    response = client.post(entry_url(assessment.unit, items[0]), {"status": "klar"})
    assert response.status_code == 404
    assert not StatusChange.objects.exists()


def test_a_member_starts_a_new_year_copied_from_last_year(client, assessment, member, items):
    client.force_login(member)
    client.post(entry_url(assessment.unit, items[0]), {"status": "klar"})
    response = client.post(
        reverse("checklists:start_year", args=[assessment.unit.pk]), {"year": 2027, "mode": "copy"}
    )
    assert response.status_code == 302
    new = assessment.unit.assessments.get(year=2027)
    assert new.entries.get(item=items[0]).status == "klar"


def test_the_unit_page_shows_progress_bars_links_and_labelled_controls(
    client, assessment, member, items
):
    client.force_login(member)
    client.post(entry_url(assessment.unit, items[0]), {"status": "klar"})
    html = client.get(detail(assessment.unit)).content.decode()
    assert '<progress id="progress-overall" max="15" value="1"' in html
    assert '<progress id="progress-area-barnets-rattigheter" max="3" value="1"' in html
    assert reverse("mandates:area_detail", args=["barnets-rattigheter"]) in html
    assert html.count("<legend") >= 30  # item fieldset + status fieldset per item
    assert f'for="reason-{items[0].pk}"' in html and f'for="comment-{items[0].pk}"' in html
    assert 'aria-live="polite"' in html
    assert "checklists/checklist.js" in html
    assert "style=" not in html and "<script>" not in html


def test_each_item_has_labelled_status_radios_with_its_saved_status_checked_and_its_history(
    client, assessment, member, items
):
    client.force_login(member)
    client.post(entry_url(assessment.unit, items[0]), {"status": "klar"})
    pages = [
        client.get(detail(assessment.unit)).content.decode(),
        client.get(entry_url(assessment.unit, items[0])).content.decode(),  # without JavaScript
    ]
    pk = items[0].pk
    for html in pages:
        assert (
            f'<input class="form-check-input js-status" type="radio" name="status"'
            f' id="status-{pk}-klar" value="klar" checked>'
        ) in html
        assert f'<label class="form-check-label" for="status-{pk}-klar">Klar</label>' in html
        assert f'id="status-{pk}-pagar" value="pagar">' in html
        assert f'for="status-{pk}-ej_aktuell">Ej aktuell</label>' in html
        assert "<summary>Historik (1)</summary>" in html
        assert f'<ol class="history-list" id="history-{pk}">' in html
        assert "<li>Ej påbörjad → Klar, " in html
    assert f'action="{entry_url(assessment.unit, items[0])}"' in pages[0]
    assert f'id="status-{items[1].pk}-ej_paborjad" value="ej_paborjad" checked>' in pages[0]


def test_without_an_assessment_a_member_is_offered_to_start_the_year(client, unit, member, items):
    client.force_login(member)
    html = client.get(detail(unit, 2026)).content.decode()
    assert reverse("checklists:start_year", args=[unit.pk]) in html
    assert 'name="mode" value="empty"' in html


# --- query counts ------------------------------------------------------------------------


def make_many_items(items, factor):
    from mandates.models import ChecklistItem

    ChecklistItem.objects.bulk_create(
        ChecklistItem(area=item.area, order=10 + n, text=f"Extra {n}")
        for item in items
        for n in range(factor - 1)
    )


def test_the_unit_page_uses_the_same_number_of_queries_with_ten_times_the_data(
    client, assessment, member, other_member, items, django_assert_num_queries, settings
):
    settings.CHECKLIST_SAVES_PER_MINUTE = 1000  # 300 saves below: no rate limit here
    client.force_login(member)
    client.post(entry_url(assessment.unit, items[0]), {"status": "klar"})
    url = detail(assessment.unit)
    # Signed in (tests/signed_in.py); the unit with its years and membership; areas, items and
    # answers; the latest history; familjeombud; the training app's open actions.
    auth = AUTH_QUERIES
    with django_assert_num_queries(auth + 5):
        client.get(url)
    # The body from the cache (in memory or Redis here; with the database cache one query more).
    with django_assert_num_queries(auth + 2):
        client.get(url)
    make_many_items(items, 10)
    for item in items:
        client.post(entry_url(assessment.unit, item), {"status": "pagar"})
        client.post(entry_url(assessment.unit, item), {"status": "klar"})
    with django_assert_num_queries(auth + 5):
        response = client.get(url)
    with django_assert_num_queries(auth + 2):
        cached = client.get(url)
    assert cached.content.count(b"js-entry-form") == 150
    assert response.context["overall"].applicable == 150
    history = response.context["blocks"][0].items[0].entry.recent_history
    assert [(c.from_status, c.to_status) for c in history] == [
        ("ej_paborjad", "klar"), ("klar", "pagar"), ("pagar", "klar")
    ]  # fmt: skip
