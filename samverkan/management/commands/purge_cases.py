"""Deletes closed cases CASE_RETENTION_DAYS after closing; the journal and Link remain the
records. Schedule daily (see docs/samverkan.md). Audit entries keep the case id, who, when and
what kind of access; their free text goes with the case."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from samverkan.models import Case, CaseState
from samverkan.services.audit import forget_case_text


def purge_closed_cases(now=None) -> int:
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.CASE_RETENTION_DAYS)
    old = Case.objects.filter(state=CaseState.CLOSED, closed_at__lt=cutoff)
    count = old.count()
    for case in list(old):
        with transaction.atomic():
            forget_case_text(case.pk)
            case.delete()
    return count


class Command(BaseCommand):
    help = "Raderar avslutade samverkansärenden äldre än CASE_RETENTION_DAYS dagar."

    def handle(self, *args, **options):
        count = purge_closed_cases()
        self.stdout.write(
            f"{count} avslutade ärenden raderade (äldre än {settings.CASE_RETENTION_DAYS} dagar)."
        )
