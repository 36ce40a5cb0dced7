import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan", "0006_hand_over_municipality"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="municipality",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to="organisation.municipality", verbose_name="kommun"),
                ),
                migrations.AlterField(
                    model_name="bvcunit",
                    name="municipality",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="bvc_units", to="organisation.municipality", verbose_name="kommun"),
                ),
                migrations.DeleteModel(name="Municipality"),
            ],
        ),
    ]
