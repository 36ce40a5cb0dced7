"""A unit's own pages: its list, its checklist per year, saving an item, and its report."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Exists, Func, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from core.pdf import render_pdf
from core.ratelimit import allow
from mandates.models import ChecklistItem
from organisation.models import Unit, is_familjeombud

from ..access import may_see_region
from ..forms import START_COPY, EntryForm, StartYearForm
from ..fragments import UNIT_BODY, UNIT_BODY_TEMPLATES, cached_fragment, fragment_key, render_part
from ..models import ALLOWED_TRANSITIONS, Assessment, ItemAssessment, ItemStatus
from ..progress import Progress, assessment_progress, published_areas
from ..selectors import (
    current_year,
    latest_history,
    unit_for,
    unit_page,
    unit_years,
    year_from,
)
from ..services import (
    INVALID_STATUS,
    NOT_A_MEMBER,
    ReadinessError,
    assessment_set_status,
    assessment_start_year,
    can_edit_unit,
)


def _count(queryset):
    """COUNT(*) of a queryset as a scalar subquery, 0 when it has no rows."""
    counted = queryset.order_by().annotate(n=Func(Value(1), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def unit_url(unit: Unit, year: int, anchor: str = "") -> str:
    return f"{reverse('checklists:unit_detail', args=[unit.pk])}?ar={year}{anchor}"


TOO_MANY_SAVES = "Du har sparat många ändringar på kort tid. Vänta en minut och försök igen."


def status_choices() -> list[tuple[str, str]]:
    """ItemStatus.choices translated once per request, not once per item and radio."""
    return [(value, str(label)) for value, label in ItemStatus.choices]


def entry_url_prefix(unit: Unit, year: int) -> str:
    """checklists:entry_update without its last part: prefix + f"{item.pk}/" is the URL."""
    url = reverse("checklists:entry_update", args=[unit.pk, year, 0])
    assert url.endswith("/0/"), url  # the URL pattern ends in <int:item_pk>/
    return url[: -len("0/")]


class UnitListView(LoginRequiredMixin, ListView):
    """A member's own units; the region and administrators get every unit, paginated."""

    template_name = "checklists/unit_list.html"
    context_object_name = "units"
    paginate_by = 50

    def get_queryset(self):
        self.year = current_year()
        return Unit.objects.visible_to(self.request.user).order_by("name", "pk")

    def with_figures(self, units):
        entries = ItemAssessment.objects.filter(
            assessment__unit=OuterRef("pk"), assessment__year=self.year, item__published=True
        )
        published_items = ChecklistItem.objects.published().filter(area__published=True)
        return units.annotate(
            done=_count(entries.filter(status=ItemStatus.DONE)),
            na=_count(entries.filter(status=ItemStatus.NOT_APPLICABLE)),
            started=Exists(Assessment.objects.filter(unit=OuterRef("pk"), year=self.year)),
            total=_count(published_items),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Figures only for the page shown: its units (LIMIT 50) are a subquery, so the work
        # stays the same however many units there are.
        page = Unit.objects.filter(pk__in=ctx["units"].values("pk")).select_related("municipality")
        ctx["units"] = ctx["object_list"] = list(self.with_figures(page).order_by("name", "pk"))
        for unit in ctx["units"]:
            unit.progress = Progress(done=unit.done, applicable=unit.total - unit.na)
        ctx["year"] = self.year
        ctx["is_familjeombud"] = is_familjeombud(self.request.user)
        ctx["may_see_region"] = may_see_region(self.request.user)
        return ctx


class UnitMixin(LoginRequiredMixin):
    """Units the user may not see answer 404, so their existence is not revealed."""

    def get_unit(self) -> Unit:
        return get_object_or_404(Unit.objects.visible_to(self.request.user), pk=self.kwargs["pk"])


class UnitDetailView(UnitMixin, DetailView):
    template_name = "checklists/unit_detail.html"
    context_object_name = "unit"

    def get_object(self, queryset=None):
        self.access = unit_for(self.request.user, self.kwargs["pk"])
        return self.access.unit

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        unit, assessments = self.object, self.access.assessments
        year = year_from(self.request.GET.get("ar"))
        # As Unit.objects.editable_by: members and superusers (the login is checked already).
        user = self.request.user
        can_edit = user.is_active and (user.is_superuser or self.access.is_member)
        ctx["can_edit"] = can_edit
        ctx["year"] = year
        ctx["years"] = unit_years(assessments, year)
        ctx["assessment"] = next((a for a in assessments if a.year == year), None)

        def render(marker: str) -> tuple[str, dict, dict]:
            # Every item's form (and full history) has its own address: reversed once, then
            # per item its pk.
            page = {**ctx, **unit_page(unit, year, assessments), "statuses": status_choices(),
                    "entry_url_prefix": entry_url_prefix(unit, year)}  # fmt: skip
            return render_part(UNIT_BODY, page, marker), {}, page

        # One token for the whole page (the body's forms and the layout's).
        token = ctx["csrf_token"] = get_token(self.request)
        who = "edit" if can_edit else "read"
        key = fragment_key("unit-body", UNIT_BODY_TEMPLATES, unit.pk, year, who)
        body = cached_fragment(key, render, lambda: token)
        ctx["unit_body"] = body.html
        if body.context is not None:  # rendered now: its figures are there for whoever reads
            ctx.update({k: v for k, v in body.context.items() if k not in ctx})
        return ctx


class StartYearView(UnitMixin, TemplateView):
    """GET asks which way to start the year; POST starts it."""

    template_name = "checklists/start_year.html"

    def get_context_data(self, **kwargs):
        unit = self.get_unit()
        year = year_from(self.request.GET.get("ar"))
        previous = unit.assessments.filter(year__lt=year).order_by("-year").first()
        form = StartYearForm(initial={"year": year})
        return {**super().get_context_data(**kwargs), "unit": unit, "year": year,
                "previous": previous, "form": form}  # fmt: skip

    def post(self, request, *args, **kwargs):
        unit = self.get_unit()
        form = StartYearForm(request.POST)
        year = year_from(request.POST.get("year"))
        try:
            if not form.is_valid():
                raise ReadinessError(_("Välj hur året ska börja."))
            assessment_start_year(
                unit=unit, year=year, by=request.user,
                copy_previous=form.cleaned_data["mode"] == START_COPY,
            )  # fmt: skip
        except ReadinessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Checklistan för %(year)s är påbörjad.") % {"year": year})
        return redirect(unit_url(unit, year))


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _as_dict(p: Progress, key: str) -> dict:
    return {"key": key, "done": p.done, "applicable": p.applicable, "percent": p.percent}


def progress_payload(assessment: Assessment, item: ChecklistItem) -> dict:
    """What the page's script needs to move both progress bars after a save."""
    progress = assessment_progress(assessment, published_areas())
    overall = sum(progress.values(), Progress())
    area = progress.get(item.area_id, Progress())
    return {
        "area": _as_dict(area, f"area-{item.area.slug}"),
        "overall": _as_dict(overall, "overall"),
    }


class EntryUpdateView(UnitMixin, TemplateView):
    """POST saves one item (a plain form post, or fetch() asking for JSON); GET shows the item
    alone as a form, which also works without the unit page's JavaScript."""

    template_name = "checklists/entry_form.html"

    def setup_objects(self):
        self.unit = self.get_unit()
        self.assessment = get_object_or_404(Assessment, unit=self.unit, year=self.kwargs["year"])
        self.item = get_object_or_404(
            ChecklistItem.objects.published().select_related("area"), pk=self.kwargs["item_pk"]
        )

    def get_context_data(self, **kwargs):
        self.setup_objects()
        entry = self.assessment.entries.filter(item=self.item).first()
        return {**super().get_context_data(**kwargs), "unit": self.unit, "item": self.item,
                "assessment": self.assessment, "entry": entry, "statuses": status_choices(),
                "can_edit": can_edit_unit(self.request.user, self.unit)}  # fmt: skip

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        if not allow(
            "checklist-save",
            request.user.pk,
            limit=settings.CHECKLIST_SAVES_PER_MINUTE,
            per_seconds=60,
        ):
            if wants_json(request):
                return JsonResponse({"ok": False, "error": TOO_MANY_SAVES}, status=429)
            messages.error(request, TOO_MANY_SAVES)
            return redirect(unit_url(self.unit, self.assessment.year, f"#punkt-{self.item.pk}"))
        form = EntryForm(request.POST)
        try:
            if not form.is_valid():
                raise ReadinessError(INVALID_STATUS)
            entry = assessment_set_status(
                assessment=self.assessment, item=self.item, by=request.user, **form.cleaned_data
            )
        except ReadinessError as error:
            if wants_json(request):
                code = 403 if str(error) == NOT_A_MEMBER else 400
                return JsonResponse({"ok": False, "error": str(error)}, status=code)
            messages.error(request, str(error))
            return redirect(unit_url(self.unit, self.assessment.year, f"#punkt-{self.item.pk}"))
        message = _("Sparat: %(status)s.") % {"status": entry.get_status_display()}
        if wants_json(request):
            payload = progress_payload(self.assessment, self.item)
            latest_history([entry])
            history = "".join(
                render_to_string("checklists/includes/history_line.html", {"change": change})
                for change in entry.recent_history
            )
            allowed = sorted(ALLOWED_TRANSITIONS.targets(entry.status))
            return JsonResponse(
                {"ok": True, "message": message, "history": history, "allowed": allowed, **payload}
            )
        messages.success(request, message)
        return redirect(unit_url(self.unit, self.assessment.year, f"#punkt-{self.item.pk}"))


class UnitReportView(UnitMixin, TemplateView):
    """The readiness report: the same page for screen, print and PDF."""

    template_name = "checklists/unit_report.html"

    def get_context_data(self, **kwargs):
        access = unit_for(self.request.user, self.kwargs["pk"])
        year = self.kwargs.get("year") or year_from(self.request.GET.get("ar"))
        page = unit_page(access.unit, year, access.assessments)
        return {**super().get_context_data(**kwargs), "unit": access.unit, **page}


class UnitReportPdfView(UnitReportView):
    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        html = render_to_string(self.template_name, {**context, "pdf": True}, request=request)
        filename = f"beredskap-{context['unit'].pk}-{context['year']}.pdf"
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
