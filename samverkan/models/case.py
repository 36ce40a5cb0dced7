"""One case = one child. The whole workflow hangs on the single `state` field and the
explicit TRANSITIONS table below, so that no combination of flags can describe a case
that the routine would not allow."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Municipality
from samverkan.identity import IdKind, identity_display, identity_label

from .directory import OrganisationType, WheelArea


class CaseState(models.TextChoices):
    ASSESSMENT = "assessment", _("Behovsbedömning")
    CONSENT = "consent", _("Samtycke")
    INITIATION = "initiation", _("Initiera samverkan")
    INVITED = "invited", _("Inbjudan skickad")
    MEETING_HELD = "meeting_held", _("Samverkansmöte hållet")
    PLAN = "plan", _("Barnets plan")
    FOLLOW_UP = "follow_up", _("Fortsatt samordning")
    CLOSED = "closed", _("Avslutat")


S = CaseState
# The one table of allowed moves; every service function checks it before saving.
TRANSITIONS: dict[str, set[str]] = {
    S.ASSESSMENT: {S.CONSENT, S.CLOSED},
    S.CONSENT: {S.INITIATION, S.CLOSED},
    # Back to CONSENT from any later state: a withdrawal left consent incomplete.
    S.INITIATION: {S.INVITED, S.CONSENT, S.CLOSED},
    S.INVITED: {S.INVITED, S.MEETING_HELD, S.CONSENT, S.CLOSED},
    S.MEETING_HELD: {S.PLAN, S.CONSENT, S.CLOSED},
    S.PLAN: {S.PLAN, S.FOLLOW_UP, S.CONSENT, S.CLOSED},
    S.FOLLOW_UP: {S.FOLLOW_UP, S.INVITED, S.MEETING_HELD, S.PLAN, S.CONSENT, S.CLOSED},
    S.CLOSED: set(),
}


class AgeGroup(models.TextChoices):
    BEFORE_PRESCHOOL = "before_preschool", _("Har ännu inte börjat i förskoleåldern")
    PRESCHOOL = "preschool", _("Förskoleålder")
    SCHOOL = "school", _("Skolålder")


class Custody(models.TextChoices):
    """Who has custody decides whose consent the routine needs."""

    TWO_GUARDIANS = "two", _("Två vårdnadshavare (gemensam vårdnad)")
    ONE_GUARDIAN = "one", _("En vårdnadshavare (ensam vårdnad)")
    APPOINTED = "appointed", _("Särskilt förordnad vårdnadshavare")
    SOCIAL_SERVICES = "social_services", _("Socialtjänsten (barnet är placerat i dess vård)")


class AssessmentOutcome(models.TextChoices):
    OWN_CARE = "own_care", _("Kronobarnsmodellen aktiveras inte: vårt stöd räcker")
    REFER_FAMILY = (
        "refer_family",
        _("Kronobarnsmodellen aktiveras inte: familjen kontaktar den andra verksamheten"),
    )
    REFER_ORAL_CONSENT = (
        "refer_oral_consent",
        _(
            "Kronobarnsmodellen aktiveras inte: muntligt samtycke till att vi kontaktar "
            "den andra verksamheten"
        ),
    )
    ACTIVATE = "activate", _("Kronobarnsmodellen aktiveras")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The creator and the colleagues they added; nobody else, administrators included."""
        if not user.is_authenticated:
            return self.none()
        member_of = Case.members.through.objects.filter(user_id=user.pk).values("case_id")
        return self.filter(Q(created_by_id=user.pk) | Q(pk__in=member_of))

    def open(self):
        return self.exclude(state=CaseState.CLOSED)

    def with_last_activity(self, now: datetime.datetime | None = None):
        """`last_activity`: the last change to the case or any of its parts, the one
        definition of activity. Guardians, consents, meetings, contacts, colleagues and
        invitation withdrawals are saved without touching `Case.updated_at`, but every
        change service writes a 'changed' audit entry in its transaction, so the latest such
        entry is the measure; `updated_at` counts too (a change made in admin). Reading,
        listing or exporting a case is not activity. `stale`: open and without activity for
        SAMVERKAN_STALE_AFTER_DAYS days."""
        from .audit import AuditAction, AuditEntry

        last_change = (
            AuditEntry.objects.filter(case=OuterRef("pk"), action=AuditAction.CHANGED)
            .order_by("-when")
            .values("when")[:1]
        )
        cutoff = stale_cutoff(now)
        return self.annotate(
            last_activity=Greatest("updated_at", Coalesce(Subquery(last_change), "updated_at"))
        ).annotate(
            stale=ExpressionWrapper(
                Q(last_activity__lt=cutoff) & ~Q(state=CaseState.CLOSED),
                output_field=BooleanField(),
            )
        )

    def stale(self, now: datetime.datetime | None = None):
        """Open cases to be listed to their clinician for closing, longest untouched first."""
        return self.with_last_activity(now).filter(stale=True).order_by("last_activity")

    def for_child_number(self, number: str):
        """Cases of the child with this number, in the one stored form (twelve digits for a
        personnummer or samordningsnummer however it was typed, the reservnummer as
        stored); a child without a number matches nothing."""
        if not number:
            return self.none()
        return self.filter(child_personnummer=number)


