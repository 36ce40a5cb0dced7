"""Access to a case: creator and added colleagues only; anyone else gets a 404 and a
'refused' audit entry. Administrators reach a case only through the audited break-glass."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.views.generic import FormView

from core.ratelimit import allow
from samverkan.access import CLINICIAN_PERMISSION, break_glass_active, may_open_cases
from samverkan.models import RoutineDocument
from samverkan.services import errors, reading
from samverkan.services.errors import CaseError
from samverkan.steps import step_refusal


class NoStoreMixin:
    """Every samverkan page may show a child's data: a shared computer's browser must not keep
    it (Cache-Control: no-store, on refusals and redirects too)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class ClinicianMixin(NoStoreMixin, LoginRequiredMixin, PermissionRequiredMixin):
    """Anonymous users go to login; signed-in users without the Kliniker role get 403."""

    permission_required = CLINICIAN_PERMISSION

    def has_permission(self):
        if self.permission_required == CLINICIAN_PERMISSION:
            return may_open_cases(self.request.user)
        return super().has_permission()  # e.g. break-glass, a permission of its own

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


def shows_the_page(response) -> bool:
    """A rendered page (GET, HEAD, or a POST whose form is shown again), not a redirect, a
    refusal or a file: files are audited as exports by their own service."""
    return response.status_code == 200 and hasattr(response, "render")


class CaseMixin(ClinicianMixin):
    """The case is opened through services/reading.py, which logs a refusal; every response
    that shows the case is logged as a view of it, whatever the method."""

    audit_what = "ärendet"
    audit_views = True

    def case_rows(self):
        """Relations of the case the page shows, read in the query that opens it (None: the
        case alone)."""
        return None

    def has_permission(self):
        # A break-glass administrator need not be a clinician.
        pk = self.kwargs.get("pk")
        return super().has_permission() or (pk is not None and break_glass_active(self.request, pk))

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_permission():
            # A signed-in user without the clinician role tried a case address: log it too.
            reading.case_access_refused(
                actor=request.user,
                pk=kwargs["pk"],
                path=request.path,
                detail=reading.REFUSED_NO_PERMISSION,
            )
            return self.handle_no_permission()
        try:
            self.case = reading.case_open(
                actor=request.user,
                pk=kwargs["pk"],
                path=request.path,
                break_glass=break_glass_active(request, kwargs["pk"]),
                rows=self.case_rows(),
            )
        except reading.CaseNotFound as missing:
            raise Http404(str(missing)) from None
        response = super().dispatch(request, *args, **kwargs)
        if self.audit_views and shows_the_page(response):
            what = getattr(self, "title", "") or self.audit_what
            reading.case_viewed(actor=request.user, case=self.case, what=what)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        return context


def error_summary(*forms) -> list[dict]:
    """Every error of the forms once, for the summary at the top of the page. Each link goes
    to the field's input; a radio or checkbox group has no id of its own, so to its first box."""
    rows = []
    for form in forms:
        if form is None:
            continue
        for name, messages_ in form.errors.items():
            if name == NON_FIELD_ERRORS:
                rows += [{"label": "", "text": m, "anchor": ""} for m in messages_]
                continue
            field = form[name]
            anchor = field.id_for_label or f"{field.auto_id}_0"
            rows += [{"label": field.label, "text": m, "anchor": anchor} for m in messages_]
    return rows


class ErrorSummaryMixin:
    def summary_forms(self, context) -> list:
        return [context.get("form")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["error_summary"] = error_summary(*self.summary_forms(context))
        return context


class WriteLimitMixin:
    """One account may not flood cases with rows (contacts, invitations, colleagues, cases):
    past SAMVERKAN_WRITES_PER_MINUTE posts a minute the form comes back as typed, unsaved,
    with the reason (429). Counted in the shared cache, so across every app server."""

    def post(self, request, *args, **kwargs):
        if not allow(
            "samverkan-write",
            request.user.pk,
            limit=settings.SAMVERKAN_WRITES_PER_MINUTE,
            per_seconds=60,
        ):
            messages.error(request, errors.TOO_MANY_WRITES)
            context = self.get_context_data(form=self.get_form())
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)


class CaseStepView(WriteLimitMixin, ErrorSummaryMixin, CaseMixin, FormView):
    """A thin transition view: GET shows the form as the confirmation page, POST calls one
    service function and turns its domain error into a message. A step the case does not
    offer now (samverkan/steps.py) shows why instead of the form, and a POST to it goes back
    to the case page with that reason."""

    template_name = "samverkan/case_step.html"
    refused_template_name = "samverkan/step_refused.html"
    step = ""  # the name in samverkan.steps.STEPS
    success_message = ""
    title = ""
    guide_template = ""
    routine_step = ""  # the step whose region documents the guide links

    def refusal(self) -> str:
        return step_refusal(self.case, self.request.user, self.step)

    def get(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            context = {"case": self.case, "title": self.title, "refusal": refusal}
            return self.response_class(
                request=request, template=[self.refused_template_name], context=context
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.case_url())
        return super().post(request, *args, **kwargs)

    def perform(self, form):  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except CaseError as error:
            messages.error(self.request, str(error))
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.case_url()

    def case_url(self):
        from django.urls import reverse

        return reverse("samverkan:case_detail", kwargs={"pk": self.case.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["guide_template"] = self.guide_template
        if self.routine_step:
            context["routine_documents"] = list(
                RoutineDocument.objects.filter(step=self.routine_step)
            )
        return context
