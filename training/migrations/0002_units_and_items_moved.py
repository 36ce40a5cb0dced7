import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("organisation", "0001_initial"),
        ("mandates", "0004_checklistitem"),
    ]
    # Before checklists forgets the models these keys pointed at.
    run_before = [("checklists", "0006_forget_moved_models")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="trainingsession",
                    name="unit",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="training_sessions", to="organisation.unit", verbose_name="verksamhet"),
                ),
                migrations.AlterField(
                    model_name="action",
                    name="checklist_item",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="training_actions", to="mandates.checklistitem", verbose_name="checklistpunkt"),
                ),
            ],
        ),
    ]
