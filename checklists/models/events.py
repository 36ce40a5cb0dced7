"""The region's network meetings and basic training days, and who attended: the familjeombud
prerequisites (två nätverksträffar per år, två grundutbildningsdagar första året) count these."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    NETWORK_MEETING = "natverkstraff", _("Nätverksträff")
    BASIC_TRAINING = "grundutbildningsdag", _("Grundutbildningsdag")


class RegionEvent(models.Model):
    kind = models.CharField(_("typ"), max_length=24, choices=EventKind.choices)
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=200)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="EventAttendance",
        related_name="region_events",
        verbose_name=_("deltagare"),
    )

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("regionträff")
        verbose_name_plural = _("regionträffar")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"


class EventAttendance(models.Model):
    event = models.ForeignKey(
        RegionEvent, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("träff")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_attendances",
        verbose_name=_("deltagare"),
    )
    registered_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        ordering = ["event", "user"]
        verbose_name = _("deltagande")
        verbose_name_plural = _("deltaganden")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="checklists_attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"
