"""Systematic log review: the findings a reviewer must look at, computed from the case audit log
and django-axes' login records, and the append-only reviews of them.

A finding is not stored; it is recomputed from the logs each time and named by a stable key,
so a review (stored) attaches to the same finding however often the page is opened:
``entry:<audit id>`` for a break-glass access or a refused attempt, ``daily:<user>:<date>:<action>``
for unusually many views or exports by one user in a day, ``login:<axes access log id>`` for a
login by an account that was locked out in the 24 hours before, ``signin:<sign-in event id>``
for a sign-in with an emergency account (password and one-time code instead of the region's).
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import SignInEvent, SignInOutcome
from familjeombud.logging import mask_personnummer
from familjeombud.models import AuditReview, FindingKind
from samverkan.models import AuditAction, AuditEntry

logger = logging.getLogger("familjeombud.auditlog")

REVIEW_PERMISSION = "familjeombud.review_audit_log"


DEFAULT_DAILY_THRESHOLD = 50
LOCKOUT_LOOKBACK = datetime.timedelta(hours=24)

REVIEW_NOT_ALLOWED = "Du har inte behörighet att granska loggar."
REVIEW_COMMENT_REQUIRED = "Skriv en kommentar om vad granskningen kom fram till."
REVIEW_NOT_FOUND = "Fyndet finns inte i loggen."
REVIEW_ALREADY_DONE = "Fyndet är redan granskat. En granskning kan inte ändras."
COMMENT_MAX = 2000
REVIEW_COMMENT_TOO_LONG = f"Kommentaren får vara högst {COMMENT_MAX} tecken."
# A NUL character cannot be stored in PostgreSQL; text forms refuse it too (Django's
# ProhibitNullCharactersValidator), this post has no form.
REVIEW_COMMENT_INVALID = "Kommentaren innehåller ett tecken som inte kan sparas. Skriv om den."

DAILY_ACTIONS = (AuditAction.VIEWED, AuditAction.EXPORTED)


class ReviewError(Exception):
    pass


@dataclass
class Finding:
    key: str
    kind: str
    when: datetime.datetime
    username: str
    case_ref: object
    description: str
    review: AuditReview | None = None

    @property
    def kind_label(self) -> str:
        return FindingKind(self.kind).label

    def summary(self) -> str:
        when = timezone.localtime(self.when).strftime("%Y-%m-%d %H:%M")
        return f"{when} · {self.kind_label} · {self.username} · {self.description}"


def may_review(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(REVIEW_PERMISSION)


def daily_threshold() -> int:
    return getattr(settings, "AUDIT_DAILY_VIEW_THRESHOLD", DEFAULT_DAILY_THRESHOLD)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _flagged_entries(period: Q) -> list[Finding]:
    entries = AuditEntry.objects.filter(
        period, action__in=[AuditAction.BREAK_GLASS, AuditAction.REFUSED]
    ).only("who_username", "when", "case_ref", "action", "detail")
    return [
        Finding(
            key=f"entry:{e.pk}",
            kind=FindingKind.BREAK_GLASS
            if e.action == AuditAction.BREAK_GLASS
            else FindingKind.REFUSED,
            when=e.when,
            username=e.who_username,
            case_ref=e.case_ref,
            description=mask_personnummer(e.detail),
        )
        for e in entries
    ]


def _daily_volumes(period: Q) -> list[Finding]:
    threshold = daily_threshold()
    counts = (
        AuditEntry.objects.filter(period, action__in=DAILY_ACTIONS)
        .annotate(day=TruncDate("when"))
        .values("who_username", "day", "action")
        .annotate(n=Count("id"))
        .filter(n__gt=threshold)
        .order_by()
    )
    findings = []
    for c in counts:
        label = AuditAction(c["action"]).label.lower()
        findings.append(
            Finding(
                key=f"daily:{c['who_username']}:{c['day']:%Y-%m-%d}:{c['action']}",
                kind=FindingKind.DAILY_VOLUME,
                when=_start_of(c["day"]),
                username=c["who_username"],
                case_ref=None,
                description=f"{c['n']} händelser ({label}) på en dag; gränsen är {threshold}.",
            )
        )
    return findings


def _logins_after_lockout(start, end) -> list[Finding]:
    """A successful login of an account that was locked out shortly before: the password may
    have been guessed once the lockout expired. Lockouts come from the failure log (kept after
    a successful login resets the attempts) and from attempts still over the limit."""
    window = Q(attempt_time__gte=start - LOCKOUT_LOOKBACK) & (
        Q(attempt_time__lt=end) if end else Q()
    )
    lockouts = defaultdict(list)
    for username, at in AccessFailureLog.objects.filter(window, locked_out=True).values_list(
        "username", "attempt_time"
    ):
        lockouts[username].append(at)
    limit = getattr(settings, "AXES_FAILURE_LIMIT", 3)
    for username, at in AccessAttempt.objects.filter(
        window, failures_since_start__gte=limit
    ).values_list("username", "attempt_time"):
        lockouts[username].append(at)
    logins = AccessLog.objects.filter(
        Q(attempt_time__gte=start) & (Q(attempt_time__lt=end) if end else Q()),
        username__in=list(lockouts),
    ).only("username", "attempt_time", "ip_address")
    findings = []
    for login in logins:
        before = [
            at
            for at in lockouts[login.username]
            if login.attempt_time - LOCKOUT_LOOKBACK <= at <= login.attempt_time
        ]
        if before:
            last = timezone.localtime(max(before)).strftime("%Y-%m-%d %H:%M")
            findings.append(
                Finding(
                    key=f"login:{login.pk}",
                    kind=FindingKind.LOGIN_AFTER_LOCKOUT,
                    when=login.attempt_time,
                    username=login.username or "",
                    case_ref=None,
                    description=f"Inloggning från {login.ip_address or 'okänd adress'}; "
                    f"kontot spärrades {last}.",
                )
            )
    return findings


def _emergency_sign_ins(period: Q) -> list[Finding]:
    events = SignInEvent.objects.filter(
        period, emergency=True, outcome=SignInOutcome.SIGNED_IN
    ).only("username", "when", "method", "ip_address")
    return [
        Finding(
            key=f"signin:{e.pk}",
            kind=FindingKind.EMERGENCY_SIGN_IN,
            when=e.when,
            username=e.username,
            case_ref=None,
            description=f"Nödkonto inloggat med {e.get_method_display().lower()} "
            f"från {e.ip_address or 'okänd adress'}.",
        )
        for e in events
    ]


def findings(*, since: datetime.date, until: datetime.date | None = None) -> list[Finding]:
    """Everything in [since, until] (whole days in the portal's time zone), oldest first, each
    with its review if it has one."""
    start = _start_of(since)
    end = _start_of(until + datetime.timedelta(days=1)) if until else None
    period = Q(when__gte=start) & (Q(when__lt=end) if end else Q())
    found = (
        _flagged_entries(period)
        + _daily_volumes(period)
        + _logins_after_lockout(start, end)
        + _emergency_sign_ins(period)
    )
    found.sort(key=lambda f: (f.when, f.key))
    reviews = AuditReview.objects.filter(finding_key__in=[f.key for f in found])
    by_key = {r.finding_key: r for r in reviews}
    for finding in found:
        finding.review = by_key.get(finding.key)
    return found


def _day_of(key: str) -> datetime.date | None:
    kind, _, rest = key.partition(":")
    try:
        if kind == "entry":
            at = AuditEntry.objects.filter(pk=int(rest)).values_list("when", flat=True).first()
        elif kind == "login":
            at = AccessLog.objects.filter(pk=int(rest)).values_list("attempt_time", flat=True)
            at = at.first()
        elif kind == "signin":
            at = SignInEvent.objects.filter(pk=int(rest)).values_list("when", flat=True).first()
        elif kind == "daily":
            return datetime.date.fromisoformat(rest.rsplit(":", 2)[1])
        else:
            return None
    except (ValueError, IndexError):
        return None
    return timezone.localdate(at) if at else None


def find_finding(key: str) -> Finding | None:
    day = _day_of(key)
    if day is None:
        return None
    return next((f for f in findings(since=day, until=day) if f.key == key), None)


def audit_review_mark(*, actor, key: str, comment: str) -> AuditReview:
    """Record that a finding was reviewed. The row is the log of the review and is never
    changed; a second review of the same finding is refused."""
    comment = comment.strip()
    if not may_review(actor):
        raise ReviewError(REVIEW_NOT_ALLOWED)
    if not comment:
        raise ReviewError(REVIEW_COMMENT_REQUIRED)
    if len(comment) > COMMENT_MAX:
        raise ReviewError(REVIEW_COMMENT_TOO_LONG)
    if "\x00" in comment:
        raise ReviewError(REVIEW_COMMENT_INVALID)
    finding = find_finding(key)
    if finding is None:
        raise ReviewError(REVIEW_NOT_FOUND)
    if finding.review is not None:
        raise ReviewError(REVIEW_ALREADY_DONE)
    try:
        with transaction.atomic():
            review = AuditReview.objects.create(
                finding_key=finding.key,
                kind=finding.kind,
                summary=finding.summary(),
                reviewed_by=actor,
                reviewer_username=actor.get_username(),
                comment=comment,
            )
    except IntegrityError:
        raise ReviewError(REVIEW_ALREADY_DONE) from None
    logger.info(
        "Logguppföljning: %s granskade %s (%s)", review.reviewer_username, key, finding.kind
    )
    return review