def stale_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.SAMVERKAN_STALE_AFTER_DAYS)


class Case(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    state = models.CharField(
        _("steg"), max_length=20, choices=CaseState.choices, default=CaseState.ASSESSMENT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_cases",
        verbose_name=_("skapat av"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_cases",
        verbose_name=_("kollegor"),
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)
    closed_at = models.DateTimeField(_("avslutat"), null=True, blank=True, db_index=True)
    closed_reason = models.TextField(_("skäl för avslut"), blank=True)

    # The child. Cleared when a case closes without activation.
    child_name = models.CharField(_("barnets namn"), max_length=200, blank=True)
    # Twelve digits for a personnummer or samordningsnummer, a reservnummer as typed, empty
    # when the child has no number (then the birth date and the reason are required).
    child_personnummer = models.CharField(_("identitetsnummer"), max_length=30, blank=True)
    child_id_kind = models.CharField(
        _("typ av nummer"), max_length=20, choices=IdKind.choices, blank=True
    )
    child_birth_date = models.DateField(_("födelsedatum"), null=True, blank=True)
    child_no_number_reason = models.TextField(_("skäl till att nummer saknas"), blank=True)
    child_address = models.TextField(_("barnets adress"), blank=True)
    protected_identity = models.BooleanField(_("skyddade personuppgifter"), default=False)
    child_is_patient = models.BooleanField(_("barnet är patient hos oss"), default=True)
    custody = models.CharField(_("vårdnad"), max_length=20, choices=Custody.choices, blank=True)
    youth_consents = models.BooleanField(
        _("barnet har ålder och mognad att själv samtycka"), default=False
    )
    age_group = models.CharField(
        _("ålder"), max_length=20, choices=AgeGroup.choices, default=AgeGroup.SCHOOL
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kommun")
    )

    # The sending unit: named with its phone number on every document the family or another
    # organisation receives.
    unit_name = models.CharField(_("verksamhet (avsändare)"), max_length=200, blank=True)
    unit_phone = models.CharField(_("verksamhetens telefonnummer"), max_length=40, blank=True)

    # Needs assessment: the routine's four questions in order.
    noticed = models.TextField(_("vad har vi uppmärksammat"), blank=True)
    own_care_sufficient = models.BooleanField(_("räcker vårt stöd"), null=True)
    other_org_alone = models.BooleanField(
        _("kan en annan verksamhet stödja på egen hand"), null=True
    )
    together = models.BooleanField(_("kan flera verksamheter stödja tillsammans"), null=True)
    outcome = models.CharField(
        _("utfall"), max_length=30, choices=AssessmentOutcome.choices, blank=True
    )
    referral_organisation = models.ForeignKey(
        OrganisationType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verksamhet att hänvisa till"),
    )
    referral_consent_on = models.DateField(_("muntligt samtycke lämnat"), null=True, blank=True)

    # Initiation.
    initiation_note = models.TextField(_("avstämning före initiering"), blank=True)
    areas = models.ManyToManyField(WheelArea, blank=True, verbose_name=_("områden i hjulet"))

    # Follow-up.
    next_coordinator = models.ForeignKey(
        OrganisationType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samordnar nästa möte"),
    )
    parties_next_time = models.TextField(_("parter att bjuda in nästa gång"), blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        permissions = [("break_glass", "Kan öppna ärenden med nödåtkomst")]

    def __str__(self) -> str:
        return f"Ärende {self.short_ref}"

    @property
    def short_ref(self) -> str:
        return str(self.id)[:8].upper()

    @property
    def is_closed(self) -> bool:
        return self.state == CaseState.CLOSED

    @property
    def identity_label(self) -> str:
        return identity_label(self.child_id_kind)

    @property
    def identity_display(self) -> str:
        return identity_display(self.child_id_kind, self.child_personnummer, self.child_birth_date)

    def can_move_to(self, target: str) -> bool:
        return target in TRANSITIONS[self.state]


class GuardianRole(models.TextChoices):
    GUARDIAN = "guardian", _("Vårdnadshavare")
    APPOINTED = "appointed", _("Särskilt förordnad vårdnadshavare")
    SOCIAL_SERVICES = "social_services", _("Socialtjänsten")


class Guardian(models.Model):
    """A party whose consent the custody requires: a guardian, a specially appointed guardian,
    or the social services (its representative) for a child placed in its care."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(
        _("roll"), max_length=20, choices=GuardianRole.choices, default=GuardianRole.GUARDIAN
    )
    is_patient = models.BooleanField(_("vårdnadshavaren är patient hos oss"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("vårdnadshavare")
        verbose_name_plural = _("vårdnadshavare")

    def __str__(self) -> str:
        return self.name


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Skriftligt (underskriven samtyckesblankett)")
    ORAL = "oral", _("Muntligt")


class Supersession(models.TextChoices):
    CORRECTED = "corrected", _("Rättat")
    RENEWED = "renewed", _("Nytt samtycke efter återkallelse")


class Consent(models.Model):
    """One party's consent (a guardian, or the young person) to invite some organisations."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    guardian = models.ForeignKey(
        Guardian, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    by_youth = models.BooleanField(_("lämnat av barnet"), default=False)
    method = models.CharField(_("form"), max_length=10, choices=ConsentMethod.choices)
    given_on = models.DateField(_("datum"))
    organisations = models.ManyToManyField(OrganisationType, verbose_name=_("verksamheter"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # A later record for the same party replaces this one, which stays on record: corrected
    # (recorded by mistake) or renewed (the party consented again after withdrawing).
    superseded_at = models.DateTimeField(_("ersatt"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ersatt av"),
    )
    supersession = models.CharField(
        _("hur det ersattes"), max_length=10, choices=Supersession.choices, blank=True
    )
    correction_reason = models.TextField(_("skäl till rättelse"), blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("ersatt med"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        # One current record per party, whatever two tabs post at once.
        constraints = [
            models.UniqueConstraint(
                fields=["case", "guardian"],
                condition=Q(superseded_at=None, guardian__isnull=False),
                name="one_current_consent_per_guardian",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(superseded_at=None, by_youth=True),
                name="one_current_consent_of_the_youth",
            ),
        ]

    def __str__(self) -> str:
        return f"Samtycke {self.given_on:%Y-%m-%d}"

    def giver_name(self) -> str:
        return self.case.child_name if self.by_youth else self.guardian.name


class ConsentWithdrawal(models.Model):
    """A party withdraws its consent, wholly or for some organisations. The consent stays on
    record; what it still covers is its organisations less every withdrawal's."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consent_withdrawals")
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="withdrawals")
    wholly = models.BooleanField(_("helt återkallat"), default=False)
    organisations = models.ManyToManyField(
        OrganisationType, related_name="+", verbose_name=_("återkallat för")
    )
    withdrawn_on = models.DateField(_("datum"))
    method = models.CharField(_("form"), max_length=10, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Whom the clinician has to tell, kept until they mark it done.
    to_inform = models.TextField(_("att meddela"), blank=True)
    informed_at = models.DateTimeField(_("meddelat"), null=True, blank=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["withdrawn_on", "id"]
        verbose_name = _("återkallat samtycke")
        verbose_name_plural = _("återkallade samtycken")

    def __str__(self) -> str:
        return f"Återkallelse {self.withdrawn_on:%Y-%m-%d}"
