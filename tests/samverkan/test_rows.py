"""core.rows: related rows carried as JSON in the parent's query come back as the same model
instances, in the same order, as the queryset itself would give."""

import datetime

import pytest
from django.db.models import OuterRef
from django.utils import timezone

from core.rows import instances, rows
from samverkan.models import Case, Consent, ConsentMethod, Guardian, Meeting, OrganisationType
from samverkan.models.meeting import MeetingMode

pytestmark = pytest.mark.django_db


def values(objects, names):
    return [tuple(getattr(o, n) for n in names) for o in objects]


def carried(queryset, parent_pk, fields=None):
    case = Case.objects.annotate(r=rows(queryset.filter(case=OuterRef("pk")), fields)).get(
        pk=parent_pk
    )
    return instances(queryset, case.r, fields)


def test_every_kind_of_value_comes_back_as_the_orm_gives_it(invited_case, clinician):
    when = timezone.now().replace(microsecond=123456) - datetime.timedelta(days=3)
    Meeting.objects.create(
        case=invited_case, form=MeetingMode.PHYSICAL, room="Rum 1", starts_at=when, held=True
    )
    guardian = Guardian.objects.create(case=invited_case, name="Åsa Öberg")
    Consent.objects.create(
        case=invited_case,
        guardian=guardian,
        method=ConsentMethod.ORAL,
        given_on=datetime.date(2026, 2, 28),
        recorded_by=clinician,
    )
    Consent.objects.create(
        case=invited_case,
        by_youth=True,
        method=ConsentMethod.WRITTEN,
        given_on=datetime.date(2026, 3, 1),
        recorded_by=clinician,
    )
    for model in (Meeting, Guardian, Consent):
        queryset = model.objects.all()
        names = [f.attname for f in model._meta.concrete_fields]
        expected = values(queryset.filter(case=invited_case), names)
        got = carried(queryset, invited_case.pk)
        assert values(got, names) == expected
        assert all(o._state.adding is False for o in got)
    meeting = carried(Meeting.objects.all(), invited_case.pk)[0]  # the earliest
    assert meeting.starts_at == when and meeting.starts_at.tzinfo is not None


def test_rows_keep_the_databases_order_with_swedish_names_and_ties(invited_case):
    for name in ["Ödeshög", "a-kassan", "Barnhälsovård", "åk", "äldre", "Älmhult", "B"]:
        OrganisationType.objects.create(name=f"Z {name}", order=99)
    queryset = OrganisationType.objects.all()
    case = Case.objects.annotate(r=rows(queryset)).get(pk=invited_case.pk)
    assert [o.name for o in instances(queryset, case.r)] == [o.name for o in queryset]


def test_an_empty_relation_and_a_subset_of_fields(new_case):
    case = new_case()
    assert carried(Meeting.objects.all(), case.pk) == []
    got = carried(Guardian.objects.all(), case.pk, fields=["id", "name"])
    assert values(got, ["id", "name"]) == values(case.guardians.all(), ["id", "name"])
    assert all(g.get_deferred_fields() >= {"role", "is_patient"} for g in got)
