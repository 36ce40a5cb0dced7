"""The Kliniker group: users who may work with samverkan cases."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Kliniker"
CODENAMES = ["add_case", "view_case", "change_case"]


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("samverkan")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    perms = Permission.objects.filter(content_type__app_label="samverkan", codename__in=CODENAMES)
    group.permissions.add(*perms)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
