from django.apps import AppConfig


class SamverkanConfig(AppConfig):
    name = "samverkan"
    verbose_name = "Samverkan inom Kronobarnsmodellen"

    def ready(self):
        # Every module of this app logs through the "samverkan" logger; mask numbers there.
        from . import log_filters

        log_filters.install("samverkan")

        from organisation.roles import KLINIKER, ensure_group_on_migrate

        ensure_group_on_migrate(
            self, name=KLINIKER, codenames=["add_case", "view_case", "change_case"]
        )
