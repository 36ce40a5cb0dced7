from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MandatesConfig(AppConfig):
    name = "mandates"
    verbose_name = "Stödpaket"

    def ready(self):
        from .cache import connect_signals
        from .search_index import mark_stale

        connect_signals()
        # A deploy may bring new sources or providers: the next search rebuilds the index.
        post_migrate.connect(mark_stale, sender=self, dispatch_uid="mandates-search-stale")
