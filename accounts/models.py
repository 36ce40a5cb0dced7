"""Who an account is at the region's identity provider, which accounts are emergency accounts,
and the append-only trail of every sign-in, refusal and sign-out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import MembershipRole, Unit


class Account(models.Model):
    """The portal's own facts about a user that Django's User has no field for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account",
        verbose_name=_("användare"),
    )
    # The provider's stable identifier (HSA-id by default). E-mail addresses change and are
    # reused, so they never identify anyone here.
    identifier = models.CharField(
        _("identitet hos inloggningstjänsten"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Till exempel HSA-id. Fylls i vid första inloggningen via regionen."),
    )
    emergency_access = models.BooleanField(
        _("nödkonto"),
        default=False,
        help_text=_(
            "Får logga in med lösenord och engångskod när regionens inloggning inte fungerar. "
            "Varje inloggning med nödkonto visas i logguppföljningen."
        ),
    )

    class Meta:
        verbose_name = _("konto")
        verbose_name_plural = _("konton")

    def __str__(self) -> str:
        return self.identifier or str(self.user)


class UnitClaim(models.Model):
    """A value of the provider's unit claim (e.g. an HSA unit id) and the unit it means."""

    value = models.CharField(_("värde i inloggningstjänsten"), max_length=200, unique=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("verksamhet")
    )
    role = models.CharField(
        _("roll i verksamheten"),
        max_length=16,
        choices=MembershipRole.choices,
        default=MembershipRole.MEDARBETARE,
    )

    class Meta:
        ordering = ["value"]
        verbose_name = _("verksamhet från inloggningen")
        verbose_name_plural = _("verksamheter från inloggningen")

    def __str__(self) -> str:
        return f"{self.value} → {self.unit}"


class SignInMethod(models.TextChoices):
    OIDC = "oidc", _("Regionens inloggning")
    PASSWORD = "password", _("Lösenord")


class SignInOutcome(models.TextChoices):
    SIGNED_IN = "signed_in", _("Inloggad")
    REFUSED = "refused", _("Nekad")
    SIGNED_OUT = "signed_out", _("Utloggad")


class SignInEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Inloggningsloggen ändras aldrig.")

    def delete(self):
        raise TypeError("Inloggningsloggen ändras aldrig.")


class SignInEvent(models.Model):
    """One line of the sign-in trail. Never changed: it is the record of what happened."""

    when = models.DateTimeField(_("när"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    username = models.CharField(_("användarnamn"), max_length=255, blank=True)
    identifier = models.CharField(_("identitet"), max_length=200, blank=True)
    method = models.CharField(_("sätt"), max_length=10, choices=SignInMethod.choices)
    outcome = models.CharField(_("utfall"), max_length=12, choices=SignInOutcome.choices)
    reason = models.CharField(_("skäl"), max_length=40, blank=True)
    detail = models.CharField(_("detalj"), max_length=300, blank=True)
    emergency = models.BooleanField(_("nödkonto"), default=False)
    ip_address = models.GenericIPAddressField(_("adress"), null=True, blank=True)

    objects = SignInEventQuerySet.as_manager()

    class Meta:
        ordering = ["-when", "-id"]
        verbose_name = _("inloggningshändelse")
        verbose_name_plural = _("inloggningslogg")

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.username} {self.get_outcome_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Inloggningsloggen ändras aldrig.")
        super().save(*args, **kwargs)
