"""Transitions of an accessibility report. The form view and admin call these and nothing else
writes a report, so throttling, the status table and the mail are applied in one place."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from familjeombud.models import REPORT_TRANSITIONS, AccessibilityReport, ReportStatus

logger = logging.getLogger(__name__)

REPORTS_PER_HOUR = 5
THROTTLE_SECONDS = 60 * 60

MSG_THROTTLED = N_(
    "Du har skickat många meddelanden på kort tid. Vänta en stund och försök igen, "
    "eller kontakta oss på annat sätt."
)
MSG_TRANSITION_REFUSED = N_("Statusen kan inte ändras från {current} till {target}.")


class ReportError(Exception):
    """A domain refusal; its message is shown to the user as is."""


class ReportThrottled(ReportError):
    pass


def _throttle_key(client_ip: str) -> str:
    # The address itself is never stored, only a hash that lives an hour in the cache.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip}".encode()).hexdigest()
    return f"a11y-report:{digest[:32]}"


def report_throttle_check(*, client_ip: str) -> None:
    """Counts one attempt from this address; refuses once the hour's quota is used."""
    key = _throttle_key(client_ip)
    cache.add(key, 0, THROTTLE_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, THROTTLE_SECONDS)
        count = 1
    if count > REPORTS_PER_HOUR:
        raise ReportThrottled(_(MSG_THROTTLED))


def report_submit(
    *,
    page: str,
    description: str,
    email: str,
    reports_problem: bool,
    wants_accessible_version: bool,
) -> AccessibilityReport:
    with transaction.atomic():
        report = AccessibilityReport.objects.create(
            page=page,
            description=description,
            email=email,
            reports_problem=reports_problem,
            wants_accessible_version=wants_accessible_version,
        )
    if getattr(settings, "ACCESSIBILITY_REPORT_EMAIL", ""):
        # Through the queue: a slow or absent mail server never holds up the visitor's page.
        # Only the report's number is queued; the worker reads the report itself.
        from .tasks import mail_accessibility_report

        mail_accessibility_report.enqueue(report.pk)
    return report


def mail_report(report: AccessibilityReport) -> None:
    """Sends the report to ACCESSIBILITY_REPORT_EMAIL; run by a queue worker. A refused or
    failed send raises, so the queue records the task as failed (the report stays in admin)."""
    recipient = getattr(settings, "ACCESSIBILITY_REPORT_EMAIL", "")
    if not recipient:
        return
    kinds = []
    if report.reports_problem:
        kinds.append(_("Meddelar brist i tillgängligheten"))
    if report.wants_accessible_version:
        kinds.append(_("Vill ha innehåll i tillgänglig version"))
    body = "\n".join(
        [
            _("Ett meddelande har kommit via tillgänglighetsredogörelsen."),
            "",
            _("Gäller: %(kinds)s") % {"kinds": ", ".join(kinds)},
            _("Sida: %(page)s") % {"page": report.page},
            _("E-post för svar: %(email)s") % {"email": report.email or _("(ingen)")},
            "",
            report.description,
            "",
            _("Ärendet finns i administrationen som meddelad brist nr %(pk)s.") % {"pk": report.pk},
        ]
    )
    try:
        send_mail(
            _("Meddelad brist i tillgängligheten (nr %(pk)s)") % {"pk": report.pk},
            body,
            settings.DEFAULT_FROM_EMAIL,
            [recipient],
        )
    except OSError as error:
        # The report is stored and listed in admin; the failed task shows in the queue.
        logger.error(
            "Kunde inte skicka e-post om meddelad brist nr %s (%s)", report.pk, type(error).__name__
        )
        raise


def _transition(
    *, report: AccessibilityReport, target: str, by: str, changes: dict | None = None
) -> None:
    if target not in REPORT_TRANSITIONS[report.status]:
        raise ReportError(
            MSG_TRANSITION_REFUSED.format(
                current=ReportStatus(report.status).label, target=ReportStatus(target).label
            )
        )
    changes = {"status": target, "handled_by": by, **(changes or {})}
    with transaction.atomic():
        for field, value in changes.items():
            setattr(report, field, value)
        report.save(update_fields=list(changes))


def report_mark_answered(
    *, report: AccessibilityReport, by: str, on: datetime.date | None = None
) -> None:
    _transition(
        report=report,
        target=ReportStatus.ANSWERED,
        by=by,
        changes={"answered_on": on or timezone.localdate()},
    )


def report_mark_fixed(*, report: AccessibilityReport, by: str) -> None:
    _transition(report=report, target=ReportStatus.FIXED, by=by)
