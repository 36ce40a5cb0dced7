from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "mandates"
    verbose_name = "Stödpaket"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
