from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    OuterRef,
    Q,
    Subquery,
)
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from samverkan import case_page, forms, routine
from samverkan.access import BREAK_GLASS_PERMISSION, grant_break_glass, may_produce_extract
from samverkan.models import (
    AgeGroup,
    Case,
    CaseState,
    ConsentMethod,
    Meeting,
)
from samverkan.services import cases as case_services
from samverkan.services import consent as consent_services
from samverkan.services import errors, reading
from samverkan.services.plan import default_coordinator
from samverkan.steps import past_consent, step_refusal, steps_by_section
from samverkan.wheel import wheel_svg

from .base import CaseMixin, CaseStepView, ClinicianMixin, ErrorSummaryMixin, WriteLimitMixin

JOURNAL_NOTE = (
    "Samtycke har lämnats muntligen den {date} av {name} för att initiera samverkan inom "
    "Kronobarnsmodellen."
)
JOURNAL_NOTE_WITHDRAWN = (
    "Samtycket till samverkan inom Kronobarnsmodellen återkallades muntligen den {date} av "
    "{name}{what}."
)


class CaseListView(ClinicianMixin, TemplateView):
    template_name = "samverkan/case_list.html"

    def get_context_data(self, **kwargs):
        now, today = timezone.now(), timezone.localdate()
        upcoming = Meeting.objects.filter(case=OuterRef("pk"), held=False, starts_at__gte=now)
        cases = list(
            Case.objects.visible_to(self.request.user)
            .with_last_activity()
            .annotate(
                next_meeting_at=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]),
                overdue=Count(
                    "plan_versions__items",
                    filter=Q(
                        plan_versions__is_current=True, plan_versions__items__due_on__lt=today
                    ),
                ),
            )
            .order_by("-created_at")
        )
        reading.case_list_viewed(actor=self.request.user, cases=cases)
        context = super().get_context_data(**kwargs)
        context["open_cases"] = [c for c in cases if c.state != CaseState.CLOSED]
        context["closed_cases"] = [c for c in cases if c.state == CaseState.CLOSED]
        context["upcoming"] = sorted(
            (c for c in cases if c.next_meeting_at), key=lambda c: c.next_meeting_at
        )
        context["overdue_cases"] = [c for c in cases if c.overdue]
        context["stale_count"] = sum(1 for c in cases if c.stale)
        context["stale_days"] = settings.SAMVERKAN_STALE_AFTER_DAYS
        context["retention_days"] = settings.CASE_RETENTION_DAYS
        return context


class StaleCaseListView(ClinicianMixin, TemplateView):
    """Open cases the user may see with no activity for SAMVERKAN_STALE_AFTER_DAYS days, each
    with its last activity and the way to close it."""

    template_name = "samverkan/stale_cases.html"

    def get_context_data(self, **kwargs):
        cases = list(Case.objects.visible_to(self.request.user).stale())
        reading.stale_list_viewed(actor=self.request.user, cases=cases)
        context = super().get_context_data(**kwargs)
        context["stale_cases"] = cases
        context["stale_days"] = settings.SAMVERKAN_STALE_AFTER_DAYS
        context["retention_days"] = settings.CASE_RETENTION_DAYS
        return context


class CaseCreateView(WriteLimitMixin, ErrorSummaryMixin, ClinicianMixin, FormView):
    template_name = "samverkan/case_create.html"
    form_class = forms.CaseCreateForm

    def get_initial(self):
        """The sending unit as on the clinician's latest case: it rarely changes."""
        latest = (
            Case.objects.filter(created_by=self.request.user)
            .exclude(unit_name="")
            .order_by("-created_at")
            .values("unit_name", "unit_phone")
            .first()
        )
        return {**super().get_initial(), **(latest or {})}

    def summary_forms(self, context) -> list:
        return [context.get("form"), context.get("confirm_form")]

    def form_valid(self, form):
        confirm = forms.DuplicateConfirmForm(self.request.POST)
        confirm.is_valid()
        try:
            case = case_services.case_create(
                actor=self.request.user,
                duplicate_confirmed=confirm.cleaned_data.get("duplicate_confirmed", False),
                **form.service_arguments(),
            )
        except case_services.DuplicateOpenCase as duplicate:
            return self.duplicate_warning(form, confirm, duplicate.cases)
        messages.success(self.request, _("Ärendet är skapat. Börja med behovsbedömningen."))
        return redirect("samverkan:assessment", pk=case.pk)

    def duplicate_warning(self, form, confirm, cases):
        """The form again, as typed, with the cases the user may see and the routine's check;
        a second post without the box ticked says so."""
        if confirm.cleaned_data.get("duplicate_shown"):
            confirm.add_error("duplicate_confirmed", errors.DUPLICATE_NOT_CONFIRMED)
        else:
            confirm = forms.DuplicateConfirmForm(initial={"duplicate_shown": True})
        reading.duplicate_cases_shown(actor=self.request.user, cases=cases)
        keys = ["initiate_school"]
        if form.cleaned_data.get("age_group") == AgeGroup.BEFORE_PRESCHOOL:
            keys.insert(0, "initiate_preschool")
        context = self.get_context_data(
            form=form,
            confirm_form=confirm,
            duplicates=cases,
            duplicate_message=errors.DUPLICATE_OPEN_CASE,
            routine_check=routine.lines(*keys),
        )
        return self.render_to_response(context)


