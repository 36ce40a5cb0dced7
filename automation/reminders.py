"""What each user is to be reminded of on a day, read from samverkan, training and readiness.

One function per kind; `reminders_for` is what the start page shows and what the daily mail
counts, so the two never disagree. A reminder's text is for the start page only (the user's own,
signed-in page): it may name a unit, a date or a case's short reference, never a child. The
e-mail says only which kinds there are (mail.py).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from checklists.models import Assessment, EventKind, RegionEvent
from organisation.models import Membership, MembershipRole
from samverkan.models import Case, Meeting, PlanItem
from training.models import Action, ActionStatus

from .models import ReminderKind, ReminderOptOut

UNIT_ROLES = (MembershipRole.FAMILJEOMBUD, MembershipRole.CHEF)
# Kinds a clinician gets (from cases they own or were added to) and kinds a familjeombud or a
# unit head gets (from their units); the settings page groups them the same way.
CASE_KINDS = (ReminderKind.MEETING_SOON, ReminderKind.PLAN_ACTIONS_DUE, ReminderKind.STALE_CASES)
UNIT_KINDS = (
    ReminderKind.TRAINING_ACTIONS_DUE,
    ReminderKind.READINESS_NOT_STARTED,
    ReminderKind.NETWORK_MEETING_SOON,
)


@dataclass(frozen=True)
class Reminder:
    kind: str
    text: str
    url: str
    overdue: bool = False

    @property
    def kind_label(self) -> str:
        return ReminderKind(self.kind).label


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def readiness_reminder_from(year: int) -> datetime.date:
    """The configured day (REMINDER_READINESS_FROM, MM-DD) from which a unit that has not
    started the year's readiness checklist is reminded."""
    month, day = (int(part) for part in settings.REMINDER_READINESS_FROM.split("-"))
    return datetime.date(year, month, day)


def _open_cases(user):
    return Case.objects.visible_to(user).open()


def meetings_soon(user, now: datetime.datetime) -> list[Reminder]:
    until = now + datetime.timedelta(days=settings.REMINDER_MEETING_DAYS)
    meetings = Meeting.objects.filter(
        case__in=_open_cases(user), held=False, starts_at__gte=now, starts_at__lt=until
    ).select_related("case")
    return [
        Reminder(
            ReminderKind.MEETING_SOON,
            _("Samverkansmöte %(when)s i ärende %(ref)s")
            % {
                "when": formats.date_format(timezone.localtime(m.starts_at), "j F Y \\k\\l. H.i"),
                "ref": m.case.short_ref,
            },
            reverse("samverkan:case_detail", kwargs={"pk": m.case_id}),
        )
        for m in meetings.order_by("starts_at")
    ]


def plan_actions_due(user, now: datetime.datetime) -> list[Reminder]:
    """Actions in each open case's current Barnets plan that are due within the configured
    days or overdue, one reminder per case."""
    today = timezone.localdate(now)
    until = today + datetime.timedelta(days=settings.REMINDER_DUE_DAYS)
    per_case = (
        PlanItem.objects.filter(
            version__case__in=_open_cases(user), version__is_current=True, due_on__lte=until
        )
        .values("version__case_id", "version__number")
        .annotate(first_due=Min("due_on"))
        .order_by("first_due", "version__case_id")
    )
    reminders = []
    for row in per_case:
        case_id, first_due = row["version__case_id"], row["first_due"]
        overdue = first_due < today
        text = (
            _("Insatser i Barnets plan för ärende %(ref)s skulle ha varit klara %(day)s")
            if overdue
            else _("Insatser i Barnets plan för ärende %(ref)s ska vara klara senast %(day)s")
        )
        reminders.append(
            Reminder(
                ReminderKind.PLAN_ACTIONS_DUE,
                text % {"ref": str(case_id)[:8].upper(), "day": _date(first_due)},
                reverse(
                    "samverkan:plan_version",
                    kwargs={"pk": case_id, "number": row["version__number"]},
                ),
                overdue=overdue,
            )
        )
    return reminders


