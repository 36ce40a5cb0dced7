"""The routine's directory: who to call and how to invite. Kept as data so that an
administrator can correct a phone number or e-mail address without a release. Municipalities
and their switchboards are `organisation`'s."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Municipality


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


class RoutineStep(models.TextChoices):
    """The steps of the routine at which its own material is used."""

    CONSENT = "consent", _("Samtycke")
    INITIATION = "initiation", _("Initiera samverkan")
    MEETING = "meeting", _("Samverkansmötet")
    PLAN = "plan", _("Barnets plan")


def documents_by_step(documents) -> dict[str, list]:
    """Every step's documents, each step in the documents' order."""
    grouped: dict[str, list] = {step: [] for step in RoutineStep.values}
    for document in documents:
        grouped[document.step].append(document)
    return grouped


class RoutineDocumentQuerySet(models.QuerySet):
    def by_step(self) -> dict[str, list]:
        """Every step's documents from one query."""
        return documents_by_step(self)


class RoutineDocument(models.Model):
    """One of the region's own documents that the routine links, shown at its step. Kept as an
    address (the region publishes them), so a new edition is a change in admin."""

    title = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("adress"), max_length=500, unique=True)
    step = models.CharField(_("steg"), max_length=20, choices=RoutineStep.choices)
    description = models.TextField(_("när den används"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = RoutineDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["step", "order", "title"]
        verbose_name = _("dokument i rutinen")
        verbose_name_plural = _("dokument i rutinen")

    def __str__(self) -> str:
        return self.title


class MunicipalContact(models.Model):
    """A role in every municipality that the routine says to reach through the switchboard:
    the principal of the child's school and the KAA (kommunens aktivitetsansvarig)."""

    name = models.CharField(_("kontakt"), max_length=200, unique=True)
    description = models.TextField(_("när kontakten tas"), blank=True)
    school_age_only = models.BooleanField(_("bara för barn i skolålder"), default=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kontakt i kommunen")
        verbose_name_plural = _("kontakter i kommunen")

    def __str__(self) -> str:
        return self.name
