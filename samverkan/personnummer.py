"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer), read in every way people write them and checked as Skatteverket defines
them (SKV 704, 18 and 18 a §§ folkbokföringslagen):

* födelsetid ÅÅMMDD, stored with the century (18, 19 or 20) as ÅÅÅÅMMDD;
* a samordningsnummer adds 60 to the day;
* födelsenummer/individnummer 001–999: 000 is never issued;
* a check digit by the modulus-10 method with weights 2 and 1 over the ten digits;
* the ten-digit form separates with "-", and with "+" from the year the person turns 100.

A pure function so that forms, services and tests share one rule; nothing here ever logs the
number."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

PERSONNUMMER_FORMAT = (
    "Skriv numret med 10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN."
)
PERSONNUMMER_DATE = "Numret innehåller inget giltigt födelsedatum."
PERSONNUMMER_FUTURE = "Födelsedatumet i numret har inte varit ännu. Kontrollera siffrorna."
PERSONNUMMER_PLUS = (
    "Plustecken skrivs bara för den som fyller 100 år i år eller är äldre. "
    "Skriv ett bindestreck i stället."
)
PERSONNUMMER_SERIAL = "Födelsenumret 000 delas aldrig ut av Skatteverket. Kontrollera siffrorna."
PERSONNUMMER_CHECK_DIGIT = "Numrets kontrollsiffra stämmer inte. Kontrollera siffrorna."
MESSAGES = (
    PERSONNUMMER_FORMAT,
    PERSONNUMMER_DATE,
    PERSONNUMMER_FUTURE,
    PERSONNUMMER_PLUS,
    PERSONNUMMER_SERIAL,
    PERSONNUMMER_CHECK_DIGIT,
)

# ASCII digits only: Python's \d also matches other scripts' digits (e.g. Arabic-Indic), which
# int() reads but no register holds.
_SHAPE = re.compile(r"^(\d{6}|\d{8})([-+]?)(\d{4})$", re.ASCII)
# Word processors and phones turn the hyphen into one of these; people paste them.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
CENTURIES = (18, 19, 20)
COORDINATION_DAY_OFFSET = 60


class PersonnummerError(ValueError):
    pass


@dataclass(frozen=True)
class ParsedNumber:
    number: str  # twelve ASCII digits, ÅÅÅÅMMDDNNNC
    born: datetime.date
    is_samordningsnummer: bool


def luhn_ok(digits: str) -> bool:
    """Luhn over the ten digits YYMMDDNNNC, as the Swedish Tax Agency computes it."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def check_digit(nine: str) -> str:
    """The digit that makes ÅÅMMDDNNN + digit pass the Luhn check."""
    return next(d for d in "0123456789" if luhn_ok(nine + d))


def birth_date(value: str) -> datetime.date:
    """Date of birth of twelve digits; a samordningsnummer has 60 added to the day."""
    year, month, day = int(value[0:4]), int(value[4:6]), int(value[6:8])
    if day > COORDINATION_DAY_OFFSET:
        day -= COORDINATION_DAY_OFFSET
    return datetime.date(year, month, day)


def _year(date_part: str, separator: str, today: datetime.date) -> int:
    if len(date_part) == 8:
        year = int(date_part[:4])
        if year // 100 not in CENTURIES:
            raise PersonnummerError(PERSONNUMMER_DATE)
        if separator == "+" and today.year - year < 100:
            raise PersonnummerError(PERSONNUMMER_PLUS)
        return year
    # Ten digits: "-" for someone who turns at most 99 this year, "+" from the year of 100.
    yy = int(date_part[:2])
    year = today.year - (today.year - yy) % 100
    return year - 100 if separator == "+" else year


def parse_personnummer(raw: str, *, today: datetime.date | None = None) -> ParsedNumber:
    """Read a personnummer or samordningsnummer, or raise PersonnummerError with a message
    for the user."""
    today = today or timezone.localdate()
    compact = "".join((raw or "").split()).translate(_DASHES)
    match = _SHAPE.match(compact)
    if not match:
        raise PersonnummerError(PERSONNUMMER_FORMAT)
    date_part, separator, last_four = match.groups()
    year = _year(date_part, separator, today)
    number = f"{year:04d}{date_part[-4:]}{last_four}"
    try:
        born = birth_date(number)
    except ValueError:
        raise PersonnummerError(PERSONNUMMER_DATE) from None
    if born > today:
        raise PersonnummerError(PERSONNUMMER_FUTURE)
    if last_four[:3] == "000":
        raise PersonnummerError(PERSONNUMMER_SERIAL)
    if not luhn_ok(number[2:]):
        raise PersonnummerError(PERSONNUMMER_CHECK_DIGIT)
    return ParsedNumber(number, born, int(number[6:8]) > COORDINATION_DAY_OFFSET)


def normalize_personnummer(raw: str, *, today: datetime.date | None = None) -> str:
    """The one stored form: twelve digits ÅÅÅÅMMDDNNNC."""
    return parse_personnummer(raw, today=today).number


def is_samordningsnummer(value: str) -> bool:
    return int(value[6:8]) > COORDINATION_DAY_OFFSET


def format_personnummer(value: str) -> str:
    """The one display format, ÅÅÅÅMMDD-NNNN (what Skatteverket stores, with the hyphen)."""
    return f"{value[:8]}-{value[8:]}" if len(value) == 12 and value.isdigit() else value
