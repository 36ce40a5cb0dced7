"""Swedish personal identity numbers. A pure function so that forms, services and tests
share one rule, and nothing here ever logs the number."""

import datetime
import re

PERSONNUMMER_FORMAT = "Ange personnumret med tolv siffror: ÅÅÅÅMMDDNNNN (bindestreck går bra)."
PERSONNUMMER_DATE = "Personnumret innehåller inget giltigt födelsedatum."
PERSONNUMMER_CHECK_DIGIT = "Personnumrets kontrollsiffra stämmer inte. Kontrollera siffrorna."

# ASCII digits only: Python's \d also matches other scripts' digits (e.g. Arabic-Indic), which
# int() reads but no register holds.
_SHAPE = re.compile(r"^(\d{8})[-+]?(\d{4})$", re.ASCII)


class PersonnummerError(ValueError):
    pass


def luhn_ok(digits: str) -> bool:
    """Luhn over the ten digits YYMMDDNNNC, as the Swedish Tax Agency computes it."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def birth_date(value: str) -> datetime.date:
    """Date of birth; a samordningsnummer has 60 added to the day."""
    year, month, day = int(value[0:4]), int(value[4:6]), int(value[6:8])
    if day > 60:
        day -= 60
    return datetime.date(year, month, day)


def normalize_personnummer(raw: str) -> str:
    """Return the twelve digits, or raise PersonnummerError with a message for the user."""
    match = _SHAPE.match((raw or "").strip().replace(" ", ""))
    if not match:
        raise PersonnummerError(PERSONNUMMER_FORMAT)
    value = match.group(1) + match.group(2)
    try:
        born = birth_date(value)
    except ValueError:
        raise PersonnummerError(PERSONNUMMER_DATE) from None
    if born > datetime.date.today() or born.year < 1890:
        raise PersonnummerError(PERSONNUMMER_DATE)
    if not luhn_ok(value[2:]):
        raise PersonnummerError(PERSONNUMMER_CHECK_DIGIT)
    return value


def is_samordningsnummer(value: str) -> bool:
    return int(value[6:8]) > 60


def format_personnummer(value: str) -> str:
    return f"{value[:8]}-{value[8:]}" if len(value) == 12 else value
