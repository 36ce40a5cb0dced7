"""Query counts pinned per page, at 1× and at 10× the data (issue 8: at most 8 per page and
the same at 10×; issue 21: the case page in 8 or fewer). Every page starts with the queries
that are not the app's own: tests/signed_in.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.models import PlanVersion, WheelArea
from samverkan.services import cases as cs
from samverkan.services import meetings as ms
from samverkan.services.plan import PlanItemData, case_save_plan
from tests.signed_in import AUTH_QUERIES

pytestmark = pytest.mark.django_db

# + the list with its next meeting and overdue actions, and one INSERT of its audit rows.
CASE_LIST_QUERIES = AUTH_QUERIES + 2
# + the case with its access check and every row the page shows, in one query (one JSON
# subquery per relation, samverkan/case_page.py: consents with their withdrawals included), and
# the audit INSERT.
CASE_PAGE_QUERIES = AUTH_QUERIES + 2
CASE_PAGE_WITH_PLAN_QUERIES = CASE_PAGE_QUERIES  # the current plan's actions come along
# + the case, the version with its actions (one query), the wheel, withdrawals of consent (one
# query), the audit INSERT.
PLAN_QUERIES = AUTH_QUERIES + 5
# The PDF renders inside the export's transaction: under the test's own transaction that is a
# SAVEPOINT and its RELEASE (in production BEGIN and COMMIT, which are not counted as queries).
PLAN_QUERIES_BY_PAGE = {"plan_version": PLAN_QUERIES, "plan_pdf": PLAN_QUERIES + 2}


def test_case_list_queries_are_pinned_and_do_not_grow_with_the_number_of_cases(
    client, clinician, invited_case, new_case, django_assert_num_queries
):
    client.force_login(clinician)
    with django_assert_num_queries(CASE_LIST_QUERIES):
        client.get(reverse("samverkan:case_list"))
    for _ in range(10):
        new_case()
    with django_assert_num_queries(CASE_LIST_QUERIES):
        response = client.get(reverse("samverkan:case_list"))
    assert len(response.context["open_cases"]) == 11


def test_case_page_queries_are_pinned_and_do_not_grow_with_data(
    client, invited_case, clinician, org, django_assert_num_queries
):
    client.force_login(clinician)
    url = reverse("samverkan:case_detail", kwargs={"pk": invited_case.pk})
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        client.get(url)
    for i in range(10):
        ms.case_record_contact(
            case=invited_case,
            actor=clinician,
            organisation=org("Skola"),
            purpose=f"k{i}",
            shared_was_proportionate=True,
            no_support_agreed=True,
        )
        invitation = ms.case_invite(
            case=invited_case,
            actor=clinician,
            organisation=org("Socialtjänsten"),
            recipient=f"r{i}",
        )
        # An organisation is invited once per meeting unless the invitation is withdrawn.
        ms.case_withdraw_invitation(
            case=invited_case, actor=clinician, invitation=invitation, reason="Fel mottagare"
        )
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        html = client.get(url).content.decode()
    assert "k9" in html and "r9" in html


def save_versions(case, clinician, org, *, versions: int, items: int) -> None:
    areas = list(case.areas.order_by("order"))
    due = timezone.localdate() + datetime.timedelta(days=30)
    for v in range(versions):
        case_save_plan(
            case=case,
            actor=clinician,
            items=[
                PlanItemData(
                    areas[n % len(areas)], f"behov {v}.{n}", "insats", org("Skola"), "P", due
                )
                for n in range(items)
            ],
            child_view="",
            guardians_view="",
            participants="Alla",
        )


def test_the_case_page_with_a_plan_keeps_its_queries_when_versions_actions_and_people_grow(
    client, planned_case, clinician, org, make_clinician, django_assert_num_queries
):
    client.force_login(clinician)
    url = reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk})
    with django_assert_num_queries(CASE_PAGE_WITH_PLAN_QUERIES):
        client.get(url)
    save_versions(planned_case, clinician, org, versions=10, items=10)
    for i in range(10):
        cs.case_add_member(case=planned_case, actor=clinician, colleague=make_clinician(f"k{i}"))
    with django_assert_num_queries(CASE_PAGE_WITH_PLAN_QUERIES):
        response = client.get(url)
    html = response.content.decode()
    assert response.context["plan"].number == 11
    assert "version 10" in html and "k9" in html
    assert response.context["suggested_coordinator"] == org("Skola")


@pytest.mark.parametrize("name", ["plan_version", "plan_pdf"])
def test_the_plan_page_and_pdf_keep_their_queries_when_versions_and_actions_grow(
    client, planned_case, clinician, org, name, django_assert_num_queries
):
    client.force_login(clinician)
    with django_assert_num_queries(PLAN_QUERIES_BY_PAGE[name]):
        client.get(reverse(f"samverkan:{name}", kwargs={"pk": planned_case.pk, "number": 1}))
    save_versions(planned_case, clinician, org, versions=10, items=10)
    url = reverse(f"samverkan:{name}", kwargs={"pk": planned_case.pk, "number": 11})
    with django_assert_num_queries(PLAN_QUERIES_BY_PAGE[name]):
        response = client.get(url)
    assert response.status_code == 200
    if name == "plan_version":
        assert len(response.context["items"]) == 10
        assert response.context["version"].number == 11


def test_a_plan_version_without_actions_still_opens_and_an_unknown_one_is_404(
    client, planned_case, clinician
):
    PlanVersion.objects.create(case=planned_case, number=2, is_current=False, created_by=clinician)
    client.force_login(clinician)
    response = client.get(
        reverse("samverkan:plan_version", kwargs={"pk": planned_case.pk, "number": 2})
    )
    assert response.status_code == 200
    assert (response.context["version"].number, response.context["items"]) == (2, [])
    missing = reverse("samverkan:plan_pdf", kwargs={"pk": planned_case.pk, "number": 9})
    assert client.get(missing).status_code == 404


def test_the_wheel_on_the_case_page_marks_exactly_the_chosen_areas(client, invited_case, clinician):
    client.force_login(clinician)
    response = client.get(reverse("samverkan:case_detail", kwargs={"pk": invited_case.pk}))
    chosen = set(invited_case.areas.values_list("pk", flat=True))
    assert {a.pk for a in response.context["chosen_areas"]} == chosen
    assert len(response.context["areas"]) == WheelArea.objects.count()
    assert response.content.decode().count('data-chosen="ja"') == len(chosen)
