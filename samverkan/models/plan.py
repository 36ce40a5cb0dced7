"""Barnets plan. Each save is a new version so that what was agreed at a meeting stays
readable after later changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .directory import OrganisationType, WheelArea


class PlanVersion(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(default=True, db_index=True)
    child_view = models.TextField(_("barnets egen syn"), blank=True)
    guardians_view = models.TextField(_("vårdnadshavarnas syn"), blank=True)
    participants = models.TextField(_("deltagare"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="plan_version_unique_number")
        ]
        verbose_name = _("version av Barnets plan")
        verbose_name_plural = _("versioner av Barnets plan")

    def __str__(self) -> str:
        return f"Version {self.number}"


class PlanItem(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="items")
    area = models.ForeignKey(WheelArea, on_delete=models.PROTECT, verbose_name=_("område"))
    need = models.TextField(_("vad behövs"))
    action = models.TextField(_("vad ska göras"))
    organisation = models.ForeignKey(
        OrganisationType, on_delete=models.PROTECT, verbose_name=_("ansvarig verksamhet")
    )
    person = models.CharField(_("ansvarig person"), max_length=200)
    due_on = models.DateField(_("klart senast"))

    class Meta:
        ordering = ["area__order", "due_on", "id"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")

    def __str__(self) -> str:
        return f"Insats {self.pk}"
