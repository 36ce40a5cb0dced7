"""checklists' state lets go of Unit, Membership and ChecklistItem; the database already has
them under their new apps' names (0005), so nothing changes there."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0005_hand_over_units_and_items"),
        ("organisation", "0001_initial"),
        ("mandates", "0004_checklistitem"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="assessment",
                    name="unit",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assessments", to="organisation.unit", verbose_name="verksamhet"),
                ),
                migrations.AlterField(
                    model_name="itemassessment",
                    name="item",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assessments", to="mandates.checklistitem", verbose_name="checklistpunkt"),
                ),
                migrations.DeleteModel(name="Membership"),
                migrations.DeleteModel(name="Unit"),
                migrations.DeleteModel(name="ChecklistItem"),
            ],
        ),
    ]
