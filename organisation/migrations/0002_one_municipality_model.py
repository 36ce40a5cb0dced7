"""One municipality model: the directory's rows get the codes units have stored since the
municipality was a list of choices, every code a unit uses gets a row, and Unit.municipality
becomes a key to them (the column and its values stay as they were)."""

import django.db.models.deletion
from django.db import migrations, models

# As organisation/municipalities.py had it when this was written; frozen here on purpose.
KRONOBERG = [
    ("alvesta", "Alvesta", "0472 - 150 00"),
    ("lessebo", "Lessebo", "0478 - 125 00"),
    ("ljungby", "Ljungby", "0372 - 78 90 00"),
    ("markaryd", "Markaryd", "0433 - 720 00"),
    ("tingsryd", "Tingsryd", "0477 - 441 00"),
    ("uppvidinge", "Uppvidinge", "0474 - 470 00"),
    ("vaxjo", "Växjö", "0470 - 410 00"),
    ("almhult", "Älmhult", "0476 - 550 00"),
]


def give_codes(apps, schema_editor):
    Municipality = apps.get_model("organisation", "Municipality")
    Unit = apps.get_model("organisation", "Unit")
    by_name = {name: (code, switchboard) for code, name, switchboard in KRONOBERG}
    for municipality in Municipality.objects.all():
        code = by_name.get(municipality.name, (None,))[0]
        municipality.code = code or f"m{municipality.pk}"
        municipality.save(update_fields=["code"])
    known = set(Municipality.objects.values_list("code", flat=True))
    for code, name, switchboard in KRONOBERG:
        if code not in known:
            Municipality.objects.create(code=code, name=name, switchboard=switchboard)
            known.add(code)
    for code in set(Unit.objects.values_list("municipality", flat=True)) - known:
        Municipality.objects.create(code=code, name=code, switchboard="")


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="code",
            field=models.SlugField(db_index=False, max_length=16, null=True, verbose_name="kod"),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="municipality",
            name="code",
            field=models.SlugField(max_length=16, unique=True, verbose_name="kod"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="municipality",
            field=models.ForeignKey(db_column="municipality", on_delete=django.db.models.deletion.PROTECT, related_name="units", to="organisation.municipality", to_field="code", verbose_name="kommun"),
        ),
    ]
