"""Barnets plan: a save based on an older version is refused and keeps what was typed;
deadlines in the past are refused for new or changed actions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.models import PlanVersion
from samverkan.services import errors
from samverkan.services.errors import CaseError
from samverkan.services.plan import PlanItemData, PlanStale, case_save_plan

pytestmark = pytest.mark.django_db


def plan_post(case, *, action, based_on, due_on=None, need="Stöd i läsning"):
    area = case.areas.order_by("order").first()
    from samverkan.models import OrganisationType

    school = OrganisationType.objects.get(name="Skola")
    due = due_on or timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-area": area.pk,
        "items-0-need": need,
        "items-0-action": action,
        "items-0-organisation": school.pk,
        "items-0-person": "Rektor",
        "items-0-due_on": due.isoformat(),
        "participants": "Rektor, kurator",
        "child_view": "Min syn",
    }
    if based_on is not None:
        data["based_on"] = str(based_on)
    return data


def test_the_plan_form_carries_the_version_it_was_opened_from(client, planned_case, clinician):
    client.force_login(clinician)
    form = client.get(reverse("samverkan:plan_edit", kwargs={"pk": planned_case.pk})).context[
        "form"
    ]
    assert form.initial["based_on"] == 1
    assert 'name="based_on" value="1"' in form.as_p()


def test_a_second_save_from_the_same_version_is_refused_keeps_the_text_and_shows_the_newer(
    client, planned_case, clinician, make_clinician
):
    colleague = make_clinician("kollegan")
    planned_case.members.add(colleague)
    url = reverse("samverkan:plan_edit", kwargs={"pk": planned_case.pk})
    other = client.__class__()
    other.force_login(colleague)
    assert (
        other.post(url, plan_post(planned_case, action="Kollegans insats", based_on=1)).status_code
        == 302
    )
    client.force_login(clinician)
    response = client.post(url, plan_post(planned_case, action="Min insats", based_on=1))
    assert response.status_code == 200
    html = response.content.decode()
    assert errors.PLAN_STALE.format(number=2) in [str(m) for m in response.context["messages"]]
    assert "Min insats" in html  # what they typed stays in the form
    assert "Kollegans insats" in html  # the newer version is shown
    assert response.context["form"]["based_on"].value() == "2"
    current = PlanVersion.objects.get(case=planned_case, is_current=True)
    assert current.number == 2 and current.items.get().action == "Kollegans insats"
    # Having read the newer version, the clinician saves theirs deliberately.
    again = client.post(url, plan_post(planned_case, action="Min insats", based_on=2))
    assert again.status_code == 302
    assert PlanVersion.objects.get(case=planned_case, is_current=True).number == 3


def test_a_new_action_with_a_deadline_in_the_past_is_refused(client, planned_case, clinician):
    client.force_login(clinician)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    url = reverse("samverkan:plan_edit", kwargs={"pk": planned_case.pk})
    response = client.post(
        url, plan_post(planned_case, action="Ny insats", based_on=1, due_on=yesterday)
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [errors.PLAN_DEADLINE_PAST]
    assert "Ny insats" in response.content.decode()
    assert planned_case.plan_versions.count() == 1


def test_an_overdue_action_carried_over_unchanged_does_not_block_a_new_version(
    planned_case, clinician, org
):
    item = planned_case.plan_versions.get().items.get()
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    type(item).objects.filter(pk=item.pk).update(due_on=overdue)
    carried = PlanItemData(
        item.area, item.need, item.action, item.organisation, item.person, overdue
    )
    version = case_save_plan(
        case=planned_case,
        actor=clinician,
        items=[carried],
        child_view="",
        guardians_view="",
        participants="Rektor",
        based_on=1,
    )
    assert version.number == 2
    changed = PlanItemData(item.area, item.need, "Ändrad", item.organisation, item.person, overdue)
    with pytest.raises(CaseError) as error:
        case_save_plan(
            case=planned_case,
            actor=clinician,
            items=[changed],
            child_view="",
            guardians_view="",
            participants="Rektor",
            based_on=2,
        )
    assert str(error.value) == errors.PLAN_DEADLINE_PAST


def test_the_service_refuses_a_save_based_on_an_older_version(planned_case, clinician, org):
    area = planned_case.areas.first()
    item = PlanItemData(area, "n", "a", org("Skola"), "p", timezone.localdate())
    with pytest.raises(PlanStale) as error:
        case_save_plan(
            case=planned_case,
            actor=clinician,
            items=[item],
            child_view="",
            guardians_view="",
            participants="x",
            based_on=0,
        )
    assert str(error.value) == errors.PLAN_STALE.format(number=1)
    assert planned_case.plan_versions.count() == 1
