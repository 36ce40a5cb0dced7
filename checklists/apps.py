from django.apps import AppConfig


class ChecklistsConfig(AppConfig):
    name = "checklists"
    verbose_name = "Beredskap"

    def ready(self):
        from . import signals

        signals.connect()

        from mandates.roles import ensure_group_on_migrate

        ensure_group_on_migrate(self, name="Strateg", codenames=["view_region"])
