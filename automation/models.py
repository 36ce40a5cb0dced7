"""What the scheduled jobs and the reminders remember between runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Körs")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


class JobRun(models.Model):
    """One run of a scheduled job for one day. The unique key is what keeps a job from being
    done twice for a day, however many schedulers or workers run on however many machines."""

    job = models.CharField(_("jobb"), max_length=40)
    day = models.DateField(_("dag"))
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    queued_at = models.DateTimeField(_("lagd i kö"), auto_now_add=True)
    started_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    # The outcome in a few words ("3 ärenden raderade") or, after a failure, the exception's
    # class only: an exception's text may quote data and this table is shown in admin.
    result = models.CharField(_("resultat"), max_length=200, blank=True)

    class Meta:
        ordering = ["-day", "job"]
        verbose_name = _("jobbkörning")
        verbose_name_plural = _("jobbkörningar")
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="automation_jobrun_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.day:%Y-%m-%d}"


class ReminderKind(models.TextChoices):
    MEETING_SOON = "meeting_soon", _("Samverkansmöte de närmaste dagarna")
    PLAN_ACTIONS_DUE = "plan_actions_due", _("Insatser i Barnets plan som ska vara klara")
    STALE_CASES = "stale_cases", _("Öppna ärenden som inte har ändrats på länge")
    TRAINING_ACTIONS_DUE = "training_actions_due", _("Åtgärder från utbildningstillfällen")
    READINESS_NOT_STARTED = "readiness_not_started", _("Årets beredskapschecklista")
    NETWORK_MEETING_SOON = "network_meeting_soon", _("Nästa nätverksträff")


class ReminderOptOut(models.Model):
    """A kind of reminder a user has turned off (no row: on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs"
    )
    kind = models.CharField(_("påminnelse"), max_length=32, choices=ReminderKind.choices)

    class Meta:
        verbose_name = _("avstängd påminnelse")
        verbose_name_plural = _("avstängda påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="automation_optout_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}"


class ReminderMail(models.Model):
    """The one reminder message a user may get on a day; the unique key is the rule."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_mails"
    )
    day = models.DateField(_("dag"))
    kinds = models.JSONField(_("typer"), default=list)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("påminnelse per e-post")
        verbose_name_plural = _("påminnelser per e-post")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="automation_one_mail_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.day:%Y-%m-%d}"
