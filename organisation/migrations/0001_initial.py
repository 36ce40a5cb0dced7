"""Units, memberships and municipalities enter organisation's state. Their tables exist already
(renamed from checklists_* and samverkan_* by the apps that held them), so the database is not
touched; on a fresh database those apps' migrations create them first (their run_before)."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Municipality",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="kommun")),
                        ("switchboard", models.CharField(max_length=40, verbose_name="växelnummer")),
                    ],
                    options={"verbose_name": "kommun", "verbose_name_plural": "kommuner", "ordering": ["name"]},
                ),
                migrations.CreateModel(
                    name="Unit",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, verbose_name="namn")),
                        ("kind", models.CharField(choices=[("vardcentral", "Vårdcentral"), ("bvc", "BVC"), ("bup", "Barn- och ungdomspsykiatri"), ("vuxenpsykiatri", "Vuxenpsykiatri"), ("akutmottagning", "Akutmottagning"), ("tandvard", "Tandvård"), ("habilitering", "Habilitering"), ("barnmorskemottagning", "Barnmorskemottagning"), ("somatisk_slutenvard", "Somatisk slutenvård"), ("annan", "Annan")], max_length=32, verbose_name="typ")),
                        ("municipality", models.CharField(max_length=16, verbose_name="kommun")),
                    ],
                    options={
                        "verbose_name": "verksamhet",
                        "verbose_name_plural": "verksamheter",
                        "ordering": ["name", "pk"],
                        "permissions": [("view_region", "Kan se alla verksamheters beredskap (region)")],
                    },
                ),
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=[("chef", "Chef"), ("familjeombud", "Familjeombud"), ("medarbetare", "Medarbetare")], default="medarbetare", max_length=16, verbose_name="roll")),
                        ("days_per_month", models.PositiveSmallIntegerField(blank=True, help_text="Förväntat 1–4 dagar per månad för familjeombud.", null=True, validators=[django.core.validators.MaxValueValidator(23)], verbose_name="avsatta dagar per månad")),
                        ("started_on", models.DateField(default=django.utils.timezone.localdate, help_text="Första året räknas härifrån.", verbose_name="i rollen sedan")),
                        ("unit", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="organisation.unit", verbose_name="verksamhet")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="unit_memberships", to=settings.AUTH_USER_MODEL, verbose_name="användare")),
                    ],
                    options={"verbose_name": "medlemskap", "verbose_name_plural": "medlemskap", "ordering": ["unit__name", "user__username"]},
                ),
                migrations.AddField(
                    model_name="unit",
                    name="members",
                    field=models.ManyToManyField(related_name="units", through="organisation.Membership", to=settings.AUTH_USER_MODEL, verbose_name="medlemmar"),
                ),
                migrations.AddConstraint(
                    model_name="membership",
                    constraint=models.UniqueConstraint(fields=("unit", "user"), name="checklists_membership_unique"),
                ),
            ],
        ),
    ]
