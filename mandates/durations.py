"""Film durations as people write them, turned into seconds for totals and session planning.

Pure functions without Django, so that other apps (workplace sessions) can reuse them and the
tests can run every real duration of the source through them.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

# "3.50 minuter" is minutes.seconds; "4,5 minuter" and "3,5 minuter" are decimal minutes.
_NUMBER = r"\d+(?:[.,]\d+)?"
_SERIES = re.compile(r"(?P<count>\d+)\s+(?:korta\s+)?filmer\s*\((?P<inner>[^)]*)\)", re.I)
_RANGE = re.compile(rf"^(?P<low>{_NUMBER})\s*[-–]\s*(?P<high>{_NUMBER})$")
_SUM = re.compile(rf"^{_NUMBER}(?:\s*\+\s*{_NUMBER})+$")
_UNIT = re.compile(r"\s*(minuter|minut|min)\.?\s*$", re.I)
# No film is a day long, and no series has thousands of parts: larger figures are typos (and
# would not fit the columns), so they read as unknown. Numbers of more than MAX_DIGITS digits
# are not read at all (float() would give infinity, int() refuses over 4300 digits).
MAX_SECONDS = 24 * 60 * 60
MAX_PARTS = 1000
MAX_DIGITS = 9


DURATION_UNREADABLE = (
    "Längden ”{text}” går inte att läsa. Skriv den som i stödpaketet, med siffror: "
    "”ca 4 minuter”, ”3.50 minuter” (3 minuter 50 sekunder), ”4,5 minuter”, "
    "”ca 14 + 21 minuter” (två delar), ”2-3 minuter” (ett spann) eller "
    "”5 korta filmer (2-3 minuter)”. Lämna fältet tomt om längden inte är känd."
)


def unreadable_duration(text: str) -> bool:
    """A duration someone wrote that the portal cannot read ("ungefär åtta minuter"): refused
    where it is entered, since it would silently count as unknown. Empty means unknown."""
    return bool((text or "").strip()) and parse_duration(text) is None


@dataclass(frozen=True)
class ParsedDuration:
    """Seconds from the shortest to the longest reading; `parts` films or parts in all."""

    min_seconds: int
    max_seconds: int
    parts: int = 1

    @property
    def is_range(self) -> bool:
        return self.min_seconds != self.max_seconds


def _seconds(number: str) -> int:
    if "." in number:
        minutes, seconds = number.split(".", 1)
        return int(minutes) * 60 + int(seconds.ljust(2, "0")[:2])
    return round(float(number.replace(",", ".")) * 60)


def parse_duration(text: str) -> ParsedDuration | None:
    """Reads "ca 4 minuter", "ca 14 + 21 minuter", "3.50 minuter", "2-3 minuter",
    "5 korta filmer (2-3 minuter)"; anything else (empty, "Ny länsgemensam film på gång")
    gives None: the duration is unknown, not zero."""
    text = (text or "").strip()
    if any(len(digits) > MAX_DIGITS for digits in re.findall(r"\d+", text)):
        return None
    parsed = _parse(text)
    if parsed is None or parsed.max_seconds > MAX_SECONDS or parsed.parts > MAX_PARTS:
        return None
    return parsed


def _parse(text: str) -> ParsedDuration | None:
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text:
        return None
    series = _SERIES.search(text)
    if series:
        inner = parse_duration(series.group("inner"))
        if inner is None:
            return None
        count = int(series.group("count"))
        return ParsedDuration(inner.min_seconds * count, inner.max_seconds * count, count)
    if not _UNIT.search(text):
        return None
    body = _UNIT.sub("", text)
    body = re.sub(r"^(ca|cirka|c:a)\.?\s+", "", body, flags=re.I).strip()
    ranged = _RANGE.match(body)
    if ranged:
        low, high = _seconds(ranged.group("low")), _seconds(ranged.group("high"))
        return ParsedDuration(min(low, high), max(low, high))
    if _SUM.match(body):
        pieces = [_seconds(p) for p in re.split(r"\s*\+\s*", body)]
        return ParsedDuration(sum(pieces), sum(pieces), len(pieces))
    if re.fullmatch(_NUMBER, body):
        seconds = _seconds(body)
        return ParsedDuration(seconds, seconds)
    return None


@dataclass(frozen=True)
class DurationTotal:
    """Sum over several films; films without a known duration are counted, not guessed."""

    min_seconds: int = 0
    max_seconds: int = 0
    known: int = 0
    unknown: int = 0

    @property
    def is_range(self) -> bool:
        return self.min_seconds != self.max_seconds


def total_duration(films: Iterable) -> DurationTotal:
    """Works on anything with duration_min_seconds / duration_max_seconds (Film rows)."""
    low = high = known = unknown = 0
    for film in films:
        if film.duration_min_seconds is None:
            unknown += 1
            continue
        known += 1
        low += film.duration_min_seconds
        high += film.duration_max_seconds
    return DurationTotal(low, high, known, unknown)


def format_seconds(seconds: int) -> str:
    """Swedish short form: "35 min", "3 min 50 s", "1 h 5 min"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes or (hours and secs):
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def format_span(low: int, high: int) -> str:
    if low == high:
        return format_seconds(low)
    return f"{format_seconds(low)}–{format_seconds(high)}"
