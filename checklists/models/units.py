"""Units (verksamheter) and who belongs to them; every readiness view starts from here."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REGION_PERMISSION = "checklists.view_region"


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


class Municipality(models.TextChoices):
    ALVESTA = "alvesta", "Alvesta"
    LESSEBO = "lessebo", "Lessebo"
    LJUNGBY = "ljungby", "Ljungby"
    MARKARYD = "markaryd", "Markaryd"
    TINGSRYD = "tingsryd", "Tingsryd"
    UPPVIDINGE = "uppvidinge", "Uppvidinge"
    VAXJO = "vaxjo", "Växjö"
    ALMHULT = "almhult", "Älmhult"


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members see their own units; the region (strateg) and superusers see every unit."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser or user.has_perm(REGION_PERMISSION):
            return self.all()
        return self.filter(pk__in=Membership.objects.filter(user=user).values("unit_id"))

    def editable_by(self, user):
        """Only members change a unit's assessment; region read access is read-only."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=Membership.objects.filter(user=user).values("unit_id"))


class Unit(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=32, choices=UnitKind.choices)
    municipality = models.CharField(_("kommun"), max_length=16, choices=Municipality.choices)
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

    class Meta:
        ordering = ["unit__name", "user__username"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="checklists_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"


STRATEG_GROUP = "Strateg"


def strateg_group():
    """The region role's group. Migration 0003 creates it; this recreates it where a flushed
    database (transactional tests, a reset) lost it, so demo data and tests never depend on it."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    group, _ = Group.objects.get_or_create(name=STRATEG_GROUP)
    content_type = ContentType.objects.get_for_model(Unit)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_region",
        defaults={"name": "Kan se alla verksamheters beredskap (region)"},
    )
    group.permissions.add(permission)
    return group
