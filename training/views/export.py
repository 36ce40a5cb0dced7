"""A unit's year of sessions and actions as CSV or XLSX."""

from django.http import HttpResponse
from django.views import View

from .. import export
from .base import UnitScopedMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportView(UnitScopedMixin, View):
    fmt = "csv"

    def get(self, request, *args, **kwargs):
        unit, year = self.get_unit(), self.kwargs["year"]
        if self.fmt == "csv":
            response = HttpResponse(
                export.as_csv(unit, year), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(export.as_xlsx(unit, year), content_type=XLSX)
        filename = f"utbildningstillfallen-{unit.pk}-{year}.{self.fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
