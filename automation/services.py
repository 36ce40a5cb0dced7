"""The one way a user's reminder choices change."""

from django.db import transaction

from .models import ReminderKind, ReminderOptOut


def reminder_settings_save(*, user, enabled: set[str]) -> None:
    """Every kind not in `enabled` is turned off, every kind in it on."""
    off = set(ReminderKind.values) - set(enabled)
    with transaction.atomic():
        ReminderOptOut.objects.filter(user=user).exclude(kind__in=off).delete()
        have = set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))
        ReminderOptOut.objects.bulk_create(
            [ReminderOptOut(user=user, kind=kind) for kind in sorted(off - have)]
        )
