"""The reminder e-mail and its one-a-day rule.

E-mail is not a safe channel for anything about a child or a case, so the message is built from
the kinds' fixed labels and two links only: never a reminder's text, a date, a case reference, a
unit or a title (reminders.py's texts are for the signed-in start page). A user gets at most one
reminder message a day: ReminderMail's unique key (user, day) is claimed before sending.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ReminderKind, ReminderMail
from .reminders import reminders_for, users_to_remind

logger = logging.getLogger("automation.mail")

REMINDER_SUBJECT = "Påminnelse från Familjeombudsportalen"


def site_link(path: str) -> str:
    return settings.SITE_URL + path


def reminder_body(kinds: list[str]) -> str:
    lines = [
        _("Hej!"),
        "",
        _("Det finns något att titta på i Familjeombudsportalen:"),
        *[f"- {ReminderKind(kind).label}" for kind in kinds],
        "",
        _("Logga in och se vad det gäller på startsidan:"),
        site_link(reverse("home")),
        "",
        _(
            "Av säkerhetsskäl står inga uppgifter om barn, ärenden eller verksamheter i "
            "det här meddelandet."
        ),
        _("Du kan stänga av påminnelser här:"),
        site_link(reverse("automation:settings")),
    ]
    return "\n".join(lines)


def reminder_message(user, kinds: list[str]) -> EmailMessage:
    return EmailMessage(
        REMINDER_SUBJECT, reminder_body(kinds), settings.DEFAULT_FROM_EMAIL, [user.email]
    )


def _kinds_in_order(reminders) -> list[str]:
    found = {r.kind for r in reminders}
    return [kind for kind in ReminderKind.values if kind in found]


def deliver_reminders(now: datetime.datetime, *, stale_list: bool) -> str:
    """Sends each user who has something to look at their one message of the day.

    stale_list: the weekly run, for the users who have open cases nobody has changed in a long
    time (their message names every kind they have); the daily run leaves that kind out.
    A failed send is logged and leaves its day's row unsent, so the job's retry sends it and
    nobody gets two. Returns a short summary; raises when some message could not be sent.
    """
    day = timezone.localdate(now)
    sent = failed = 0
    for user in users_to_remind():
        reminders = reminders_for(user, now)
        if stale_list:
            if not any(r.kind == ReminderKind.STALE_CASES for r in reminders):
                continue
        else:
            reminders = [r for r in reminders if r.kind != ReminderKind.STALE_CASES]
        if not reminders:
            continue
        kinds = _kinds_in_order(reminders)
        row = _claim(user, day, kinds)
        if row is None:
            continue
        try:
            reminder_message(user, kinds).send()
        except OSError as error:  # smtplib's errors and refused connections
            failed += 1
            reason = type(error).__name__
            logger.warning("Påminnelse till användare %s kunde inte skickas (%s)", user.pk, reason)
            continue
        ReminderMail.objects.filter(pk=row.pk).update(sent_at=timezone.now())
        sent += 1
    if failed:
        raise ReminderMailFailed(f"{failed} påminnelser kunde inte skickas, {sent} skickade")
    return f"{sent} påminnelser skickade"


class ReminderMailFailed(Exception):
    pass


def _claim(user, day: datetime.date, kinds: list[str]) -> ReminderMail | None:
    """The day's row for the user, or None when a message already went out that day."""
    try:
        with transaction.atomic():
            return ReminderMail.objects.create(user=user, day=day, kinds=kinds)
    except IntegrityError:
        row = ReminderMail.objects.get(user=user, day=day)
        if row.sent_at is not None:
            return None
        row.kinds = kinds
        row.save(update_fields=["kinds"])
        return row
