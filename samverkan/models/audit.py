"""Who saw or changed which child's case. Read by a later log extract and review page, so
the fields are stable and the case id survives the purge of the case itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEWED = "viewed", _("Visade")
    CHANGED = "changed", _("Ändrade")
    EXPORTED = "exported", _("Exporterade")
    BREAK_GLASS = "break_glass", _("Nödåtkomst")
    REFUSED = "refused", _("Nekad åtkomst")


class AuditEntry(models.Model):
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vem"),
    )
    who_username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    when = models.DateTimeField(_("när"), auto_now_add=True, db_index=True)
    case = models.ForeignKey(
        "samverkan.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("ärende"),
    )
    case_ref = models.UUIDField(_("ärendets id"), null=True, blank=True, db_index=True)
    action = models.CharField(_("händelse"), max_length=20, choices=AuditAction.choices)
    detail = models.TextField(_("detalj"), blank=True)

    class Meta:
        ordering = ["-when", "-id"]
        verbose_name = _("loggpost")
        verbose_name_plural = _("logg över ärenden")

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.who_username} {self.get_action_display()}"
