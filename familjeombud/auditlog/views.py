"""Thin views over the extract and review services."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from samverkan.models import Case

from . import extract, review
from .pdf import render_extract_pdf

CASE_NOT_FOUND = "Ärendet finns inte eller så har du inte tillgång till det."
DEFAULT_DAYS = 30
SINCE_INVALID = f"Ange datumet som ÅÅÅÅ-MM-DD. Visar de senaste {DEFAULT_DAYS} dagarna."
REVIEW_MARKED = "Fyndet är markerat som granskat."


class CaseExtractView(LoginRequiredMixin, View):
    """Owner or administrator only. Anyone else is refused and the refusal logged; a clinician
    who cannot see the case gets 404 so that its existence is not revealed."""

    def get(self, request, pk, fmt):
        case = Case.objects.filter(pk=pk).first()
        if case is None:
            raise Http404(CASE_NOT_FOUND)
        render = self.render_pdf(case) if fmt == "pdf" else extract.rows_to_csv
        try:
            data = extract.case_produce_extract(
                case=case, actor=request.user, fmt=fmt, render=render, path=request.path
            )
        except extract.ExtractDenied as denied:
            if denied.hide_case:
                raise Http404(CASE_NOT_FOUND) from None
            raise PermissionDenied(str(denied)) from None
        content_type = "application/pdf" if fmt == "pdf" else "text/csv; charset=utf-8"
        response = HttpResponse(data, content_type=content_type)
        filename = f"loggutdrag-{case.short_ref}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def render_pdf(case):
        return lambda rows: render_extract_pdf(case=case, rows=rows)


class ReviewerMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Anonymous users go to login; signed-in users without the permission get 403."""

    permission_required = review.REVIEW_PERMISSION

    def has_permission(self):
        return review.may_review(self.request.user)

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


def parse_since(value: str | None) -> tuple[datetime.date, bool]:
    default = timezone.localdate() - datetime.timedelta(days=DEFAULT_DAYS)
    if not value:
        return default, True
    try:
        return datetime.date.fromisoformat(value), True
    except ValueError:
        return default, False


class ReviewListView(ReviewerMixin, TemplateView):
    template_name = "auditlog/review_list.html"

    def get_context_data(self, **kwargs):
        since, valid = parse_since(self.request.GET.get("fran"))
        if not valid:
            messages.error(self.request, SINCE_INVALID)
        found = review.findings(since=since)
        context = super().get_context_data(**kwargs)
        context.update(
            since=since,
            pending=[f for f in found if f.review is None],
            reviewed=[f for f in found if f.review is not None],
            threshold=review.daily_threshold(),
            comment_max=review.COMMENT_MAX,
        )
        return context


class ReviewMarkView(ReviewerMixin, View):
    """The review list is the confirmation page: each finding carries its own form. A GET here
    only leads back to it."""

    def get(self, request):
        return redirect("auditlog:review_list")

    def post(self, request):
        try:
            review.audit_review_mark(
                actor=request.user,
                key=request.POST.get("finding", ""),
                comment=request.POST.get("comment", ""),
            )
        except review.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, REVIEW_MARKED)
        url = reverse("auditlog:review_list")
        since, valid = parse_since(request.POST.get("fran"))
        return redirect(f"{url}?fran={since:%Y-%m-%d}" if valid else url)
