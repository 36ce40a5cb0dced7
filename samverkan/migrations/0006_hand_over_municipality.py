"""The municipality directory moves to `organisation`: table and content type renamed, rows stay."""

from django.db import migrations


def move_content_type(apps, schema_editor, old="samverkan", new="organisation"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="municipality").exists():
        ContentType.objects.filter(app_label=old, model="municipality").update(app_label=new)


def move_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="organisation", new="samverkan")


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan", "0005_mask_audit_details"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    run_before = [("organisation", "0001_initial")]

    operations = [
        migrations.AlterModelTable("municipality", "organisation_municipality"),
        migrations.RunPython(move_content_type, move_back),
    ]
