"""After the session: record it, cancel or re-plan it, and close the agreed actions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.formsets import TooManyRows, too_many_rows_response

from ..forms import ActionFormSet, CancelForm, RecordForm
from ..models import ItemKind
from ..selectors import checklist_items_for
from ..services import (
    ActionInput,
    TrainingError,
    action_mark_done,
    action_reopen,
    can_plan,
    session_cancel,
    session_record_outcome,
    session_reinstate,
)
from .base import SessionMixin, visible_action

FORM_HAS_ERRORS = "Formuläret innehåller fel. Rätta de markerade fälten och spara igen."


class RecordView(SessionMixin, TemplateView):
    template_name = "training/record_form.html"

    def forms(self, data=None):
        session = self.get_session()
        if not can_plan(self.request.user, session.unit):
            raise PermissionDenied
        questions = [i for i in session.items.all() if i.kind == ItemKind.QUESTION]
        initial = {"participants": session.participants, "summary": session.summary}
        form = RecordForm(data, question_items=questions, initial=initial)
        items = checklist_items_for(session)
        actions = ActionFormSet(data, prefix="atgard", form_kwargs={"checklist_items": items})
        return form, actions

    def get_context_data(self, **kwargs):
        form, actions = kwargs.pop("forms", None) or self.forms()
        session = self.get_session()
        return super().get_context_data(
            session=session, unit=session.unit, form=form, action_forms=actions, **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            form, actions = self.forms(request.POST)
        except TooManyRows as error:
            return too_many_rows_response(request, error)
        session = self.get_session()
        try:
            if not (form.is_valid() and actions.is_valid()):
                raise TrainingError(FORM_HAS_ERRORS)
            session_record_outcome(
                session=session,
                by=request.user,
                participants=form.cleaned_data["participants"],
                summary=form.cleaned_data["summary"],
                notes=form.notes(),
                actions=[
                    ActionInput(
                        what=a.get("what", ""),
                        who=a.get("who", ""),
                        due_on=a.get("due_on"),
                        checklist_item_id=getattr(a.get("checklist_item"), "pk", None),
                    )
                    for a in actions.cleaned_data
                ],
            )
        except TrainingError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(forms=(form, actions)), status=400)
        messages.success(request, _("Tillfället är dokumenterat."))
        return redirect(session.get_absolute_url() + "#dokumentation")


class ConfirmView(SessionMixin, TemplateView):
    """GET asks, POST does: one subclass per session transition."""

    template_name = "training/confirm.html"
    question = ""
    button = ""
    done_message = ""
    with_reason = False

    def get_context_data(self, **kwargs):
        session = self.get_session()
        if not can_plan(self.request.user, session.unit):
            raise PermissionDenied
        return super().get_context_data(
            session=session,
            unit=session.unit,
            view=self,
            form=CancelForm() if self.with_reason else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        try:
            self.transition(session)
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done_message)
        return redirect(session.get_absolute_url())


class CancelView(ConfirmView):
    question = _("Vill du ställa in tillfället?")
    button = _("Ställ in tillfället")
    done_message = _("Tillfället är inställt.")
    with_reason = True

    def transition(self, session):
        form = CancelForm(self.request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        session_cancel(session=session, by=self.request.user, reason=reason)


class ReinstateView(ConfirmView):
    question = _("Vill du planera tillfället igen?")
    button = _("Planera igen")
    done_message = _("Tillfället är planerat igen.")

    def transition(self, session):
        session_reinstate(session=session, by=self.request.user)


class ActionTransitionView(LoginRequiredMixin, TemplateView):
    template_name = "training/action_confirm.html"
    service = None
    question = ""
    button = ""
    done_message = ""

    def get_context_data(self, **kwargs):
        action = visible_action(self.request.user, self.kwargs["pk"])
        if not can_plan(self.request.user, action.session.unit):
            raise PermissionDenied
        return super().get_context_data(action=action, view=self, **kwargs)

    def post(self, request, *args, **kwargs):
        action = visible_action(request.user, self.kwargs["pk"])
        try:
            type(self).service(action=action, by=request.user)
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done_message)
        if request.POST.get("tillbaka") == "enhet":
            return redirect(action.session.unit.get_absolute_url() + "#atgarder")
        return redirect(action.session.get_absolute_url() + "#atgarder")


class ActionDoneView(ActionTransitionView):
    service = action_mark_done
    question = _("Är åtgärden klar?")
    button = _("Markera som klar")
    done_message = _("Åtgärden är markerad som klar.")


class ActionReopenView(ActionTransitionView):
    service = action_reopen
    question = _("Vill du öppna åtgärden igen?")
    button = _("Öppna igen")
    done_message = _("Åtgärden är öppen igen.")
