"""The move of units, memberships, municipalities and checklist lines keeps every row: the
database is taken back to the schema before the move, filled there, and migrated forward."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The leaf migrations of the apps before organisation existed.
BEFORE = [
    ("checklists", "0004_assessments_events_prerequisites"),
    ("samverkan", "0005_mask_audit_details"),
    ("training", "0001_initial"),
    ("mandates", "0003_search_index"),
    ("familjeombud", "0002_audit_review"),
    ("accounts", "0001_initial"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_units_memberships_cases_assessments_and_sessions_survive_the_move():
    after = leaves()
    old = migrate(BEFORE)
    User = old.get_model("auth", "User")
    Group = old.get_model("auth", "Group")
    OldUnit = old.get_model("checklists", "Unit")
    OldMembership = old.get_model("checklists", "Membership")
    OldItem = old.get_model("checklists", "ChecklistItem")
    Area = old.get_model("mandates", "MandateArea")
    OldMunicipality = old.get_model("samverkan", "Municipality")
    Case = old.get_model("samverkan", "Case")
    BvcUnit = old.get_model("samverkan", "BvcUnit")
    Assessment = old.get_model("checklists", "Assessment")
    ItemAssessment = old.get_model("checklists", "ItemAssessment")
    Session = old.get_model("training", "TrainingSession")
    Action = old.get_model("training", "Action")

    user = User.objects.create(username="frida")
    strateg = User.objects.create(username="stina")
    strateg.groups.add(Group.objects.get(name="Strateg"))
    # The test database had the eight already; going back keeps the rows, not their codes.
    ljungby, _ = OldMunicipality.objects.get_or_create(
        name="Ljungby", defaults={"switchboard": "0372 - 78 90 00"}
    )
    bvc = BvcUnit.objects.create(municipality=ljungby, name="BVC Ljungby", email="a@b.se")
    case = Case.objects.create(created_by=user, municipality=ljungby)
    unit = OldUnit.objects.create(name="BVC Ljungby", kind="bvc", municipality="ljungby")
    vaxjo_unit = OldUnit.objects.create(
        name="VC Teleborg", kind="vardcentral", municipality="vaxjo"
    )
    membership = OldMembership.objects.create(
        unit=unit, user=user, role="familjeombud", days_per_month=2
    )
    area = Area.objects.create(slug="omrade", name="Område", order=1)
    item = OldItem.objects.create(area=area, order=1, text="Rutin finns")
    assessment = Assessment.objects.create(unit=unit, year=2026, created_by=user)
    entry = ItemAssessment.objects.create(assessment=assessment, item=item, status="klar")
    session = Session.objects.create(
        unit=unit, date=datetime.date(2026, 3, 1), start_time=datetime.time(9), created_by=user
    )
    action = Action.objects.create(
        session=session,
        what="Följ upp",
        who="Frida",
        due_on=datetime.date(2026, 4, 1),
        checklist_item=item,
    )

    new = migrate(after)
    Unit = new.get_model("organisation", "Unit")
    Membership = new.get_model("organisation", "Membership")
    Municipality = new.get_model("organisation", "Municipality")
    Item = new.get_model("mandates", "ChecklistItem")
    NewCase = new.get_model("samverkan", "Case")
    NewBvcUnit = new.get_model("samverkan", "BvcUnit")
    NewAssessment = new.get_model("checklists", "Assessment")
    NewEntry = new.get_model("checklists", "ItemAssessment")
    NewSession = new.get_model("training", "TrainingSession")
    NewAction = new.get_model("training", "Action")
    NewUser = new.get_model("auth", "User")

    moved = Unit.objects.get(pk=unit.pk)
    assert (moved.name, moved.kind, moved.municipality.name) == ("BVC Ljungby", "bvc", "Ljungby")
    assert Unit.objects.get(pk=vaxjo_unit.pk).municipality.name == "Växjö"
    assert Municipality.objects.get(pk=ljungby.pk).code == "ljungby"
    assert sorted(Municipality.objects.values_list("code", flat=True)) == sorted(
        ["alvesta", "lessebo", "ljungby", "markaryd", "tingsryd", "uppvidinge", "vaxjo", "almhult"]
    )
    kept = Membership.objects.get(pk=membership.pk)
    assert (kept.unit_id, kept.user_id, kept.role, kept.days_per_month) == (
        unit.pk,
        user.pk,
        "familjeombud",
        2,
    )
    assert Item.objects.get(pk=item.pk).text == "Rutin finns"
    assert NewCase.objects.get(pk=case.pk).municipality_id == ljungby.pk
    assert NewBvcUnit.objects.get(pk=bvc.pk).municipality_id == ljungby.pk
    assert NewAssessment.objects.get(pk=assessment.pk).unit_id == unit.pk
    assert NewEntry.objects.get(pk=entry.pk).item_id == item.pk
    assert NewSession.objects.get(pk=session.pk).unit_id == unit.pk
    assert NewAction.objects.get(pk=action.pk).checklist_item_id == item.pk
    perms = NewUser.objects.get(pk=strateg.pk).groups.get().permissions.get()
    assert (perms.content_type.app_label, perms.codename) == ("organisation", "view_region")
