from django.apps import AppConfig


class ChecklistsConfig(AppConfig):
    name = "checklists"
    verbose_name = "Beredskap"

    def ready(self):
        from . import signals

        signals.connect()
