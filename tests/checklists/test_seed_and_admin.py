import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from checklists.models import Assessment, ItemAssessment, StatusChange
from mandates.models import ChecklistItem
from mandates.resources import ChecklistItemResource
from organisation.models import Membership, Municipality, Unit
from organisation.resources import MembershipResource, UnitResource

pytestmark = pytest.mark.django_db


def test_the_fixture_has_every_checklist_item_of_the_support_package_in_order(items):
    assert len(items) == 15
    assert items[0].text.startswith("Verksamheten har fått utbildning om vad barnkonventionen")
    assert [i.area.slug for i in items[::3]] == [
        "barnets-rattigheter", "barn-som-narstaende", "barn-som-far-illa",
        "vald-i-nara-relationer", "samverkan-kronobarnsmodellen",
    ]  # fmt: skip


def test_the_dev_demo_set_is_idempotent_and_makes_the_admin_a_familjeombud(items, superuser):
    out = io.StringIO()
    call_command("seed_demo_units", "--dev", stdout=out)
    counts = (Unit.objects.count(), Membership.objects.count(), Assessment.objects.count(),
              ItemAssessment.objects.count(), User.objects.count())  # fmt: skip
    call_command("seed_demo_units", "--dev", stdout=io.StringIO())
    assert counts == (
        Unit.objects.count(), Membership.objects.count(), Assessment.objects.count(),
        ItemAssessment.objects.count(), User.objects.count(),
    )  # fmt: skip
    assert Unit.objects.count() == 12
    assert set(Unit.objects.values_list("municipality", flat=True)) == set(
        Municipality.objects.values_list("code", flat=True)
    )
    assert Membership.objects.get(user=superuser).role == "familjeombud"
    text = out.getvalue()
    assert "demo.familjeombud" in text and "demo.strateg" in text and "admin" in text
    assert User.objects.get(username="demo.strateg").has_perm("organisation.view_region")


def test_the_large_demo_set_makes_units_with_three_years_each(items):
    call_command("seed_demo_units", "--units", "40", "--years", "3", stdout=io.StringIO())
    assert Unit.objects.count() == 40
    assert Assessment.objects.count() == 120
    assert ItemAssessment.objects.count() == 120 * 15
    assert (
        StatusChange.objects.count() == ItemAssessment.objects.exclude(status="ej_paborjad").count()
    )
    assert Membership.objects.filter(role="familjeombud").count() == 40


@pytest.mark.parametrize(
    "model",
    ["organisation_unit", "organisation_membership", "mandates_checklistitem",
     "checklists_assessment", "checklists_itemassessment", "checklists_statuschange",
     "checklists_regionevent", "checklists_eventattendance"],
)  # fmt: skip
def test_every_checklists_model_has_a_working_admin_list(client, superuser, assessment, model):
    client.force_login(superuser)
    assert client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_history_rows_cannot_be_changed_in_admin(client, superuser, assessment, member, items):
    from checklists.services import assessment_set_status

    assessment_set_status(assessment=assessment, item=items[0], status="klar", by=member)
    change = StatusChange.objects.get()
    client.force_login(superuser)
    url = reverse("admin:checklists_statuschange_change", args=[change.pk])
    response = client.post(url, {"to_status": "ej_paborjad"})
    assert response.status_code in (302, 403) or b"readonly" in response.content
    change.refresh_from_db()
    assert change.to_status == "klar"


def test_units_memberships_and_items_export_and_import(unit, member, items):
    dataset = UnitResource().export()
    assert dataset.dict[0]["name"] == "Vårdcentralen Teleborg"
    members = MembershipResource().export()
    assert members.dict[0]["username"] == "anna" and members.dict[0]["role"] == "familjeombud"
    exported_items = ChecklistItemResource().export()
    assert exported_items.dict[0]["area"] == "barnets-rattigheter"
    import tablib

    new = tablib.Dataset(headers=["id", "name", "kind", "municipality"])
    new.append(["", "BVC Lessebo", "bvc", "lessebo"])
    result = UnitResource().import_data(new, dry_run=False)
    assert not result.has_errors()
    assert Unit.objects.filter(name="BVC Lessebo", municipality="lessebo").exists()
    assert ChecklistItem.objects.count() == 15
