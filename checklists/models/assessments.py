"""A unit's yearly self-assessment against the checklist, with every change kept as history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.transitions import Transitions
from mandates.models import ChecklistItem
from organisation.models import Unit


class ItemStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", _("Ej påbörjad")
    IN_PROGRESS = "pagar", _("Pågår")
    DONE = "klar", _("Klar")
    NOT_APPLICABLE = "ej_aktuell", _("Ej aktuell")


# The one table of allowed status changes, which assessment_set_status guards with and the
# page's radios read. Readiness can move backwards (staff leave, routines lapse: Klar becomes
# Pågår again), and keeping the status (a new comment or reason) is a change too. Once work on
# an item has begun it is never "Ej påbörjad" again: the history says it was begun. Only an
# item found applicable after all (Ej aktuell) goes back to Ej påbörjad.
_S = ItemStatus
ALLOWED_TRANSITIONS = Transitions(
    {
        _S.NOT_STARTED: {_S.NOT_STARTED, _S.IN_PROGRESS, _S.DONE, _S.NOT_APPLICABLE},
        _S.IN_PROGRESS: {_S.IN_PROGRESS, _S.DONE, _S.NOT_APPLICABLE},
        _S.DONE: {_S.DONE, _S.IN_PROGRESS, _S.NOT_APPLICABLE},
        _S.NOT_APPLICABLE: {_S.NOT_APPLICABLE, _S.NOT_STARTED, _S.IN_PROGRESS, _S.DONE},
    }
)


def display_name(user) -> str:
    """Full name where known; the demo and import data often only have a username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(unit__in=Unit.objects.visible_to(user))


class Assessment(models.Model):
    """One unit's checklist for one calendar year."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("verksamhet")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kopierad från"),
    )
    created_at = models.DateTimeField(_("påbörjad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("påbörjad av"),
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["unit__name", "-year"]
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="checklists_assessment_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class ItemAssessment(models.Model):
    """The current status of one checklist item in one assessment."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="entries", verbose_name=_("bedömning")
    )
    item = models.ForeignKey(
        ChecklistItem,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("checklistpunkt"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )
    reason = models.TextField(_("skäl till ej aktuell"), blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändrad av"),
    )
    changed_at = models.DateTimeField(_("ändrad"), null=True, blank=True)

    class Meta:
        ordering = ["item__area__order", "item__order", "item__pk"]
        verbose_name = _("bedömd punkt")
        verbose_name_plural = _("bedömda punkter")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="checklists_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.item} – {self.get_status_display()}"

    @property
    def changed_by_name(self) -> str:
        return display_name(self.changed_by)


class StatusChange(models.Model):
    """Append-only history: one row per saved change, never edited."""

    entry = models.ForeignKey(
        ItemAssessment,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("bedömd punkt"),
    )
    from_status = models.CharField(_("från"), max_length=16, choices=ItemStatus.choices)
    to_status = models.CharField(_("till"), max_length=16, choices=ItemStatus.choices)
    reason = models.TextField(_("skäl till ej aktuell"), blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    copied = models.BooleanField(_("kopierad från föregående år"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändrad av"),
    )
    changed_at = models.DateTimeField(_("ändrad"))

    class Meta:
        ordering = ["entry", "changed_at", "pk"]
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def changed_by_name(self) -> str:
        return display_name(self.changed_by)
