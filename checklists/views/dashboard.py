"""The region's view of every unit (permission organisation.view_region), and its exports."""

import hashlib

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from core import exports
from core.exports import Table
from organisation.models import REGION_PERMISSION

from ..access import may_see_region
from ..figures import Figures, cached, choice_labels, dashboard_figures
from ..forms import DashboardFilterForm
from ..fragments import (
    DASHBOARD_BODY,
    DASHBOARD_BODY_TEMPLATES,
    cached_fragment,
    fragment_key,
    render_part,
)
from ..progress import heat_legend
from ..selectors import current_year
from ..svg import trend_chart


def dashboard_filters(params) -> tuple[DashboardFilterForm, tuple[int, str, str]]:
    """The form and (year, municipality, kind); invalid values are ignored, never a 500."""
    form = DashboardFilterForm(params or None)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("ar") or current_year()
    return form, (year, filters.get("municipality") or "", filters.get("kind") or "")


def dashboard_data(params) -> dict:
    """Filters, heatmap, trend and flags; a fixed number of queries whatever the unit count,
    and two cache reads when nothing has changed (``figures.py``)."""
    form, filters = dashboard_filters(params)
    year = filters[0]
    figures = dashboard_figures(*filters)
    return {
        "form": form,
        "year": year,
        "years": sorted(set(figures.years) | {current_year(), year}, reverse=True),
        "areas": figures.areas,
        "figures": figures,
        # Built from the plain cached values only when used (exports, tests), never by the page.
        "rows": SimpleLazyObject(lambda: figures.rows),
        "n_units": len(figures.row_values),
        "heatmap_body": figures.heatmap_html,
        "totals": figures.totals,
        "region": figures.region,
        "trend": figures.trend,
        "flagged": figures.flagged,
        "started": figures.started,
    }


class RegionMixin(PermissionRequiredMixin):
    permission_required = REGION_PERMISSION

    def has_permission(self):
        return may_see_region(self.request.user)


class DashboardView(RegionMixin, TemplateView):
    """The content is the same for everyone who may see it: rendered once per data version and
    query string (``fragments.py``); the layout around it per request."""

    template_name = "checklists/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.urlencode()

        def render(marker: str) -> tuple[str, dict, dict]:
            data = dashboard_data(self.request.GET)
            data["chart"] = trend_chart(data["trend"], data["areas"])
            data["heat_legend"] = heat_legend()
            data["query"] = query
            html = render_part(DASHBOARD_BODY, data, marker)
            return html, {"year": data["year"]}, data

        digest = hashlib.sha256(query.encode()).hexdigest()[:32]
        key = fragment_key("dashboard", DASHBOARD_BODY_TEMPLATES, digest)
        body = cached_fragment(key, render)
        ctx["dashboard_body"] = body.html
        ctx["year"] = body.meta["year"]
        if body.context is not None:  # rendered now: its figures are there for whoever reads
            ctx.update({k: v for k, v in body.context.items() if k not in ctx})
        return ctx


def export_rows(figures: Figures) -> tuple[list[str], list[list]]:
    """Same figures as the heatmap; a percentage cell is empty when nothing is applicable."""
    header = [_("Verksamhet"), _("Kommun"), _("Typ"), _("År"), _("Checklista påbörjad")]
    header += [f"{a.name} (%)" for a in figures.areas]
    header += [_("Totalt (%)"), _("Klara"), _("Tillämpliga"), _("Förutsättningar som saknas")]
    body = []
    municipalities, kinds = choice_labels()
    for row in figures.rows:
        overall = row.overall
        body.append(
            [
                row.unit.name,
                municipalities.get(row.unit.municipality_id, row.unit.municipality_id),
                kinds.get(row.unit.kind, row.unit.kind),
                figures.year,
                _("ja") if row.has_assessment else _("nej"),
                *[p.percent for p in row.areas],
                overall.percent,
                overall.done,
                overall.applicable,
                "; ".join(row.flags),
            ]
        )
    return header, body


def export_table(figures: Figures) -> Table:
    header, body = export_rows(figures)
    return Table(f"Beredskap {figures.year}", header, body, freeze="B2")


def csv_bytes(figures: Figures) -> bytes:
    return exports.csv_bytes(export_table(figures))


def xlsx_bytes(figures: Figures) -> bytes:
    return exports.xlsx_bytes(export_table(figures))


class ExportView(RegionMixin, View):
    """The file itself is cached like the figures (openpyxl takes ~150 ms for 500 rows)."""

    suffix = content_type = ""
    build = None

    def get(self, request, *args, **kwargs):
        _form, filters = dashboard_filters(request.GET)
        body = cached(self.suffix, filters, lambda: type(self).build(dashboard_figures(*filters)))
        response = HttpResponse(body, content_type=self.content_type)
        filename = f"beredskap-{filters[0]}.{self.suffix}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class DashboardCsvView(ExportView):
    suffix, content_type, build = "csv", "text/csv; charset=utf-8", csv_bytes


class DashboardXlsxView(ExportView):
    suffix, build = "xlsx", xlsx_bytes
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
