"""The region's view of every unit (permission checklists.view_region), and its exports."""

import csv
import io

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from openpyxl import Workbook

from ..forms import DashboardFilterForm
from ..models import REGION_PERMISSION, Assessment, Unit
from ..prerequisites import familjeombud_by_unit, unit_flags
from ..progress import area_totals, heatmap, items_per_area, published_areas, trend
from ..selectors import current_year
from ..svg import trend_chart


def dashboard_data(params) -> dict:
    """Filters, heatmap, trend and flags; a fixed number of queries whatever the unit count."""
    form = DashboardFilterForm(params or None)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("ar") or current_year()
    units = Unit.objects.order_by("name", "pk")
    if filters.get("municipality"):
        units = units.filter(municipality=filters["municipality"])
    if filters.get("kind"):
        units = units.filter(kind=filters["kind"])
    areas = published_areas()
    per_area = items_per_area()
    rows = heatmap(units, year, areas, per_area)
    ombud = familjeombud_by_unit(units.values("pk"), year)
    for row in rows:
        row.flags = unit_flags(ombud.get(row.unit.pk, []))
    totals = area_totals(rows, len(areas))
    years = set(Assessment.objects.values_list("year", flat=True).distinct().order_by())
    return {
        "form": form,
        "year": year,
        "years": sorted(years | {current_year(), year}, reverse=True),
        "areas": areas,
        "rows": rows,
        "totals": totals,
        "region": sum(totals[1:], totals[0]) if totals else None,
        "units": units,
        "per_area": per_area,
        "flagged": sum(1 for r in rows if r.flags),
        "started": sum(1 for r in rows if r.has_assessment),
    }


class RegionMixin(PermissionRequiredMixin):
    permission_required = REGION_PERMISSION


class DashboardView(RegionMixin, TemplateView):
    template_name = "checklists/dashboard.html"

    def get_context_data(self, **kwargs):
        data = dashboard_data(self.request.GET)
        data["trend"] = trend(data["units"], data["areas"], data["per_area"])
        data["chart"] = trend_chart(data["trend"], data["areas"])
        data["query"] = self.request.GET.urlencode()
        return {**super().get_context_data(**kwargs), **data}


def export_rows(data: dict) -> tuple[list[str], list[list]]:
    """Same figures as the heatmap; a percentage cell is empty when nothing is applicable."""
    header = [_("Verksamhet"), _("Kommun"), _("Typ"), _("År"), _("Checklista påbörjad")]
    header += [f"{a.name} (%)" for a in data["areas"]]
    header += [_("Totalt (%)"), _("Klara"), _("Tillämpliga"), _("Förutsättningar som saknas")]
    body = []
    for row in data["rows"]:
        overall = row.overall
        body.append(
            [
                row.unit.name,
                row.unit.get_municipality_display(),
                row.unit.get_kind_display(),
                data["year"],
                _("ja") if row.has_assessment else _("nej"),
                *[p.percent for p in row.areas],
                overall.percent,
                overall.done,
                overall.applicable,
                "; ".join(row.flags),
            ]
        )
    return header, body


class DashboardCsvView(RegionMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        data = dashboard_data(request.GET)
        header, body = export_rows(data)
        buffer = io.StringIO()
        # Semicolons and a byte-order mark: what Swedish Excel opens correctly by double-click.
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in line] for line in body])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="beredskap-{data["year"]}.csv"'
        return response


class DashboardXlsxView(RegionMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        data = dashboard_data(request.GET)
        header, body = export_rows(data)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = f"Beredskap {data['year']}"
        sheet.append(header)
        for line in body:
            sheet.append(line)
        sheet.freeze_panes = "B2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="beredskap-{data["year"]}.xlsx"'
        return response
