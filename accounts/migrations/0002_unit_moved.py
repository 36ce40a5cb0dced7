import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organisation", "0001_initial"),
    ]
    # Before checklists forgets the model this key pointed at.
    run_before = [("checklists", "0006_forget_moved_models")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="unitclaim",
                    name="unit",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="organisation.unit", verbose_name="verksamhet"),
                ),
            ],
        ),
    ]
