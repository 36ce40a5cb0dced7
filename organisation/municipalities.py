"""The eight municipalities of Kronoberg. Units are placed in one and the samverkan routine
calls its switchboard; an administrator may correct a number in admin. A migrate or flush
recreates a missing one, so a unit can always be placed."""

from django.db.models.signals import post_migrate

# (code, name, switchboard). The code is what units store and what filters put in URLs.
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


def ensure_municipalities(model, using: str = "default") -> None:
    existing = set(model.objects.using(using).values_list("code", flat=True))
    model.objects.using(using).bulk_create(
        [
            model(code=code, name=name, switchboard=switchboard)
            for code, name, switchboard in KRONOBERG
            if code not in existing
        ]
    )


def ensure_municipalities_on_migrate(app_config) -> None:
    def ensure(sender, using="default", apps=None, **kwargs):
        apps = apps or sender.apps
        try:
            model = apps.get_model("organisation", "Municipality")
        except LookupError:  # organisation not migrated (yet) in this plan
            return
        if "code" in {field.name for field in model._meta.get_fields()}:
            ensure_municipalities(model, using)

    post_migrate.connect(ensure, sender=app_config, weak=False, dispatch_uid="kronoberg")
