"""Who belongs where: municipalities, units (verksamheter) and their members.

Every other app starts from here; this app imports none of them."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REGION_PERMISSION = "organisation.view_region"


def _is_active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def sees_every_unit(user) -> bool:
    """The region (strateg) and superusers see every unit; everyone else only their own."""
    return _is_active(user) and (user.is_superuser or user.has_perm(REGION_PERMISSION))


class MunicipalityManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Municipality(models.Model):
    """A municipality: where a unit is, and whose switchboard the routine calls."""

    code = models.SlugField(_("kod"), max_length=16, unique=True)
    name = models.CharField(_("kommun"), max_length=100, unique=True)
    switchboard = models.CharField(_("växelnummer"), max_length=40)

    objects = MunicipalityManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.code,)


class UnitKind(models.TextChoices):
    VARDCENTRAL = "vardcentral", _("Vårdcentral")
    BVC = "bvc", _("BVC")
    BUP = "bup", _("Barn- och ungdomspsykiatri")
    VUXENPSYKIATRI = "vuxenpsykiatri", _("Vuxenpsykiatri")
    AKUTMOTTAGNING = "akutmottagning", _("Akutmottagning")
    TANDVARD = "tandvard", _("Tandvård")
    HABILITERING = "habilitering", _("Habilitering")
    BARNMORSKEMOTTAGNING = "barnmorskemottagning", _("Barnmorskemottagning")
    SOMATISK_SLUTENVARD = "somatisk_slutenvard", _("Somatisk slutenvård")
    ANNAN = "annan", _("Annan")


class UnitQuerySet(models.QuerySet):
    def of_member(self, user):
        """The units `user` is a member of, in any role."""
        if not _is_active(user):
            return self.none()
        return self.filter(pk__in=Membership.objects.of(user).values("unit_id"))

    def visible_to(self, user):
        """Members see their own units; the region (strateg) and superusers see every unit."""
        if sees_every_unit(user):
            return self.all()
        return self.of_member(user)

    def editable_by(self, user):
        """Only members change a unit's records; region read access is read-only."""
        if _is_active(user) and user.is_superuser:
            return self.all()
        return self.of_member(user)


class Unit(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=32, choices=UnitKind.choices)
    # The column keeps the municipality's code, as it did before municipalities were rows.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        to_field="code",
        db_column="municipality",
        related_name="units",
        verbose_name=_("kommun"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="units",
        verbose_name=_("medlemmar"),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("verksamhet")
        verbose_name_plural = _("verksamheter")
        permissions = [("view_region", _("Kan se alla verksamheters beredskap (region)"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("checklists:unit_detail", kwargs={"pk": self.pk})


class MembershipRole(models.TextChoices):
    CHEF = "chef", _("Chef")
    FAMILJEOMBUD = "familjeombud", _("Familjeombud")
    MEDARBETARE = "medarbetare", _("Medarbetare")


class MembershipQuerySet(models.QuerySet):
    def of(self, user):
        if not _is_active(user):
            return self.none()
        return self.filter(user=user)

    def in_unit(self, unit):
        return self.filter(unit=unit)

    def with_role(self, *roles: str):
        return self.filter(role__in=roles)

    def familjeombud(self):
        return self.with_role(MembershipRole.FAMILJEOMBUD)


class Membership(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("verksamhet")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="unit_memberships",
        verbose_name=_("användare"),
    )
    role = models.CharField(
        _("roll"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEDARBETARE
    )
    # Familjeombud prerequisite "1-4 dagar/månad"; empty until the unit has agreed on it.
    days_per_month = models.PositiveSmallIntegerField(
        _("avsatta dagar per månad"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(23)],
        help_text=_("Förväntat 1–4 dagar per månad för familjeombud."),
    )
    started_on = models.DateField(
        _("i rollen sedan"), default=timezone.localdate, help_text=_("Första året räknas härifrån.")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["unit__name", "user__username"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            # The name it had in checklists: the constraint moved with the table.
            models.UniqueConstraint(fields=["unit", "user"], name="checklists_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"


def is_familjeombud(user) -> bool:
    """Familjeombud of at least one unit."""
    return Membership.objects.of(user).familjeombud().exists()
