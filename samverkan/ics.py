"""iCalendar (RFC 5545) written by hand: one event, CRLF line ends, escaped text, lines
folded at 75 octets. The child's name never goes into a calendar file."""

import datetime
import re
import unicodedata

from django.utils import timezone

PRODID = "-//Region Kronoberg//Familjeombudsportalen//SV"
MEETING_LENGTH = datetime.timedelta(minutes=90)


# Everything a reader may take for the end of a line: CRLF, a lone CR or LF, and the other
# breaks Python's splitlines() knows (VT, FF, FS, GS, RS, NEL, LS, PS).
LINE_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _no_control(ch: str) -> str:
    return " " if unicodedata.category(ch) == "Cc" else ch


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line
    break written as the two characters \\n, any other control character a space, so that
    nothing a user typed can end the property and start another (a forged ATTENDEE)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = LINE_BREAK.sub("\\\\n", value)
    return "".join(map(_no_control, value))


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets without breaking a character."""
    out, current = [], b""
    for ch in line:
        encoded = ch.encode("utf-8")
        limit = 75 if not out else 74
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(*, uid: str, starts_at, summary: str, location: str, description: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(starts_at + MEETING_LENGTH)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(location)}",
        f"DESCRIPTION:{escape_text(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
