"""One thin view per step of the routine. Each GET is the confirmation page."""

from django import forms as django_forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.formsets import TooManyRows, too_many_rows_response
from organisation.models import Municipality
from samverkan import forms
from samverkan.models import MunicipalContact, OrganisationType, RoutineStep, Supersession
from samverkan.services import cases as case_services
from samverkan.services import errors
from samverkan.services import meetings as meeting_services
from samverkan.services.errors import CaseError
from samverkan.services.plan import (
    PlanItemData,
    PlanStale,
    case_save_plan,
    current_plan,
    default_coordinator,
)

from .base import CaseStepView


class AssessmentView(CaseStepView):
    step = "assessment"
    form_class = forms.AssessmentForm
    title = _("Finns det behov av samverkan?")
    guide_template = "samverkan/guides/assessment.html"

    def perform(self, form):
        case = case_services.case_record_needs_assessment(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )
        messages.success(
            self.request, f"Behovsbedömningen är sparad: {case.get_outcome_display()}."
        )


class CustodyView(CaseStepView):
    step = "custody"
    form_class = forms.CustodyForm
    title = _("Vårdnad")
    guide_template = "samverkan/guides/consent.html"
    routine_step = RoutineStep.CONSENT
    success_message = _("Vårdnaden är registrerad.")

    def get_initial(self):
        return {"custody": self.case.custody}

    def perform(self, form):
        case_services.case_set_custody(
            case=self.case, actor=self.request.user, custody=form.cleaned_data["custody"]
        )


class GuardianView(CaseStepView):
    step = "guardian_add"
    form_class = forms.GuardianForm
    title = _("Lägg till vårdnadshavare")
    success_message = _("Vårdnadshavaren är tillagd.")

    def perform(self, form):
        case_services.case_add_guardian(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )


class YouthView(CaseStepView):
    step = "youth"
    form_class = forms.YouthForm
    title = _("Samtycker barnet själv?")
    guide_template = "samverkan/guides/consent.html"
    routine_step = RoutineStep.CONSENT
    success_message = _("Sparat.")

    def get_initial(self):
        return {"youth_consents": self.case.youth_consents}

    def perform(self, form):
        case_services.case_set_youth_consents(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )


