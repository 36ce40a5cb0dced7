"""How the child is identified: a personnummer, a samordningsnummer, the region's own
reservnummer, or no number yet (a newborn not yet registered, a child who has just arrived)
with a birth date and the reason. The one rule that the case form and `case_create` share."""

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .personnummer import PersonnummerError, format_personnummer, parse_personnummer

RESERVNUMMER_MAX = 30
NUMBER_MISSING = "Skriv barnets personnummer eller samordningsnummer."
RESERVNUMMER_MISSING = "Skriv reservnumret så som det står i journalsystemet."
RESERVNUMMER_TOO_LONG = f"Reservnumret får vara högst {RESERVNUMMER_MAX} tecken."
RESERVNUMMER_CHARACTERS = (
    "Ett reservnummer kan bara innehålla siffror, bokstäver, bindestreck och mellanslag."
)
RESERVNUMMER_IS_PERSONNUMMER = (
    "Numret är ett giltigt personnummer eller samordningsnummer. Välj det alternativet i "
    "stället för reservnummer."
)
BIRTH_DATE_MISSING = "Ange barnets födelsedatum när barnet saknar nummer."
BIRTH_DATE_FUTURE = "Födelsedatumet kan inte ligga i framtiden."
NO_NUMBER_REASON_MISSING = (
    "Ange varför barnet saknar nummer, till exempel nyfödd och ännu inte folkbokförd."
)
NO_NUMBER_REASON_MAX = 500
NO_NUMBER_REASON_TOO_LONG = f"Skälet får vara högst {NO_NUMBER_REASON_MAX} tecken."

_RESERVNUMMER_CHARS = re.compile(r"^[0-9A-Za-zÅÄÖÆØÜåäöæøü+\- ]+$")


class IdKind(models.TextChoices):
    """What the stored number is. Never guessed from its shape when shown."""

    PERSONNUMMER = "personnummer", _("Personnummer")
    SAMORDNINGSNUMMER = "samordningsnummer", _("Samordningsnummer")
    RESERVNUMMER = "reservnummer", _("Reservnummer")
    NONE = "none", _("Saknar nummer")


class IdEntry(models.TextChoices):
    """What the clinician chooses on the form; a samordningsnummer is recognised by its day."""

    NUMBER = "number", _("Personnummer eller samordningsnummer")
    RESERVNUMMER = "reservnummer", _("Reservnummer (regionens tillfälliga nummer)")
    NONE = "none", _("Inget nummer ännu (till exempel nyfödd)")


class IdentityError(ValueError):
    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ChildIdentity:
    kind: str
    number: str = ""
    birth_date: datetime.date | None = None
    no_number_reason: str = ""


def child_identity(
    *,
    entry: str,
    number: str = "",
    birth_date: datetime.date | None = None,
    no_number_reason: str = "",
    today: datetime.date | None = None,
) -> ChildIdentity:
    """Raises IdentityError naming the field (number, birth_date, no_number_reason)."""
    today = today or timezone.localdate()
    number = (number or "").strip()
    if entry == IdEntry.NUMBER:
        if not number:
            raise IdentityError(NUMBER_MISSING, "number")
        try:
            parsed = parse_personnummer(number, today=today)
        except PersonnummerError as error:
            raise IdentityError(str(error), "number") from None
        kind = IdKind.SAMORDNINGSNUMMER if parsed.is_samordningsnummer else IdKind.PERSONNUMMER
        return ChildIdentity(kind, parsed.number, parsed.born)
    _check_birth_date(birth_date, today, required=entry == IdEntry.NONE)
    if entry == IdEntry.RESERVNUMMER:
        if not number:
            raise IdentityError(RESERVNUMMER_MISSING, "number")
        if len(number) > RESERVNUMMER_MAX:
            raise IdentityError(RESERVNUMMER_TOO_LONG, "number")
        if not _RESERVNUMMER_CHARS.match(number):
            raise IdentityError(RESERVNUMMER_CHARACTERS, "number")
        try:
            parse_personnummer(number, today=today)
        except PersonnummerError:
            return ChildIdentity(IdKind.RESERVNUMMER, number, birth_date)
        raise IdentityError(RESERVNUMMER_IS_PERSONNUMMER, "number")
    reason = (no_number_reason or "").strip()
    if not reason:
        raise IdentityError(NO_NUMBER_REASON_MISSING, "no_number_reason")
    if len(reason) > NO_NUMBER_REASON_MAX:
        raise IdentityError(NO_NUMBER_REASON_TOO_LONG, "no_number_reason")
    return ChildIdentity(IdKind.NONE, "", birth_date, reason)


def _check_birth_date(born, today, *, required: bool) -> None:
    if born is None:
        if required:
            raise IdentityError(BIRTH_DATE_MISSING, "birth_date")
        return
    if born > today:
        raise IdentityError(BIRTH_DATE_FUTURE, "birth_date")


def identity_label(kind: str) -> str:
    """The heading for the number on pages and documents: a samordningsnummer is never called
    a personnummer."""
    if kind in (IdKind.PERSONNUMMER, IdKind.SAMORDNINGSNUMMER, IdKind.RESERVNUMMER):
        return str(IdKind(kind).label)
    return str(_("Personnummer"))


def identity_display(kind: str, number: str, born: datetime.date | None) -> str:
    """One display format for each kind."""
    if kind in (IdKind.PERSONNUMMER, IdKind.SAMORDNINGSNUMMER):
        return format_personnummer(number)
    if kind == IdKind.RESERVNUMMER:
        return number
    if kind == IdKind.NONE:
        when = born.isoformat() if born else "–"
        return str(_("Saknas (född %(date)s)") % {"date": when})
    return "–"
