"""The region role "Strateg" as a group holding the read-all permission, so admins only add users."""

from django.db import migrations

GROUP_NAME = "Strateg"


def create_strateg_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after all migrations (post_migrate); create it now so the
    # group can hold it. post_migrate later finds it by (content_type, codename) and skips it.
    content_type, _ = ContentType.objects.get_or_create(app_label="checklists", model="unit")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_region",
        defaults={"name": "Kan se alla verksamheters beredskap (region)"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(permission)


def remove_strateg_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0002_units_and_memberships"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_strateg_group, remove_strateg_group)]
