"""Role groups (Strateg, Kliniker) that the apps define in code.

Their data migrations create them once; `ensure_group_on_migrate` creates them again after every
`migrate` or `flush` if someone deleted one, just as Django does for permissions, so an
administrator only ever adds users to a role and a flushed database is never left without roles.
"""

from django.db.models.signals import post_migrate


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
