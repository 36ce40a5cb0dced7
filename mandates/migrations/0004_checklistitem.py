"""ChecklistItem is package content. Its table was renamed to mandates_checklistitem by the app
that held it before; here it only enters mandates' state."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("mandates", "0003_search_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ChecklistItem",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("order", models.PositiveSmallIntegerField(default=0, verbose_name="ordning")),
                        ("text", models.TextField(verbose_name="text")),
                        ("published", models.BooleanField(default=True, verbose_name="publicerad")),
                        ("reviewed_on", models.DateField(blank=True, null=True, verbose_name="granskad")),
                        ("area", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="checklist_items", to="mandates.mandatearea", verbose_name="mandatområde")),
                    ],
                    options={
                        "verbose_name": "checklistpunkt",
                        "verbose_name_plural": "checklistpunkter",
                        "ordering": ["area__order", "order", "pk"],
                    },
                ),
            ],
        ),
    ]
