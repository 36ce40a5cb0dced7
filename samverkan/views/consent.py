"""Withdrawing consent: the form, a confirmation page that shows what will follow, and marking
that the people concerned have been told."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from samverkan import forms
from samverkan.models import RoutineStep
from samverkan.services import cases as case_services
from samverkan.services import consent as consent_services
from samverkan.services import errors
from samverkan.services.errors import CaseError

from .base import CaseStepView


class ConsentWithdrawView(CaseStepView):
    """POST without `confirm` tries the withdrawal and rolls it back, to show on a confirmation
    page exactly what the service would do (the same function, not a second account of it);
    POST with `confirm` records it."""

    step = "consent_withdraw"
    form_class = forms.ConsentWithdrawalForm
    title = _("Återkalla samtycke")
    template_name = "samverkan/consent_withdraw.html"
    guide_template = "samverkan/guides/consent.html"
    routine_step = RoutineStep.CONSENT

    @cached_property
    def held(self):
        return case_services.active_consents(self.case)

    def get_form_kwargs(self):
        ids = {o.pk for c in self.held for o in c.current_organisations}
        return {**super().get_form_kwargs(), "case": self.case, "organisation_ids": ids}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["held"] = self.held
        return context

    def withdraw(self, form):
        d = form.cleaned_data
        return consent_services.case_withdraw_consent(
            case=self.case,
            actor=self.request.user,
            guardian=d["guardian"],
            by_youth=d["by_youth"],
            wholly=d["wholly"],
            organisations=list(d["organisations"]),
            withdrawn_on=d["withdrawn_on"],
            method=d["method"],
        )

    def form_valid(self, form):
        if "edit" in self.request.POST:  # back from the confirmation, with what was chosen
            return self.render_to_response(self.get_context_data(form=form))
        if "confirm" not in self.request.POST:
            return self.confirmation(form)
        try:
            outcome = self.withdraw(form)
        except CaseError as error:
            messages.error(self.request, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Återkallelsen av samtycket är registrerad."))
        messages.warning(self.request, consent_services.inform_message(outcome.withdrawal))
        if outcome.back_to_consent:
            messages.warning(self.request, errors.CONSENT_WITHDRAWN_BACK_TO_CONSENT)
        return redirect(self.case_url())

    def confirmation(self, form):
        try:
            with transaction.atomic():
                outcome = self.withdraw(form)
                transaction.set_rollback(True)
        except CaseError as error:
            messages.error(self.request, str(error))
            return self.form_invalid(form)
        finally:
            self.case.refresh_from_db(fields=["state"])
        context = self.get_context_data(form=form)
        context["outcome"] = outcome
        context["inform_message"] = consent_services.inform_message(outcome.withdrawal)
        context["back_message"] = (
            errors.CONSENT_WITHDRAWAL_WILL_RETURN if outcome.back_to_consent else ""
        )
        context["giver"] = consent_services.party_name(self.case, form.cleaned_data["guardian"])
        context["posted"] = [
            (name, value)
            for name in self.request.POST
            if name not in ("csrfmiddlewaretoken", "confirm", "edit")
            for value in self.request.POST.getlist(name)
        ]
        self.template_name = "samverkan/consent_withdraw_confirm.html"
        return self.render_to_response(context)


class ConsentInformedView(CaseStepView):
    form_class = forms.InformedForm
    title = _("De berörda är meddelade")
    template_name = "samverkan/consent_informed.html"
    success_message = _("Markerat: de berörda är meddelade om det återkallade samtycket.")

    def refusal(self) -> str:
        return consent_services.informed_refusal(self.case)

    def get_withdrawal(self):
        return get_object_or_404(self.case.consent_withdrawals, pk=self.kwargs["withdrawal_id"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        withdrawal = self.get_withdrawal()
        context["withdrawal"] = withdrawal
        context["inform_message"] = consent_services.inform_message(withdrawal)
        return context

    def perform(self, form):
        consent_services.case_mark_informed(
            case=self.case, actor=self.request.user, withdrawal=self.get_withdrawal()
        )
