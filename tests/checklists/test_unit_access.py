"""unit_for reads the unit page's access check through a query compiled once per kind of user
(core.compiled): it must answer exactly as the queryset built for each request would."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from checklists.selectors import _UNIT, _unit_query, unit_for
from checklists.services import assessment_start_year
from organisation.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(assessment, unit, member):
    assessment_start_year(unit=unit, year=2025, by=member, copy_previous=False)
    return assessment


@pytest.mark.parametrize("who", ["member", "other_member", "outsider", "strateg", "superuser"])
def test_the_compiled_access_check_gives_the_rows_the_orm_gives(request, years, unit, who):
    user = request.getfixturevalue(who)
    for pk in (unit.pk, Unit.objects.exclude(pk=unit.pk).values_list("pk", flat=True).first()):
        expected = list(_unit_query(user, pk))
        shape = user.is_superuser or user.has_perm("organisation.view_region")
        assert _UNIT.dicts(shape=shape, user=user.pk, pk=pk) == expected


def test_a_member_gets_their_unit_with_its_years_newest_first(years, unit, member):
    access = unit_for(member, unit.pk)
    assert access.unit == unit
    assert access.unit.municipality.name == "Växjö"
    assert [a.year for a in access.assessments] == [2026, 2025]
    assert access.is_member is True


def test_the_region_sees_a_unit_it_is_not_a_member_of(years, unit, strateg):
    access = unit_for(strateg, unit.pk)
    assert access.unit == unit and access.is_member is False


def test_a_unit_the_user_may_not_see_is_not_found(years, unit, outsider):
    with pytest.raises(Http404):
        unit_for(outsider, unit.pk)


def test_a_member_whose_membership_ends_no_longer_sees_the_unit(years, unit, member):
    unit_for(member, unit.pk)  # compiled now, with this member's id in it
    member.unit_memberships.all().delete()
    with pytest.raises(Http404):
        unit_for(member, unit.pk)


def test_an_anonymous_or_inactive_user_sees_no_unit(years, unit, member):
    with pytest.raises(Http404):
        unit_for(AnonymousUser(), unit.pk)
    member.is_active = False
    with pytest.raises(Http404):
        unit_for(member, unit.pk)


def test_the_access_check_is_one_query_once_the_permissions_are_known(
    years, unit, strateg, django_assert_num_queries
):
    strateg.get_all_permissions()
    with django_assert_num_queries(1):
        unit_for(strateg, unit.pk)
