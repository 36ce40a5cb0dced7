"""The signed-in user and their permissions, for both sign-in backends.

Every signed-in page asks for them (the menu and the access rules call has_perm), and
Django's ModelBackend builds and sends two queries for them on every request: the user's own
permissions and their groups'. Profiled, those two cost about 5 ms of a request on this
portal's 2-core server (docs/benchmarks.md). Here they are one query, compiled once
(core.compiled), with the same answer: what the user holds directly or through a group.
The user row itself is read through a compiled query too."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from core.compiled import CompiledQuery

User = get_user_model()


def _build(_shape, user):
    # Through the user's groups to the groups' permissions without joining auth_group itself
    # (as ModelBackend's group__user lookup does): a fifth of the query's time, planning it.
    own = User.user_permissions.through.objects.filter(user=user).values("permission_id")
    groups = User.groups.through.objects.filter(user=user).values("group_id")
    via_groups = Group.permissions.through.objects.filter(group_id__in=groups)
    return (
        Permission.objects.filter(Q(pk__in=own) | Q(pk__in=via_groups.values("permission_id")))
        .values_list("content_type__app_label", "codename")
        .order_by()
    )


_PERMISSIONS = CompiledQuery(_build, user=User._meta.pk)
_USER = CompiledQuery(lambda _shape, pk: User._default_manager.filter(pk=pk), pk=User._meta.pk)


def permissions_of(user) -> set[str]:
    """'app_label.codename' of every permission the user holds, directly or by a group."""
    rows = _PERMISSIONS.tuples(user=user.pk, db=user._state.db or DEFAULT_DB_ALIAS)
    return {f"{app_label}.{codename}" for app_label, codename in rows}


class SignedInUser:
    """Mixed into both ModelBackends: the signed-in user of every request and their
    permissions, each through a compiled query.

    Inactive users, anonymous users and object permissions get no permissions and superusers
    every one, exactly as ModelBackend decides; the set is kept on the user object for the
    request, under ModelBackend's own name, so a second backend and every later has_perm
    reuse it. A deactivated account is signed out at its next request with either backend
    (ModelBackend's rule; mozilla-django-oidc's own get_user would keep it signed in)."""

    def get_user(self, user_id):
        found = _USER.instances(pk=user_id)
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = permissions_of(user_obj)
        return user_obj._perm_cache