def stale_cases(user, now: datetime.datetime) -> list[Reminder]:
    """Samverkan's own rule of a stale case (no activity for SAMVERKAN_STALE_AFTER_DAYS);
    each reminder leads to the list where the cases can be closed."""
    cases = Case.objects.visible_to(user).stale(now)
    return [
        Reminder(
            ReminderKind.STALE_CASES,
            _("Ärende %(ref)s har ingen aktivitet sedan %(day)s: avsluta det om det är klart")
            % {"ref": case.short_ref, "day": _date(timezone.localdate(case.last_activity))},
            reverse("samverkan:stale_cases"),
        )
        for case in cases
    ]


def _unit_memberships(user):
    return Membership.objects.filter(user=user, role__in=UNIT_ROLES).select_related("unit")


def training_actions_due(user, now: datetime.datetime) -> list[Reminder]:
    today = timezone.localdate(now)
    until = today + datetime.timedelta(days=settings.REMINDER_DUE_DAYS)
    units = _unit_memberships(user).values("unit_id")
    actions = (
        Action.objects.filter(session__unit__in=units, status=ActionStatus.OPEN, due_on__lte=until)
        .select_related("session__unit")
        .order_by("due_on", "pk")
    )
    return [
        Reminder(
            ReminderKind.TRAINING_ACTIONS_DUE,
            _("%(unit)s: %(what)s, klart senast %(day)s")
            % {"unit": a.session.unit.name, "what": a.what, "day": _date(a.due_on)},
            a.session.get_absolute_url(),
            overdue=a.due_on < today,
        )
        for a in actions
    ]


def readiness_not_started(user, now: datetime.datetime) -> list[Reminder]:
    today = timezone.localdate(now)
    if today < readiness_reminder_from(today.year):
        return []
    started = Assessment.objects.filter(year=today.year).values("unit_id")
    memberships = _unit_memberships(user).exclude(unit__in=started).order_by("unit__name")
    seen, reminders = set(), []
    for m in memberships:
        if m.unit_id in seen:
            continue
        seen.add(m.unit_id)
        reminders.append(
            Reminder(
                ReminderKind.READINESS_NOT_STARTED,
                _("%(unit)s har inte påbörjat beredskapschecklistan för %(year)s")
                % {"unit": m.unit.name, "year": today.year},
                reverse("checklists:unit_detail", kwargs={"pk": m.unit_id}),
            )
        )
    return reminders


def network_meeting_soon(user, now: datetime.datetime) -> list[Reminder]:
    if not _unit_memberships(user).exists():
        return []
    today = timezone.localdate(now)
    until = today + datetime.timedelta(days=settings.REMINDER_NETWORK_MEETING_DAYS)
    event = (
        RegionEvent.objects.filter(kind=EventKind.NETWORK_MEETING, date__gte=today, date__lte=until)
        .order_by("date", "pk")
        .first()
    )
    if event is None:
        return []
    return [
        Reminder(
            ReminderKind.NETWORK_MEETING_SOON,
            _("Nätverksträff %(day)s: %(title)s")
            % {"day": _date(event.date), "title": event.title},
            reverse("checklists:events"),
        )
    ]


COLLECTORS = {
    ReminderKind.MEETING_SOON: meetings_soon,
    ReminderKind.PLAN_ACTIONS_DUE: plan_actions_due,
    ReminderKind.STALE_CASES: stale_cases,
    ReminderKind.TRAINING_ACTIONS_DUE: training_actions_due,
    ReminderKind.READINESS_NOT_STARTED: readiness_not_started,
    ReminderKind.NETWORK_MEETING_SOON: network_meeting_soon,
}


def turned_off(user) -> set[str]:
    return set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))


def reminders_for(user, now: datetime.datetime | None = None) -> list[Reminder]:
    """Every reminder the user has on `now`'s day, in the order of ReminderKind, without the
    kinds they turned off."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    now = now or timezone.now()
    off = turned_off(user)
    found = []
    for kind, collect in COLLECTORS.items():
        if kind not in off:
            found.extend(collect(user, now))
    return found


def users_to_remind():
    """Everyone who could have a reminder: people with open cases and the familjeombud and
    heads of units. The mail goes only to those with an address."""
    from django.contrib.auth import get_user_model

    open_cases = Case.objects.open()
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(created_cases__in=open_cases)
            | Q(shared_cases__in=open_cases)
            | Q(unit_memberships__role__in=UNIT_ROLES)
        )
        .distinct()
        .order_by("pk")
    )
