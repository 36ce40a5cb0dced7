from django.apps import AppConfig


class FamiljeombudConfig(AppConfig):
    """The project package is also an app so it can carry site-wide commands and templates."""

    name = "familjeombud"
    verbose_name = "Familjeombudsportalen"
