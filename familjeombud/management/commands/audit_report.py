"""The log review on the command line, for a scheduled job that mails the report to the
reviewers; it reads the same findings as the review page and changes nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from familjeombud.auditlog.review import daily_threshold, findings

SINCE_INVALID = "Ange --since som ÅÅÅÅ-MM-DD, till exempel 2026-01-31."
UNTIL_BEFORE_SINCE = "--until kan inte vara före --since."
NOTHING_FOUND = "Inget att granska."


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(SINCE_INVALID) from None


class Command(BaseCommand):
    help = "Listar det som ska granskas i loggarna från och med ett datum."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="Första dagen, ÅÅÅÅ-MM-DD.")
        parser.add_argument("--until", help="Sista dagen, ÅÅÅÅ-MM-DD (standard: i dag).")
        parser.add_argument(
            "--pending", action="store_true", help="Visa bara fynd som inte är granskade."
        )

    def handle(self, *args, since, until=None, pending=False, **options):
        first = iso_date(since)
        last = iso_date(until) if until else None
        if last and last < first:
            raise CommandError(UNTIL_BEFORE_SINCE)
        found = [f for f in findings(since=first, until=last) if not (pending and f.review)]
        limit = daily_threshold()
        self.stdout.write(f"Logguppföljning från {first:%Y-%m-%d} (gräns per dag: {limit})")
        if not found:
            self.stdout.write(NOTHING_FOUND)
        for f in found:
            case = f" · ärende {f.case_ref}" if f.case_ref else ""
            self.stdout.write(f"{f.summary()}{case} · [{f.key}]")
            if f.review:
                at = timezone.localtime(f.review.reviewed_at).strftime("%Y-%m-%d %H:%M")
                self.stdout.write(
                    f"    Granskad {at} av {f.review.reviewer_username}: {f.review.comment}"
                )
            else:
                self.stdout.write("    Inte granskad.")
        unreviewed = sum(1 for f in found if not f.review)
        self.stdout.write(f"{len(found)} fynd, {unreviewed} ej granskade.")
