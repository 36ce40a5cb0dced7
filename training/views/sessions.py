"""Listing, planning and showing sessions; the agenda as a page and as a PDF."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from core.pdf import render_pdf
from organisation.models import Membership, MembershipRole

from ..forms import MinutesForm, OwnItemForm, SessionForm
from ..models import ItemKind, SessionStatus
from ..selectors import open_actions, package_for, unit_index, unit_sessions
from ..services import TrainingError, can_plan, session_plan, session_update_plan
from ..timing import session_agenda
from .base import PlannerFormMixin, SessionMixin, UnitScopedMixin


def is_familjeombud(user) -> bool:
    return Membership.objects.filter(user=user, role=MembershipRole.FAMILJEOMBUD).exists()


class UnitIndexView(LoginRequiredMixin, ListView):
    template_name = "training/unit_index.html"
    context_object_name = "units"
    paginate_by = 50

    def get_queryset(self):
        return unit_index(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_familjeombud=is_familjeombud(self.request.user), **kwargs
        )


class UnitSessionsView(UnitScopedMixin, TemplateView):
    template_name = "training/unit_sessions.html"

    def get_context_data(self, **kwargs):
        unit = self.get_unit()
        today = timezone.localdate()
        sessions = list(unit_sessions(unit))
        years = sorted({s.date.year for s in sessions} | {today.year}, reverse=True)
        return super().get_context_data(
            unit=unit,
            sessions=sessions,
            years=years,
            year=today.year,
            actions=list(open_actions(unit.pk)),
            today=today,
            can_plan=can_plan(self.request.user, unit),
            is_familjeombud=is_familjeombud(self.request.user),
            **kwargs,
        )


class SessionCreateView(UnitScopedMixin, PlannerFormMixin, FormView):
    template_name = "training/session_form.html"
    form_class = SessionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.require_planner(self.get_unit())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.get_unit(), **kwargs)

    def form_valid(self, form):
        try:
            session = session_plan(unit=self.get_unit(), by=self.request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Tillfället är planerat. Lägg till punkter nedan."))
        return redirect(session.get_absolute_url() + "#lagg-till")


class SessionUpdateView(SessionMixin, PlannerFormMixin, FormView):
    template_name = "training/session_form.html"
    form_class = SessionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.require_planner(self.get_session().unit)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        s = self.get_session()
        return {
            "title": s.title,
            "date": s.date,
            "start_time": s.start_time,
            "areas": list(s.areas.all()),
        }

    def get_context_data(self, **kwargs):
        session = self.get_session()
        return super().get_context_data(unit=session.unit, session=session, **kwargs)

    def form_valid(self, form):
        session = self.get_session()
        try:
            session_update_plan(session=session, by=self.request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Tillfället är ändrat."))
        return redirect(session.get_absolute_url())


class SessionDetailView(SessionMixin, TemplateView):
    """The plan: agenda with times, reordering and adding; after the session, its record."""

    template_name = "training/session_detail.html"

    def get_context_data(self, **kwargs):
        session = self.get_session()
        planner = can_plan(self.request.user, session.unit)
        editable = planner and session.status == SessionStatus.PLANNED
        return super().get_context_data(
            session=session,
            unit=session.unit,
            agenda=session_agenda(session),
            can_plan=planner,
            editable=editable,
            today=timezone.localdate(),
            package=package_for(session) if editable else [],
            own_form=OwnItemForm(),
            minutes_form=MinutesForm(),
            **kwargs,
        )


class AgendaView(SessionMixin, TemplateView):
    """The hand-out: the same template on screen, in print and in the PDF."""

    template_name = "training/agenda.html"

    def get_context_data(self, **kwargs):
        session = self.get_session()
        return super().get_context_data(
            session=session,
            unit=session.unit,
            agenda=session_agenda(session),
            questions=[i for i in session.items.all() if i.kind == ItemKind.QUESTION],
            **kwargs,
        )


class AgendaPdfView(AgendaView):
    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        html = render_to_string(self.template_name, {**context, "pdf": True}, request=request)
        session = context["session"]
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        filename = f"agenda-{session.date:%Y-%m-%d}-{session.pk}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
