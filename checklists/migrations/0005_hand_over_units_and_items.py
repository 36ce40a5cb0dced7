"""Units and memberships move to `organisation`, checklist lines to `mandates`: the tables are
renamed (rows stay), and so are their content types, so permissions and admin history stay."""

from django.db import migrations

MOVED = [("unit", "organisation"), ("membership", "organisation"), ("checklistitem", "mandates")]


def move_content_types(apps, schema_editor, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, new_app in MOVED:
        old, new = ("checklists", new_app) if not backwards else (new_app, "checklists")
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_back(apps, schema_editor):
    move_content_types(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0004_assessments_events_prerequisites"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    run_before = [("organisation", "0001_initial"), ("mandates", "0004_checklistitem")]

    operations = [
        migrations.AlterModelTable("unit", "organisation_unit"),
        migrations.AlterModelTable("membership", "organisation_membership"),
        migrations.AlterModelTable("checklistitem", "mandates_checklistitem"),
        migrations.RunPython(move_content_types, move_back),
    ]
