from django.apps import AppConfig


class FamiljeombudConfig(AppConfig):
    """The project package is also an app so it can carry site-wide commands and templates."""

    name = "familjeombud"
    verbose_name = "Familjeombudsportalen"

    def ready(self):
        # The routine's directory is in the support package's search (pages/routine.py); an
        # edit of it in admin is no content version, so the index is told here, where the
        # project composes the two apps.
        from django.db.models.signals import post_delete, post_save

        from organisation.models import Municipality
        from samverkan.models import BvcUnit

        for model in (BvcUnit, Municipality):
            post_save.connect(_directory_changed, sender=model, dispatch_uid=f"search-{model}")
            post_delete.connect(_directory_changed, sender=model, dispatch_uid=f"search-d{model}")


def _directory_changed(sender, using="default", **kwargs):
    from mandates.search_index import mark_stale

    mark_stale(using=using)
