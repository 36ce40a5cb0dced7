"""Site-wide public duties: the accessibility statement (DOS-lagen), problem reports sent from it,
the contacts the personal-data notice names, and the append-only reviews of the case log.
Administrators edit the first three in admin, so the pages stay true without a deploy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


class SingletonModel(models.Model):
    """One row per site: the pages read pk=1, and admin offers no second row to add."""

    SINGLETON_PK = 1

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=cls.SINGLETON_PK).first()


class Compliance(models.TextChoices):
    # The law's own wording (lag 2018:1937 and DIGG's regulations on the statement).
    FULL = "helt", _("helt förenlig")
    PARTIAL = "delvis", _("delvis förenlig")
    NONE = "inte", _("inte förenlig")


class AccessibilityStatement(SingletonModel):
    public_body = models.CharField(_("offentlig aktör"), max_length=200)
    service_name = models.CharField(_("den digitala servicens namn"), max_length=200)
    compliance = models.CharField(
        _("förenlighet med lagen"), max_length=10, choices=Compliance.choices
    )
    compliance_explanation = models.TextField(
        _("förklaring av förenligheten"),
        help_text=_("Varför servicen är helt, delvis eller inte förenlig med lagen."),
    )
    evaluation_method = models.TextField(
        _("bedömningsmetod"),
        help_text=_(
            "Till exempel självskattning, automatiska kontroller med axe och manuella "
            "tester med tangentbord och skärmläsare."
        ),
    )
    prepared_on = models.DateField(_("redogörelsen upprättades"))
    assessed_on = models.DateField(_("senaste bedömning"))
    updated_on = models.DateField(_("redogörelsen uppdaterades senast"))
    feedback_text = models.TextField(
        _("så meddelar du brist eller ber om tillgänglig version"),
        help_text=_("Visas ovanför formuläret Meddela brist, t.ex. när besökaren får svar."),
    )
    enforcement_text = models.TextField(
        _("tillsyn"),
        help_text=_("Om DIGG:s tillsyn; länken till DIGG:s anmälningsfunktion visas alltid."),
    )
    digg_report_url = models.URLField(_("DIGG:s anmälningsfunktion"), default=DIGG_REPORT_URL)

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelse")

    def __str__(self) -> str:
        return f"{self.service_name} – {self.get_compliance_display()}"


class StatementRow(models.Model):
    """One row of a statement list; each concrete kind names its own reverse relation."""

    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    content = models.CharField(_("innehåll"), max_length=300)
    description = models.TextField(_("beskrivning och skäl"))

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.content


class InaccessibleContent(StatementRow):
    """Content that does not meet the requirements, each with its reason (DIGG's list)."""

    statement = models.ForeignKey(
        AccessibilityStatement, on_delete=models.CASCADE, related_name="inaccessible_rows"
    )
    criteria = models.CharField(
        _("berörda WCAG-kriterier"),
        max_length=300,
        blank=True,
        help_text=_("Till exempel 1.3.1 Information och relationer."),
    )
    planned_fix = models.TextField(_("planerad åtgärd"), blank=True)

    class Meta(StatementRow.Meta):
        verbose_name = _("innehåll som inte är tillgängligt")
        verbose_name_plural = _("innehåll som inte är tillgängligt")


class BurdenExemption(StatementRow):
    """Content exempted as an unreasonable burden (12 §); the reason is the burden assessment."""

    statement = models.ForeignKey(
        AccessibilityStatement, on_delete=models.CASCADE, related_name="burden_rows"
    )

    class Meta(StatementRow.Meta):
        verbose_name = _("oskäligt betungande anpassning (12 §)")
        verbose_name_plural = _("oskäligt betungande anpassning (12 §)")


class OutOfScopeContent(StatementRow):
    """Content the law's requirements do not cover (9 §), e.g. third-party documents and films."""

    statement = models.ForeignKey(
        AccessibilityStatement, on_delete=models.CASCADE, related_name="out_of_scope_rows"
    )

    class Meta(StatementRow.Meta):
        verbose_name = _("innehåll som inte omfattas av lagen (9 §)")
        verbose_name_plural = _("innehåll som inte omfattas av lagen (9 §)")


class ReportStatus(models.TextChoices):
    NEW = "ny", _("ny")
    ANSWERED = "besvarad", _("besvarad")
    FIXED = "atgardad", _("åtgärdad")


# The only moves a report's status may make; anything else is refused by the service.
REPORT_TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.NEW: {ReportStatus.ANSWERED, ReportStatus.FIXED},
    ReportStatus.ANSWERED: {ReportStatus.FIXED},
    ReportStatus.FIXED: set(),
}


