import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


def codenames(group: str) -> set[str]:
    return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_flush_or_migrate_brings_back_deleted_role_groups_with_their_permissions():
    Group.objects.filter(name__in=["Kliniker", "Strateg"]).delete()
    call_command("migrate", verbosity=0)
    kliniker = set(
        Group.objects.get(name="Kliniker").permissions.values_list("codename", flat=True)
    )
    strateg = set(Group.objects.get(name="Strateg").permissions.values_list("codename", flat=True))
    assert kliniker == {"add_case", "view_case", "change_case"}
    assert strateg == {"view_region"}


@pytest.mark.django_db(transaction=True)
def test_a_flushed_test_database_still_has_the_role_groups():
    call_command("flush", interactive=False, verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) >= {"Kliniker", "Strateg"}