class ConsentView(CaseStepView):
    step = "consent"
    form_class = forms.ConsentForm
    title = _("Registrera samtycke")
    guide_template = "samverkan/guides/consent.html"
    routine_step = RoutineStep.CONSENT
    success_message = _("Samtycket är registrerat.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def get_initial(self):
        """?part=g<id> or ?part=youth (the case page's "Rätta"): that party's consent as it
        holds, to correct."""
        part = self.request.GET.get("part", "")
        for c in case_services.active_consents(self.case):
            if part == ("youth" if c.by_youth else f"g{c.guardian_id}"):
                return {
                    "party": part,
                    "method": c.method,
                    "given_on": c.given_on,
                    "organisations": c.current_organisations,
                }
        return super().get_initial()

    def perform(self, form):
        data = form.cleaned_data
        consent = case_services.case_record_consent(
            case=self.case,
            actor=self.request.user,
            guardian=data["guardian"],
            by_youth=data["by_youth"],
            method=data["method"],
            given_on=data["given_on"],
            organisations=list(data["organisations"]),
            correction_reason=data["correction_reason"],
        )
        self.success_message = (
            _("Samtycket är rättat. Den tidigare registreringen finns kvar i historiken.")
            if hasattr(consent, "replaces")
            and consent.replaces.supersession == Supersession.CORRECTED
            else _("Samtycket är registrerat.")
        )


class CompleteConsentView(CaseStepView):
    step = "consent_complete"
    form_class = django_forms.Form
    title = _("Samtycket är komplett")
    guide_template = "samverkan/guides/consent.html"
    routine_step = RoutineStep.CONSENT
    success_message = _("Samtycket är komplett. Nästa steg: initiera samverkan.")

    def perform(self, form):
        case_services.case_complete_consent(case=self.case, actor=self.request.user)


class InitiationView(CaseStepView):
    step = "initiation"
    form_class = forms.InitiationForm
    title = _("Initiera samverkan")
    guide_template = "samverkan/guides/initiation.html"
    routine_step = RoutineStep.INITIATION
    success_message = _("Områden och avstämning är sparade.")

    def get_initial(self):
        c = self.case
        return {
            "age_group": c.age_group,
            "municipality": c.municipality,
            "areas": list(c.areas.all()),
            "initiation_note": c.initiation_note,
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "municipalities": Municipality.objects.prefetch_related("bvc_units"),
            "municipal_contacts": list(MunicipalContact.objects.all()),
        }

    def perform(self, form):
        data = {**form.cleaned_data, "areas": list(form.cleaned_data["areas"])}
        meeting_services.case_record_initiation(case=self.case, actor=self.request.user, **data)


class MeetingBookView(CaseStepView):
    step = "meeting_book"
    form_class = forms.MeetingBookingForm
    title = _("Boka samverkansmöte")
    guide_template = "samverkan/guides/meeting_booking.html"
    success_message = _("Mötet är bokat. Skicka inbjudan i god tid.")

    def perform(self, form):
        d = form.cleaned_data
        meeting_services.case_book_meeting(
            case=self.case,
            actor=self.request.user,
            form=d["form"],
            starts_at=d["starts_at"],
            room=d["room"],
            link=d["link"],
        )


class InviteView(CaseStepView):
    step = "invite"
    form_class = forms.InvitationForm
    title = _("Bjud in en verksamhet")
    guide_template = "samverkan/guides/invitation.html"

    def get_form(self, form_class=None):
        """Only the organisations every required party consented to are offered."""
        form = super().get_form(form_class)
        consented = case_services.consented_organisation_ids(self.case)
        form.fields["organisation"].queryset = OrganisationType.objects.filter(pk__in=consented)
        return form

    def get_context_data(self, **kwargs):
        consented = case_services.consented_organisation_ids(self.case)
        orgs = list(OrganisationType.objects.all())
        return {
            **super().get_context_data(**kwargs),
            "organisations": [(o, o.pk in consented) for o in orgs],
            "municipalities": Municipality.objects.all(),
        }

    def perform(self, form):
        self.invitation = meeting_services.case_invite(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )
        messages.success(
            self.request,
            f"Inbjudan till {self.invitation.organisation.name} är registrerad: skicka den "
            f"via {self.invitation.get_channel_display().lower()}.",
        )


class ContactView(CaseStepView):
    step = "contact"
    form_class = forms.ContactForm
    title = _("Kontakt innan samverkansmöte")
    guide_template = "samverkan/guides/contact.html"
    success_message = _("Kontakten är antecknad.")

    def perform(self, form):
        meeting_services.case_record_contact(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )


class MeetingHeldView(CaseStepView):
    step = "meeting_held"
    form_class = forms.MeetingHeldForm
    title = _("Samverkansmötet")
    guide_template = "samverkan/guides/meeting.html"
    routine_step = RoutineStep.MEETING
    success_message = _("Mötet är registrerat. Anteckna nu Barnets plan.")

    def perform(self, form):
        meeting_services.case_record_meeting(
            case=self.case, actor=self.request.user, guide_confirmed=True
        )

    def get_success_url(self):
        return reverse("samverkan:plan_edit", kwargs={"pk": self.case.pk})


class PlanEditView(CaseStepView):
    """Header form plus a formset of actions; saving always makes a new version."""

    step = "plan_edit"
    form_class = forms.PlanForm
    title = _("Barnets plan")
    template_name = "samverkan/plan_form.html"
    guide_template = "samverkan/guides/plan.html"
    routine_step = RoutineStep.PLAN
    success_message = _("Barnets plan är sparad som en ny version.")

    @cached_property
    def current_plan(self):
        return current_plan(self.case)

    def get_initial(self):
        plan = self.current_plan
        if plan is None:
            return {"based_on": 0}
        fields = ("child_view", "guardians_view", "participants")
        return {**{k: getattr(plan, k) for k in fields}, "based_on": plan.number}

    def get_formset(self):
        plan = self.current_plan
        initial = [
            {
                f: getattr(i, f)
                for f in ("area", "need", "action", "organisation", "person", "due_on")
            }
            for i in (plan.items.all() if plan else [])
        ]
        data = self.request.POST if self.request.method == "POST" else None
        return forms.plan_item_formset(len(initial))(
            data, initial=initial, form_kwargs={"areas": self.case.areas.all()}, prefix="items"
        )

    def post(self, request, *args, **kwargs):
        if not self.refusal():
            try:
                self.get_formset()  # reads the posted row count before building any row
            except TooManyRows as error:
                return too_many_rows_response(request, error)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def summary_forms(self, context) -> list:
        return [*context["formset"].forms, context.get("form")]

    def form_valid(self, form):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        items = [
            PlanItemData(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            case_save_plan(
                case=self.case, actor=self.request.user, items=items, **form.cleaned_data
            )
        except PlanStale as error:
            # What they typed stays; the next save, made after reading the newer version,
            # is based on it.
            messages.error(self.request, str(error))
            data = self.request.POST.copy()
            data["based_on"] = str(error.number)
            form = forms.PlanForm(data)
            form.is_valid()
            context = self.get_context_data(form=form, formset=formset)
            context["newer_version"] = current_plan(self.case)
            return self.render_to_response(context)
        except CaseError as error:
            messages.error(self.request, str(error))
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(self.request, self.success_message)
        return redirect(self.case_url())


class FollowUpView(CaseStepView):
    step = "follow_up"
    form_class = forms.FollowUpForm
    title = _("Fortsatt samordning och samverkan")
    guide_template = "samverkan/guides/follow_up.html"
    success_message = _("Nästa samverkansmöte är bokat.")

    def get_initial(self):
        return {"coordinator": default_coordinator(current_plan(self.case))}

    def perform(self, form):
        d = form.cleaned_data
        meeting_services.case_record_follow_up(
            case=self.case,
            actor=self.request.user,
            coordinator=d["coordinator"],
            next_meeting_at=d["starts_at"],
            form=d["form"],
            room=d["room"],
            link=d["link"],
            parties_next_time=d["parties_next_time"],
        )


class WithdrawInvitationView(CaseStepView):
    form_class = forms.WithdrawInvitationForm
    title = _("Dra tillbaka inbjudan")
    success_message = _("Inbjudan är tillbakadragen. Meddela mottagaren att mötet inte gäller dem.")

    def refusal(self) -> str:
        # Not a step of the case's table: an invitation can be withdrawn while the case is open.
        return errors.CASE_CLOSED if self.case.is_closed else ""

    def get_invitation(self):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(
            self.case.invitations.select_related("organisation"), pk=self.kwargs["invitation_id"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.get_invitation()
        return context

    def perform(self, form):
        meeting_services.case_withdraw_invitation(
            case=self.case,
            actor=self.request.user,
            invitation=self.get_invitation(),
            reason=form.cleaned_data["reason"],
        )
