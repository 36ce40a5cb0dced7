"""The readiness checklist's lines: package content, one per line of the support package.
A unit's answers to them are readiness (checklists), which refers to these rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .area import MandateArea
from .base import PublishedQuerySet


class ChecklistItem(models.Model):
    """One line of "Checklista på hur verksamheten är rustad för uppdraget", word for word."""

    area = models.ForeignKey(
        MandateArea,
        on_delete=models.CASCADE,
        related_name="checklist_items",
        verbose_name=_("mandatområde"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("text"))
    published = models.BooleanField(_("publicerad"), default=True)
    reviewed_on = models.DateField(_("granskad"), null=True, blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["area__order", "order", "pk"]
        verbose_name = _("checklistpunkt")
        verbose_name_plural = _("checklistpunkter")

    def __str__(self) -> str:
        return self.text
