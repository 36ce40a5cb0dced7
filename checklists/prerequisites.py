"""The role description's prerequisites for each familjeombud ("Förutsättningar för
familjeombudens uppdrag"), checked per unit so the region sees where the role is not set up.

Training days are counted up to the end of the chosen year (the description asks for two days
during the first year; a familjeombud who has not had them yet still lacks them). Network
meetings are counted within the chosen year."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from organisation.models import Membership, MembershipRole

from .models import EventAttendance, EventKind

DAYS_MIN, DAYS_MAX = 1, 4
TRAINING_DAYS = 2
NETWORK_MEETINGS = 2


@dataclass
class OmbudStatus:
    membership: Membership
    training_days: int
    network_meetings: int

    @property
    def days_per_month(self) -> int | None:
        return self.membership.days_per_month

    @property
    def lacks(self) -> list[str]:
        missing = []
        days = self.days_per_month
        if days is None or days < DAYS_MIN:
            missing.append(_("avsatt tid under 1 dag/månad"))
        if self.training_days < TRAINING_DAYS:
            missing.append(_("grundutbildning %(n)s av 2 dagar") % {"n": self.training_days})
        if self.network_meetings < NETWORK_MEETINGS:
            missing.append(_("nätverksträffar %(n)s av 2") % {"n": self.network_meetings})
        return missing


def _attendance_count(**event_filter):
    sub = (
        EventAttendance.objects.filter(user=OuterRef("user_id"), **event_filter)
        .order_by()
        .values("user")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def familjeombud_by_unit(unit_ids, year: int) -> dict[int, list[OmbudStatus]]:
    """One query for any number of units."""
    end_of_year = datetime.date(year, 12, 31)
    memberships = (
        Membership.objects.filter(unit_id__in=unit_ids, role=MembershipRole.FAMILJEOMBUD)
        .select_related("user")
        .annotate(
            training=_attendance_count(
                event__kind=EventKind.BASIC_TRAINING, event__date__lte=end_of_year
            ),
            meetings=_attendance_count(
                event__kind=EventKind.NETWORK_MEETING, event__date__year=year
            ),
        )
        .order_by("unit_id", "user__username")
    )
    result: dict[int, list[OmbudStatus]] = defaultdict(list)
    for m in memberships:
        result[m.unit_id].append(OmbudStatus(m, m.training, m.meetings))
    return result


def unit_flags(statuses: list[OmbudStatus]) -> list[str]:
    """What the dashboard shows for one unit; empty when every familjeombud has what they need."""
    if not statuses:
        return [_("saknar familjeombud")]
    flags = []
    for s in statuses:
        name = s.membership.user.get_full_name() or s.membership.user.get_username()
        flags.extend(f"{name}: {lack}" for lack in s.lacks)
    return flags
