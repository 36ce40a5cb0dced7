"""The one rule for who may import and export in the admin.

django-import-export lets every staff user import and export unless told otherwise. Import
creates and overwrites rows, so it needs the model's add and change permissions; export shows
every row, so it needs the view permission (which change implies, as in Django's admin).
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_permission_codename
from django.core.exceptions import BadRequest
from import_export.admin import ImportExportModelAdmin as _LibraryImportExportModelAdmin


def may_import(user, opts) -> bool:
    return all(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("add", "change")
    )


def may_export(user, opts) -> bool:
    return any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    )


BAD_EXPORT_FILTER = "Exporten känner inte igen filtret i adressen. Exportera från listan igen."


class ImportExportModelAdmin(_LibraryImportExportModelAdmin):
    """Every import/export admin of the portal: the library's admin with the rule above."""

    def has_import_permission(self, request):
        return may_import(request.user, self.opts)

    def has_export_permission(self, request):
        return may_export(request.user, self.opts)

    def get_export_queryset(self, request):
        # The export reads the change list's filters from the query string; an unknown one
        # is the client's mistake (a 400), not a server error.
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters as error:
            raise BadRequest(BAD_EXPORT_FILTER) from error
