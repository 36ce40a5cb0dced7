"""Who reaches a training page: sessions and units others may not see answer 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from ..models import Action, TrainingSession, units_with_sessions_visible_to
from ..selectors import sessions_for
from ..services import TrainingError, can_plan


class UnitScopedMixin(LoginRequiredMixin):
    def get_unit(self):
        if not hasattr(self, "_unit"):
            units = units_with_sessions_visible_to(self.request.user)
            self._unit = get_object_or_404(units, pk=self.kwargs["unit_pk"])
        return self._unit


class SessionMixin(LoginRequiredMixin):
    def get_session(self) -> TrainingSession:
        if not hasattr(self, "_session"):
            self._session = get_object_or_404(sessions_for(self.request.user), pk=self.kwargs["pk"])
        return self._session


class PlannerFormMixin:
    """A form page only planners can use; other viewers of the unit get 403."""

    def require_planner(self, unit) -> None:
        if not can_plan(self.request.user, unit):
            raise PermissionDenied


class ServicePostView(SessionMixin, View):
    """POST-only step of the plan: call the service, show its message, back to the plan."""

    http_method_names = ["post"]
    success_message = ""

    def perform(self, session):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        try:
            self.perform(session)
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return redirect(self.redirect_url(session))

    def redirect_url(self, session) -> str:
        return session.get_absolute_url() + "#plan"


def visible_action(user, pk) -> Action:
    return get_object_or_404(
        Action.objects.select_related("session__unit").filter(
            session__in=TrainingSession.objects.visible_to(user)
        ),
        pk=pk,
    )
