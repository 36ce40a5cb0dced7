"""The signed-in user and their permissions, for both sign-in backends.

Every signed-in page asks for them (the menu and the access rules call has_perm), and
Django's ModelBackend builds and sends two queries for them on every request: the user's own
permissions and their groups'. Profiled, those two cost about 5 ms of a request on this
portal's 2-core server (docs/benchmarks.md). Here they are one query, compiled once
(core.compiled), with the same answer: what the user holds directly or through a group.
The signed-in user of every request is read with their permissions in the same query."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import JSONField, OuterRef, Q, Subquery, Value
from django.db.models.functions import JSONArray

from core.compiled import CompiledQuery
from core.rows import json_array

User = get_user_model()
NAME_COLUMNS = ("content_type__app_label", "codename")


def _held(own_user, group_user):
    """The permissions a user holds directly or through a group. Through the user's groups to
    the groups' permissions without joining auth_group itself (as ModelBackend's group__user
    lookup does): a fifth of the query's time, planning it. The user is named once for each
    subquery, as each sees it (an OuterRef is counted from the query it is in)."""
    own = User.user_permissions.through.objects.filter(user=own_user).values("permission_id")
    groups = User.groups.through.objects.filter(user=group_user).values("group_id")
    via_groups = Group.permissions.through.objects.filter(group_id__in=groups)
    return Permission.objects.filter(Q(pk__in=own) | Q(pk__in=via_groups.values("permission_id")))


def _build(_shape, user):
    return _held(user, user).values_list(*NAME_COLUMNS).order_by()


def _build_user(db, pk):
    # The permissions' query sits one level below the user's, its two subqueries two and three.
    held = _held(OuterRef(OuterRef("pk")), OuterRef(OuterRef(OuterRef("pk"))))
    names = (
        held.order_by()
        .annotate(_one=Value(1))
        .values("_one")  # a constant: no GROUP BY, one row for the whole set
        .annotate(_names=json_array(JSONArray(*NAME_COLUMNS), db=db))
        .values("_names")
    )
    return User._default_manager.filter(pk=pk).annotate(
        held_permissions=Subquery(names, output_field=JSONField())
    )


_PERMISSIONS = CompiledQuery(_build, user=User._meta.pk)
# The signed-in user and their permissions in one round trip; the shape is the database, whose
# vendor decides how the names are aggregated.
_USER = CompiledQuery(_build_user, pk=User._meta.pk)


def _names(rows) -> set[str]:
    return {f"{app_label}.{codename}" for app_label, codename in rows or ()}


def permissions_of(user) -> set[str]:
    """'app_label.codename' of every permission the user holds, directly or by a group."""
    return _names(_PERMISSIONS.tuples(user=user.pk, db=user._state.db or DEFAULT_DB_ALIAS))


class SignedInUser:
    """Mixed into both ModelBackends: the signed-in user of every request and their
    permissions, read together through one compiled query (permissions_of for a user object
    loaded some other way).

    Inactive users, anonymous users and object permissions get no permissions and superusers
    every one, exactly as ModelBackend decides; the set is kept on the user object for the
    request, under ModelBackend's own name, so a second backend and every later has_perm
    reuse it. A deactivated account is signed out at its next request with either backend
    (ModelBackend's rule; mozilla-django-oidc's own get_user would keep it signed in)."""

    def get_user(self, user_id):
        db = DEFAULT_DB_ALIAS
        found = _USER.instances(pk=user_id, shape=db, db=db)
        user = found[0] if found else None
        if user is None or not self.user_can_authenticate(user):
            return None
        held = user.__dict__.pop("held_permissions")
        user._perm_cache = _names(json.loads(held) if isinstance(held, str) else held)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = permissions_of(user_obj)
        return user_obj._perm_cache
