"""Workplace training sessions a unit's familjeombud plan from the support package, and what the
unit agreed on afterwards. A session belongs to one unit; its notes are the unit's own."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.transitions import Transitions
from mandates.models import ChecklistItem, Film, MandateArea, Presentation, ReflectionQuestion
from organisation.models import Unit

ADMIN_PERMISSION = "training.view_trainingsession"


class SessionStatus(models.TextChoices):
    PLANNED = "planerad", _("Planerad")
    HELD = "genomford", _("Genomförd")
    CANCELLED = "installd", _("Inställd")


# The one table of allowed status changes. A held session stays held (its notes can still be
# corrected through session_record_outcome); a cancelled one can be planned again.
# Held to held is correcting the record of a held session (session_record_outcome).
SESSION_TRANSITIONS = Transitions(
    {
        SessionStatus.PLANNED: {SessionStatus.HELD, SessionStatus.CANCELLED},
        SessionStatus.HELD: {SessionStatus.HELD},
        SessionStatus.CANCELLED: {SessionStatus.PLANNED},
    }
)


class ActionStatus(models.TextChoices):
    OPEN = "oppen", _("Öppen")
    DONE = "klar", _("Klar")


ACTION_TRANSITIONS = Transitions(
    {ActionStatus.OPEN: {ActionStatus.DONE}, ActionStatus.DONE: {ActionStatus.OPEN}}
)


def units_with_sessions_visible_to(user):
    """The one visibility rule of training: a unit's members and administrators see its
    sessions; the region's readiness view does not reach the unit's own reflections."""
    active = getattr(user, "is_authenticated", False) and user.is_active
    if active and (user.is_superuser or user.has_perm(ADMIN_PERMISSION)):
        return Unit.objects.all()
    return Unit.objects.of_member(user)


class TrainingSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(unit__in=units_with_sessions_visible_to(user))


class TrainingSession(models.Model):
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="training_sessions",
        verbose_name=_("verksamhet"),
    )
    title = models.CharField(_("rubrik"), max_length=200, blank=True)
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("starttid"))
    areas = models.ManyToManyField(
        MandateArea, related_name="training_sessions", verbose_name=_("mandatområden")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    participants = models.PositiveSmallIntegerField(_("antal deltagare"), null=True, blank=True)
    summary = models.TextField(_("övriga anteckningar"), blank=True)
    cancel_reason = models.CharField(_("skäl till inställt"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planerad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    recorded_at = models.DateTimeField(_("dokumenterad"), null=True, blank=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "pk"]
        verbose_name = _("utbildningstillfälle")
        verbose_name_plural = _("utbildningstillfällen")

    def __str__(self) -> str:
        return f"{self.display_title} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", kwargs={"pk": self.pk})

    @property
    def display_title(self) -> str:
        return self.title or str(_("Utbildningstillfälle"))


class ItemKind(models.TextChoices):
    PRESENTATION = "presentation", _("Presentation")
    FILM = "film", _("Film")
    QUESTION = "fraga", _("Reflektionsfråga")
    OWN = "egen", _("Egen punkt")


class SessionItem(models.Model):
    """One line of the agenda. Package items point at the package row (so a corrected title or
    duration shows at once); own items carry their own title. `minutes` is the planned time for
    everything but films with a known duration, whose time comes from the package."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="items", verbose_name=_("tillfälle")
    )
    position = models.PositiveIntegerField(_("plats"), default=0)
    kind = models.CharField(_("typ"), max_length=16, choices=ItemKind.choices)
    presentation = models.ForeignKey(
        Presentation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question = models.ForeignKey(
        ReflectionQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("rubrik"), max_length=300, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minuter"), null=True, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")
        constraints = [
            models.CheckConstraint(
                name="training_item_points_at_its_kind",
                condition=(
                    Q(
                        kind=ItemKind.PRESENTATION,
                        presentation__isnull=False,
                        film__isnull=True,
                        question__isnull=True,
                    )
                    | Q(
                        kind=ItemKind.FILM,
                        film__isnull=False,
                        presentation__isnull=True,
                        question__isnull=True,
                    )
                    | Q(
                        kind=ItemKind.QUESTION,
                        question__isnull=False,
                        presentation__isnull=True,
                        film__isnull=True,
                    )
                    | Q(
                        kind=ItemKind.OWN,
                        presentation__isnull=True,
                        film__isnull=True,
                        question__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def source(self):
        return self.presentation or self.film or self.question

    @property
    def label(self) -> str:
        if self.kind == ItemKind.QUESTION and self.question_id:
            return self.question.text
        if self.kind == ItemKind.FILM and self.film_id and self.film.group_id:
            return f"{self.film.group.title} {self.film.title}"
        source = self.source
        return source.title if source is not None else self.title

    @property
    def url(self) -> str:
        source = self.presentation or self.film
        return getattr(source, "url", "") or ""


class Action(models.Model):
    """Something the unit agreed to do; it may point at the checklist item it should move."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("tillfälle"),
    )
    what = models.CharField(_("vad"), max_length=300)
    who = models.CharField(_("vem"), max_length=200)
    due_on = models.DateField(_("klart senast"))
    checklist_item = models.ForeignKey(
        ChecklistItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_actions",
        verbose_name=_("checklistpunkt"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")

    def __str__(self) -> str:
        return self.what


class SessionLogEntry(models.Model):
    """Append-only: who moved a session or an action from one status to another, and when."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="log", verbose_name=_("tillfälle")
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="log"
    )
    event = models.CharField(_("händelse"), max_length=40)
    from_status = models.CharField(_("från"), max_length=16, blank=True)
    to_status = models.CharField(_("till"), max_length=16, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("av"),
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")

    def __str__(self) -> str:
        return f"{self.event}: {self.from_status} → {self.to_status}"
