"""What makes a user someone the portal has given a role, and how the provider's claims set
roles and unit memberships when the region has chosen to keep them in its directory."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from organisation.models import Membership

from .models import UnitClaim

# The role names OIDC_ROLE_MAP may point to: the portal's role groups, or administrator
# (Django staff and superuser). Familjeombud is a role in a unit, so it comes from units.
ADMINISTRATOR = "administrator"
ROLE_GROUPS = ("Kliniker", "Strateg")


def has_portal_role(user) -> bool:
    """A role group, a unit membership or administration: anything less and the user has
    nothing to do in the portal's signed-in parts, so sign-in says whom to ask instead."""
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.exists() or Membership.objects.filter(user=user).exists()


def claim_values(claims: dict, name: str) -> set[str]:
    """A claim as a set of strings: providers send one value, a list, or a space-separated
    string (Entra sends lists, some IdPs strings)."""
    value = claims.get(name)
    if value is None:
        return set()
    if isinstance(value, str):
        return {part for part in value.replace(",", " ").split() if part}
    if isinstance(value, list | tuple):
        return {str(v) for v in value if v not in (None, "")}
    return {str(value)}


def roles_from_claims(claims: dict) -> set[str]:
    mapping = settings.OIDC_ROLE_MAP
    return {mapping[v] for v in claim_values(claims, settings.OIDC_ROLES_CLAIM) if v in mapping}


@transaction.atomic
def apply_roles(user, claims: dict) -> None:
    """With OIDC_ROLES_CLAIM set, the mapped groups and administration follow the claim at
    every sign-in; groups the map does not name are left as admin set them."""
    if not settings.OIDC_ROLES_CLAIM:
        return
    roles = roles_from_claims(claims)
    managed = set(settings.OIDC_ROLE_MAP.values())
    managed_groups = Group.objects.filter(name__in=managed - {ADMINISTRATOR})
    wanted = [g for g in managed_groups if g.name in roles]
    user.groups.remove(*[g for g in managed_groups if g.name not in roles])
    user.groups.add(*wanted)
    if ADMINISTRATOR in managed:
        is_admin = ADMINISTRATOR in roles
        if user.is_staff != is_admin or user.is_superuser != is_admin:
            user.is_staff = user.is_superuser = is_admin
            user.save(update_fields=["is_staff", "is_superuser"])


@transaction.atomic
def apply_units(user, claims: dict) -> None:
    """With OIDC_UNITS_CLAIM set, memberships of the units named in admin's claim table follow
    the claim; memberships of units with no claim value are left as admin set them."""
    if not settings.OIDC_UNITS_CLAIM:
        return
    values = claim_values(claims, settings.OIDC_UNITS_CLAIM)
    mapped = list(UnitClaim.objects.select_related("unit"))
    wanted = {m.unit_id: m.role for m in mapped if m.value in values}
    managed_units = {m.unit_id for m in mapped}
    current = {m.unit_id: m for m in Membership.objects.filter(user=user)}
    Membership.objects.filter(user=user, unit_id__in=managed_units - set(wanted)).delete()
    for unit_id, role in wanted.items():
        membership = current.get(unit_id)
        if membership is None:
            Membership.objects.create(user=user, unit_id=unit_id, role=role)
        elif membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