class AccessibilityReport(models.Model):
    """A visitor's 'Meddela brist' message. No IP address or account is stored with it."""

    DESCRIPTION_MAX = 2000
    PAGE_MAX = 500

    created_at = models.DateTimeField(_("inkom"), auto_now_add=True)
    page = models.CharField(_("sida"), max_length=PAGE_MAX)
    description = models.TextField(_("beskrivning"), max_length=DESCRIPTION_MAX)
    reports_problem = models.BooleanField(_("meddelar brist"), default=False)
    wants_accessible_version = models.BooleanField(_("vill ha tillgänglig version"), default=False)
    email = models.EmailField(_("e-post för svar"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    answered_on = models.DateField(_("besvarad den"), null=True, blank=True)
    handled_by = models.CharField(_("handläggare"), max_length=150, blank=True)
    note = models.TextField(_("intern anteckning"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meddelad brist")
        verbose_name_plural = _("meddelade brister")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page}"


class DataProtectionContacts(SingletonModel):
    """Who answers for the processing; the notice shows these, edited by an administrator."""

    controller_name = models.CharField(_("personuppgiftsansvarig"), max_length=200)
    controller_email = models.EmailField(_("e-post till personuppgiftsansvarig"), blank=True)
    controller_phone = models.CharField(
        _("telefon till personuppgiftsansvarig"), max_length=50, blank=True
    )
    controller_address = models.TextField(_("postadress"), blank=True)
    dpo_email = models.EmailField(_("e-post till dataskyddsombudet"), blank=True)
    dpo_phone = models.CharField(_("telefon till dataskyddsombudet"), max_length=50, blank=True)
    more_info_url = models.URLField(_("mer information (regionens sida om dataskydd)"), blank=True)
    verified = models.BooleanField(
        _("kontaktuppgifterna är kontrollerade"),
        default=False,
        help_text=_(
            "Kryssa i när en administratör har kontrollerat uppgifterna mot regionens "
            "egna kontaktuppgifter. Tills dess visar sidan att de inte är ifyllda."
        ),
    )
    updated_on = models.DateField(_("uppdaterad"), auto_now=True)

    class Meta:
        verbose_name = _("kontaktuppgifter för dataskydd")
        verbose_name_plural = _("kontaktuppgifter för dataskydd")

    def __str__(self) -> str:
        return self.controller_name


class ReviewImmutableError(Exception):
    """A review is a record of what someone concluded at a time; changing it afterwards would
    falsify the log review it documents."""


REVIEW_IMMUTABLE = "En granskning kan inte ändras eller tas bort i efterhand."


class AuditReviewQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ReviewImmutableError(REVIEW_IMMUTABLE)

    def delete(self):
        raise ReviewImmutableError(REVIEW_IMMUTABLE)


class FindingKind(models.TextChoices):
    BREAK_GLASS = "break_glass", _("Nödåtkomst")
    REFUSED = "refused", _("Nekad åtkomst")
    DAILY_VOLUME = "daily_volume", _("Ovanligt många visningar eller exporter på en dag")
    LOGIN_AFTER_LOCKOUT = "login_after_lockout", _("Inloggning från spärrat konto")
    EMERGENCY_SIGN_IN = "emergency_sign_in", _("Inloggning med nödkonto")


class AuditReview(models.Model):
    """One reviewed finding of the systematic log review. Append-only: the row is itself the
    log of the review (who, when, what was concluded), so it is never updated or deleted."""

    finding_key = models.CharField(_("fynd"), max_length=200, unique=True)
    kind = models.CharField(_("typ av fynd"), max_length=30, choices=FindingKind.choices)
    summary = models.TextField(_("fyndet när det granskades"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    reviewer_username = models.CharField(_("granskarens användarnamn"), max_length=150)
    reviewed_at = models.DateTimeField(_("granskad"), auto_now_add=True)
    comment = models.TextField(_("kommentar"))

    objects = AuditReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        verbose_name = _("granskning av logg")
        verbose_name_plural = _("granskningar av logg")
        permissions = [("review_audit_log", "Kan följa upp och granska loggar")]

    def __str__(self) -> str:
        return f"{self.reviewed_at:%Y-%m-%d %H:%M} {self.reviewer_username} {self.finding_key}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ReviewImmutableError(REVIEW_IMMUTABLE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReviewImmutableError(REVIEW_IMMUTABLE)
