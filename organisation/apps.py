from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation"

    def ready(self):
        from .municipalities import ensure_municipalities_on_migrate
        from .roles import REGION_CODENAMES, STRATEG, ensure_group_on_migrate

        ensure_group_on_migrate(self, name=STRATEG, codenames=REGION_CODENAMES)
        ensure_municipalities_on_migrate(self)
