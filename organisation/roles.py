"""The role groups. Each app that grants a role's permissions connects its group here.

Their data migrations create them once; `ensure_group_on_migrate` creates them again after every
`migrate` or `flush` if someone deleted one, just as Django does for permissions, so an
administrator only ever adds users to a role and a flushed database is never left without roles.
Roles inside a unit (chef, familjeombud, medarbetare) are `MembershipRole`, not groups.
"""

from django.db.models.signals import post_migrate

# The region: reads every unit's readiness (permission organisation.view_region).
STRATEG = "Strateg"
REGION_CODENAMES = ["view_region"]
# Clinicians working with samverkan cases; samverkan grants the permissions.
KLINIKER = "Kliniker"


def ensure_group_on_migrate(app_config, *, name: str, codenames: list[str]) -> None:
    def ensure(sender, using="default", apps=None, **kwargs):
        apps = apps or sender.apps
        try:
            group_model = apps.get_model("auth", "Group")
            permission_model = apps.get_model("auth", "Permission")
        except LookupError:  # auth not migrated (yet) in this plan
            return
        group, _ = group_model.objects.using(using).get_or_create(name=name)
        permissions = permission_model.objects.using(using).filter(
            content_type__app_label=app_config.label, codename__in=codenames
        )
        group.permissions.add(*permissions)

    post_migrate.connect(ensure, sender=app_config, weak=False, dispatch_uid=f"role-{name}")


def strateg_group():
    """The region role's group, recreated where a flushed database lost it, so demo data and
    tests never depend on the post_migrate order."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from .models import Unit

    group, _ = Group.objects.get_or_create(name=STRATEG)
    content_type = ContentType.objects.get_for_model(Unit)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_region",
        defaults={"name": "Kan se alla verksamheters beredskap (region)"},
    )
    group.permissions.add(permission)
    return group
