"""Every response that shows a child's data: not kept by the browser (no-store) and in the
audit log, whatever the method; the plan's formset cannot be made to grow."""

import pytest
from django.urls import reverse

from core.formsets import TOO_MANY_ROWS
from samverkan.models import AuditAction, AuditEntry
from samverkan.services import reading

pytestmark = pytest.mark.django_db


def url(name, case, **kwargs):
    return reverse(f"samverkan:{name}", kwargs={"pk": case.pk, **kwargs})


def views_of(case):
    return AuditEntry.objects.filter(case=case, action=AuditAction.VIEWED)


@pytest.mark.parametrize(
    "page",
    ["case_detail", "plan_version", "plan_edit", "case_list", "meeting_book", "close"],
)
def test_pages_with_case_data_are_not_stored_by_the_browser(client, planned_case, page):
    client.force_login(planned_case.created_by)
    if page == "case_list":
        address = reverse("samverkan:case_list")
    elif page == "plan_version":
        address = url(page, planned_case, number=1)
    else:
        address = url(page, planned_case)
    response = client.get(address)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_log_extract_is_not_stored_by_the_browser(client, planned_case):
    client.force_login(planned_case.created_by)
    response = client.get(reverse("auditlog:case_extract_csv", kwargs={"pk": planned_case.pk}))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_a_head_request_on_a_case_page_is_audited(client, planned_case):
    client.force_login(planned_case.created_by)
    before = views_of(planned_case).count()
    response = client.head(url("case_detail", planned_case))
    assert response.status_code == 200
    assert views_of(planned_case).count() == before + 1
    assert views_of(planned_case).first().detail == reading.VIEWED.format(what="ärendet")


def test_a_plan_post_that_fails_validation_is_audited_as_a_view(client, planned_case):
    client.force_login(planned_case.created_by)
    before = views_of(planned_case).count()
    response = client.post(
        url("plan_edit", planned_case),
        {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "participants": ""},
    )
    assert response.status_code == 200
    assert planned_case.child_name in response.content.decode()
    assert views_of(planned_case).count() == before + 1
    assert views_of(planned_case).first().detail == "Visade Barnets plan"


def test_the_case_list_is_audited_for_every_case_it_shows(client, planned_case, new_case):
    other = new_case(child_name="Andra Barnet")
    client.force_login(planned_case.created_by)
    html = client.get(reverse("samverkan:case_list")).content.decode()
    assert "Andra Barnet" in html
    for case in (planned_case, other):
        entry = views_of(case).get()
        assert entry.detail == reading.LIST_VIEWED
        assert entry.who == planned_case.created_by


@pytest.mark.parametrize("count", ["2000", "２０００", "5"])
def test_a_plan_post_claiming_more_rows_than_the_page_offers_gets_a_swedish_400(
    client, planned_case, count
):
    client.force_login(planned_case.created_by)
    versions = planned_case.plan_versions.count()
    response = client.post(
        url("plan_edit", planned_case),
        {"items-TOTAL_FORMS": count, "items-INITIAL_FORMS": "0", "participants": "x"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert TOO_MANY_ROWS in html
    assert 'name="items-0-need"' not in html and len(html) < 50_000
    assert planned_case.plan_versions.count() == versions


def test_the_plan_page_offers_the_current_actions_and_two_empty_rows(client, planned_case):
    client.force_login(planned_case.created_by)
    html = client.get(url("plan_edit", planned_case)).content.decode()
    assert 'name="items-TOTAL_FORMS" value="3"' in html
    assert 'name="items-MAX_NUM_FORMS" value="3"' in html
    response = client.post(
        url("plan_edit", planned_case),
        {"items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "1", "participants": "x"},
    )
    assert response.status_code == 200  # the offered count is accepted (and validated)
