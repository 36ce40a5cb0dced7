"""A familjeombud's own prerequisites: time set aside and the region's meetings attended."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from organisation.models import Membership, MembershipRole, Unit

from ..forms import DaysForm
from ..models import EventAttendance, RegionEvent
from ..prerequisites import (
    DAYS_MAX,
    DAYS_MIN,
    NETWORK_MEETINGS,
    TRAINING_DAYS,
    familjeombud_by_unit,
)
from ..selectors import current_year
from ..services import (
    DAYS_OUT_OF_RANGE,
    ReadinessError,
    event_register_attendance,
    event_unregister_attendance,
    membership_set_days_per_month,
)


class FamiljeombudMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not Membership.objects.filter(
                user=request.user, role=MembershipRole.FAMILJEOMBUD
            ).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EventListView(FamiljeombudMixin, TemplateView):
    template_name = "checklists/events.html"

    def get_context_data(self, **kwargs):
        user, year = self.request.user, current_year()
        memberships = Membership.objects.filter(user=user, role=MembershipRole.FAMILJEOMBUD)
        status = familjeombud_by_unit(memberships.values("unit_id"), year)
        mine = [
            s for statuses in status.values() for s in statuses if s.membership.user_id == user.pk
        ]
        events = (
            RegionEvent.objects.filter(date__gte=datetime.date(year - 1, 1, 1))
            .annotate(
                attended=Exists(EventAttendance.objects.filter(event=OuterRef("pk"), user=user))
            )
            .order_by("-date")
        )
        return {**super().get_context_data(**kwargs), "year": year, "mine": mine,
                "events": events, "today": datetime.date.today(), "days_min": DAYS_MIN,
                "days_max": DAYS_MAX, "training_days": TRAINING_DAYS,
                "network_meetings": NETWORK_MEETINGS}  # fmt: skip


class EventAttendView(FamiljeombudMixin, TemplateView):
    """GET confirms, POST registers (or with leave=1 removes) the user's own attendance."""

    template_name = "checklists/event_confirm.html"

    def get_context_data(self, **kwargs):
        event = get_object_or_404(RegionEvent, pk=self.kwargs["pk"])
        attended = event.attendances.filter(user=self.request.user).exists()
        return {**super().get_context_data(**kwargs), "event": event, "attended": attended}

    def post(self, request, *args, **kwargs):
        event = get_object_or_404(RegionEvent, pk=kwargs["pk"])
        try:
            if request.POST.get("leave"):
                event_unregister_attendance(event=event, user=request.user)
                messages.success(request, _("Ditt deltagande är borttaget."))
            else:
                event_register_attendance(event=event, user=request.user)
                messages.success(request, _("Ditt deltagande är registrerat."))
        except ReadinessError as error:
            messages.error(request, str(error))
        return redirect("checklists:events")


class DaysUpdateView(LoginRequiredMixin, TemplateView):
    """Time set aside for one familjeombud membership; GET shows the form on its own."""

    template_name = "checklists/days_form.html"

    def get_membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("unit", "user").filter(
                unit__in=Unit.objects.visible_to(self.request.user),
                role=MembershipRole.FAMILJEOMBUD,
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        membership = self.get_membership()
        form = DaysForm(initial={"days": membership.days_per_month})
        return {**super().get_context_data(**kwargs), "membership": membership, "form": form}

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        form = DaysForm(request.POST)
        try:
            if not form.is_valid():
                raise ReadinessError(DAYS_OUT_OF_RANGE)
            membership_set_days_per_month(
                membership=membership, days=form.cleaned_data["days"], by=request.user
            )
        except ReadinessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Den avsatta tiden är sparad."))
        if request.POST.get("next_unit"):
            return redirect("checklists:unit_detail", pk=membership.unit_id)
        return redirect("checklists:events")
