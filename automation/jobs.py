"""The scheduled jobs' bodies. Each takes the moment it runs for (`now`), so a test moves the
clock by passing it, and returns a short summary for its run record. None of them writes a
personal detail to a log, a run record or an e-mail."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone

from familjeombud.auditlog.review import REVIEW_PERMISSION, findings
from samverkan.management.commands.purge_cases import purge_closed_cases

from .mail import deliver_reminders, site_link

logger = logging.getLogger("automation.jobs")

LOG_REVIEW_SUBJECT = "Logguppföljning för {month}"


def purge_cases(now: datetime.datetime) -> str:
    count = purge_closed_cases(now)
    return f"{count} avslutade ärenden raderade"


def stale_cases(now: datetime.datetime) -> str:
    return deliver_reminders(now, stale_list=True)


def reminders(now: datetime.datetime) -> str:
    return deliver_reminders(now, stale_list=False)


def previous_month(now: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    first_this = timezone.localdate(now).replace(day=1)
    last = first_this - datetime.timedelta(days=1)
    return last.replace(day=1), last


def log_reviewers():
    """Those whose role is to review the log: the permission through a group or their own
    account (superusers have every permission and are not reviewers for that)."""
    return (
        get_user_model()
        .objects.with_perm(
            REVIEW_PERMISSION,
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def log_review_body(*, month: str, found: int, pending: int, since: datetime.date) -> str:
    link = site_link(reverse("auditlog:review_list")) + f"?fran={since:%Y-%m-%d}"
    return "\n".join(
        [
            "Hej!",
            "",
            f"Logguppföljningen för {month} är klar att granska: {found} fynd, "
            f"varav {pending} inte granskade.",
            "",
            "Granska och kvittera fynden i portalen:",
            link,
            "",
            "Av säkerhetsskäl står inga användare, ärenden eller uppgifter om barn i det här "
            "meddelandet.",
        ]
    )


def log_review_report(now: datetime.datetime) -> str:
    first, last = previous_month(now)
    found = findings(since=first, until=last)
    pending = sum(1 for f in found if f.review is None)
    month = formats.date_format(first, "F Y")
    recipients = [user.email for user in log_reviewers()]
    if not recipients:
        logger.warning("Logguppföljningen för %s har ingen mottagare med e-postadress", month)
        return f"{len(found)} fynd, ingen mottagare"
    body = log_review_body(month=month, found=len(found), pending=pending, since=first)
    # One message per reviewer, so that no reviewer's address is shown to the others.
    for address in recipients:
        EmailMessage(
            LOG_REVIEW_SUBJECT.format(month=month), body, settings.DEFAULT_FROM_EMAIL, [address]
        ).send()
    return f"{len(found)} fynd, {pending} ej granskade, till {len(recipients)} granskare"
