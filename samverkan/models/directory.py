"""The routine's directory: who to call and how to invite. Kept as data so that an
administrator can correct a phone number or e-mail address without a release."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    name = models.CharField(_("kommun"), max_length=100, unique=True)
    switchboard = models.CharField(_("växelnummer"), max_length=40)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class BvcUnit(models.Model):
    """A child health care unit where Barnets bästa-ansvarig in BVC can be reached."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="bvc_units", verbose_name=_("kommun")
    )
    name = models.CharField(_("enhet"), max_length=100)
    email = models.CharField(_("e-post"), max_length=200)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("BVC-enhet")
        verbose_name_plural = _("BVC-enheter")

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"


class Channel(models.TextChoices):
    LINK = "link", _("Link")
    LETTER_OR_EMAIL = "letter_or_email", _("Brev eller mejl")


class OrganisationType(models.Model):
    """One of the routine's twelve kinds of organisation to invite."""

    name = models.CharField(_("verksamhet"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    channel = models.CharField(_("kanal för inbjudan"), max_length=20, choices=Channel.choices)
    call_municipality_for_address = models.BooleanField(
        _("ring kommunens växel för adressen"),
        default=False,
        help_text=_("Förskola och skola: rektorns adress fås via kommunens växel."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("verksamhetstyp")
        verbose_name_plural = _("verksamhetstyper")

    def __str__(self) -> str:
        return self.name


class WheelArea(models.Model):
    """An area of Barnets bästa-hjulet. The source routine does not name the seven areas;
    a name nobody has confirmed against the region's wheel stays flagged."""

    order = models.PositiveSmallIntegerField(_("ordning"), unique=True)
    name = models.CharField(_("namn"), max_length=100)
    description = models.TextField(_("beskrivning"), blank=True)
    awaiting_confirmation = models.BooleanField(
        _("väntar på bekräftelse"),
        default=True,
        help_text=_("Namnet är inte bekräftat mot Region Kronobergs Barnens bästa-hjul."),
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("område i Barnets bästa-hjulet")
        verbose_name_plural = _("områden i Barnets bästa-hjulet")

    def __str__(self) -> str:
        return self.name
