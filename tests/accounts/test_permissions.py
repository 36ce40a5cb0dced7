"""Both sign-in backends read a user's permissions in one query (accounts.permissions) and
must answer exactly as Django's ModelBackend does."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.oidc import PortalOIDCBackend
from accounts.passwords import PasswordBackend

pytestmark = pytest.mark.django_db

BACKENDS = [PasswordBackend, PortalOIDCBackend]


def permission(codename):
    return Permission.objects.get(codename=codename)


@pytest.fixture
def people(db):
    region = Group.objects.create(name="Region")
    region.permissions.add(permission("view_region"), permission("view_unit"))
    clinic = Group.objects.create(name="Klinik")
    clinic.permissions.add(permission("view_unit"), permission("add_case"))
    nobody = User.objects.create_user("nobody")
    own = User.objects.create_user("own")
    own.user_permissions.add(permission("view_case"))
    grouped = User.objects.create_user("grouped")
    grouped.groups.add(region, clinic)
    both = User.objects.create_user("both")
    both.user_permissions.add(permission("view_region"))
    both.groups.add(clinic)
    inactive = User.objects.create_user("inactive", is_active=False)
    inactive.groups.add(region)
    superuser = User.objects.create_superuser("root")
    return [nobody, own, grouped, both, inactive, superuser]


def fresh(user):
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_user_gets_the_permissions_django_s_model_backend_gives(people, backend):
    for user in people:
        assert backend().get_all_permissions(fresh(user)) == (
            ModelBackend().get_all_permissions(fresh(user))
        ), user.username
    assert backend().get_all_permissions(fresh(people[3])) == {
        "organisation.view_region", "organisation.view_unit", "samverkan.add_case"
    }  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_anonymous_user_and_object_permissions_get_nothing(people, backend):
    assert backend().get_all_permissions(AnonymousUser()) == set()
    assert backend().get_all_permissions(fresh(people[2]), obj=people[0]) == set()


def test_a_request_asks_once_for_every_has_perm_and_both_backends(
    people, django_assert_num_queries
):
    user = fresh(people[2])
    with django_assert_num_queries(1):
        assert user.has_perm("organisation.view_region")
        assert not user.has_perm("samverkan.view_case")
        assert user.has_perms(["organisation.view_unit", "samverkan.add_case"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_signed_in_user_comes_with_the_permissions_model_backend_gives_in_one_query(
    people, backend, django_assert_num_queries
):
    """A superuser's are every permission, as ModelBackend reads them (not timed here)."""
    for user in [u for u in people if not u.is_superuser]:
        with django_assert_num_queries(1):
            found = backend().get_user(user.pk)
            held = found and backend().get_all_permissions(found)
            assert not found or found.has_perm("organisation.view_region") == (
                "organisation.view_region" in held
            )
        expected = ModelBackend().get_all_permissions(fresh(user)) if user.is_active else None
        assert held == expected, user.username


def test_a_permission_taken_from_a_group_is_gone_on_the_next_request(people):
    user = people[2]
    assert fresh(user).has_perm("organisation.view_region")
    Group.objects.get(name="Region").permissions.remove(permission("view_region"))
    assert not fresh(user).has_perm("organisation.view_region")
    user.groups.clear()
    assert fresh(user).get_all_permissions() == set()


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_signed_in_user_is_read_as_django_reads_them(people, backend):
    for user in people:
        expected = ModelBackend().get_user(user.pk)
        found = backend().get_user(user.pk)
        assert (found and model_to_dict(found)) == (expected and model_to_dict(expected))
    assert backend().get_user(10**9) is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_deactivated_account_is_signed_out_at_its_next_request(client, people, backend):
    user = people[2]
    path = f"{backend.__module__}.{backend.__qualname__}"
    client.force_login(user, backend=path)
    assert client.get(reverse("checklists:unit_list")).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("checklists:unit_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