def journal_notes(case, consents, withdrawals=()) -> list[dict]:
    """The routine's note for each oral consent: in the child's journal when the child is the
    patient, in a guardian's journal when that guardian is the patient; an oral withdrawal is
    noted the same way."""
    notes = []
    journals = (["barnets journal"] if case.child_is_patient else []) + [
        f"journalen för {g.name}" for g in case.guardians.all() if g.is_patient
    ]
    for consent in consents:
        if consent.method != ConsentMethod.ORAL:
            continue
        text = JOURNAL_NOTE.format(
            date=consent.given_on.strftime("%Y-%m-%d"), name=consent.giver_name()
        )
        notes.extend({"journal": journal, "text": text} for journal in journals)
    for withdrawal in withdrawals:
        if withdrawal.method != ConsentMethod.ORAL:
            continue
        what = (
            ""
            if withdrawal.wholly
            else " för " + ", ".join(o.name for o in withdrawal.organisations.all())
        )
        text = JOURNAL_NOTE_WITHDRAWN.format(
            date=withdrawal.withdrawn_on.strftime("%Y-%m-%d"), name=withdrawal.giver, what=what
        )
        notes.extend({"journal": journal, "text": text} for journal in journals)
    return notes


class CaseDetailView(CaseMixin, TemplateView):
    """CaseMixin's single query for the case and its access brings every related row too
    (samverkan/case_page.py): the number of queries does not grow with the case."""

    template_name = "samverkan/case_detail.html"

    def case_rows(self):
        return case_page.rows()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        page = case_page.CasePage(case)
        guardians = list(case.guardians.all())
        consents = consent_services.consent_history(case)
        withdrawals = consent_services.withdrawals_of(case)
        areas, chosen = page.wheel_areas, page.chosen_area_ids
        plan_versions = list(case.plan_versions.all())
        plan = next((v for v in plan_versions if v.is_current), None)
        consented = case_services.consented_organisation_ids(case)
        context.update(
            guardians=guardians,
            consents=consents,
            missing=case_services.missing_consents(case) if case.custody else [],
            consented_names=sorted(
                {o.name for c in consents for o in c.organisations.all() if o.pk in consented}
            ),
            journal_notes=journal_notes(
                case, [c for c in consents if not c.superseded_at], withdrawals
            ),
            withdrawals=withdrawals,
            # Correction is recording the party's consent again, offered while that step is.
            correct_url=(
                ""
                if step_refusal(case, self.request.user, "consent")
                else reverse("samverkan:consent", kwargs={"pk": case.pk})
            ),
            to_inform=[
                (w, consent_services.inform_message(w))
                for w in consent_services.pending_to_inform(case)
            ],
            areas=areas,
            chosen_areas=[a for a in areas if a.pk in chosen],
            wheel=wheel_svg(areas, chosen),
            meetings=list(case.meetings.all()),
            invitations=list(case.invitations.all()),
            contacts=list(case.contacts.all()),
            plan=plan,
            plan_versions=plan_versions,
            suggested_coordinator=default_coordinator(plan),
            bvc_units=(
                page.bvc_units
                if case.municipality_id and case.age_group == AgeGroup.BEFORE_PRESCHOOL
                else []
            ),
            members=list(case.members.all()),
            routine_docs=page.routine_documents_by_step(),
            municipal_contacts=(
                page.municipal_contacts if case.age_group == AgeGroup.SCHOOL else []
            ),
            steps=steps_by_section(case, self.request.user),
            may_extract=may_produce_extract(self.request.user, case),
            past_consent=past_consent(case),
            AgeGroup=AgeGroup,
        )
        return context


class AddMemberView(CaseStepView):
    step = "add_member"
    form_class = forms.MemberForm
    title = _("Lägg till kollega")
    success_message = _("Kollegan har nu tillgång till ärendet.")

    def perform(self, form):
        colleague = (
            get_user_model()
            .objects.filter(username=form.cleaned_data["username"], is_active=True)
            .first()
        )
        if colleague is None:
            raise case_services.CaseError(errors.MEMBER_NOT_CLINICIAN)
        case_services.case_add_member(case=self.case, actor=self.request.user, colleague=colleague)


class CloseView(CaseStepView):
    step = "close"
    form_class = forms.CloseForm
    title = _("Avsluta ärendet")
    guide_template = "samverkan/guides/close.html"
    success_message = _("Ärendet är avslutat.")

    def perform(self, form):
        case_services.case_close(
            case=self.case, actor=self.request.user, reason=form.cleaned_data["reason"]
        )


class ProtectView(CaseStepView):
    step = "protect"
    form_class = django_forms.Form
    title = _("Skyddade personuppgifter")
    guide_template = "samverkan/guides/protect.html"
    success_message = _("Ärendet är markerat med skyddade personuppgifter. Adressen är raderad.")

    def perform(self, form):
        case_services.case_mark_protected(case=self.case, actor=self.request.user)


class BreakGlassView(ErrorSummaryMixin, ClinicianMixin, FormView):
    """An administrator opens a case they are not a member of, for one hour, with a reason."""

    permission_required = BREAK_GLASS_PERMISSION
    template_name = "samverkan/break_glass.html"
    form_class = forms.BreakGlassForm

    def form_valid(self, form):
        try:
            case = reading.case_break_glass(
                actor=self.request.user,
                case_id=form.cleaned_data["case_id"],
                reason=form.cleaned_data["reason"],
            )
        except case_services.CaseError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        grant_break_glass(self.request, case.pk)
        messages.warning(self.request, _("Nödåtkomst i en timme. Allt du gör loggas."))
        return redirect(reverse("samverkan:case_detail", kwargs={"pk": case.pk}))


__all__ = [
    "AddMemberView",
    "BreakGlassView",
    "CaseCreateView",
    "CaseDetailView",
    "CaseListView",
    "CloseView",
    "ProtectView",
]
