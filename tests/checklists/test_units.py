import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from organisation.models import Membership, Unit, UnitKind

pytestmark = pytest.mark.django_db


def make_unit(name="Vårdcentralen Teleborg"):
    return Unit.objects.create(name=name, kind=UnitKind.VARDCENTRAL, municipality_id="vaxjo")


def test_a_member_sees_only_the_units_they_belong_to():
    mine, other = make_unit("A"), make_unit("B")
    user = User.objects.create_user("anna")
    Membership.objects.create(unit=mine, user=user, role="familjeombud")
    assert list(Unit.objects.visible_to(user)) == [mine]
    assert other not in Unit.objects.visible_to(user)


def test_the_strateg_group_sees_every_unit():
    make_unit("A"), make_unit("B")
    user = User.objects.create_user("sara")
    user.groups.add(Group.objects.get(name="Strateg"))
    assert user.has_perm("organisation.view_region")
    assert Unit.objects.visible_to(user).count() == 2


def test_a_superuser_sees_every_unit_and_an_anonymous_user_none():
    from django.contrib.auth.models import AnonymousUser

    make_unit("A")
    admin = User.objects.create_superuser("admin", password="x")
    assert Unit.objects.visible_to(admin).count() == 1
    assert Unit.objects.visible_to(AnonymousUser()).count() == 0


def test_a_user_belongs_to_a_unit_only_once():
    from django.db import IntegrityError

    unit = make_unit()
    user = User.objects.create_user("bo")
    Membership.objects.create(unit=unit, user=user, role="chef")
    with pytest.raises(IntegrityError):
        Membership.objects.create(unit=unit, user=user, role="medarbetare")


def test_the_strateg_group_is_created_by_the_migration_with_the_region_permission():
    group = Group.objects.get(name="Strateg")
    assert list(group.permissions.values_list("codename", flat=True)) == ["view_region"]


def test_the_unit_list_links_the_region_overview_only_for_those_the_region_rule_lets_in(
    client, strateg, django_user_model
):
    link = "Till regionöversikten"
    client.force_login(strateg)
    assert link in client.get(reverse("checklists:unit_list")).content.decode()
    client.force_login(django_user_model.objects.create_user("medarbetare.utan.region"))
    assert link not in client.get(reverse("checklists:unit_list")).content.decode()
