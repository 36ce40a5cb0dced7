""".ics injection (issue 20): a room name with a lone CR (or any other control character or
line break) cannot end the LOCATION property and forge another one, such as an ATTENDEE. The
file is read back with the icalendar parser, as a calendar program would."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from samverkan.ics import meeting_ics

FORGED = "ATTENDEE:mailto:falsk@example.com"
HOSTILE_ROOMS = [
    f"Rum 1\r{FORGED}",
    f"Rum 1\n{FORGED}",
    f"Rum 1\r\n{FORGED}",
    f"Rum 1\r\n {FORGED}",
    f"Rum 1\x0b{FORGED}",
    f"Rum 1\x0c{FORGED}",
    f"Rum 1\x85{FORGED}",
    f"Rum 1\u2028{FORGED}",
    f"Rum 1\x00{FORGED}",
    f"Rum 1\x1e{FORGED}",
    "Rum 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Falsk",
]
PROPERTIES = sorted(["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"])


def ics_for(room: str) -> str:
    return meeting_ics(
        uid="m-1@familjeombud",
        starts_at=datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC),
        summary="Samverkansmöte",
        location=room,
        description=f"Plats: {room}",
    )


def readings(ics: str) -> list[str]:
    """The file as icalendar reads it (CRLF or LF ends a line) and as a program reads it that
    takes every line break Python knows for one (a lone CR, VT, FF, NEL, LS...)."""
    return [ics, "\r\n".join(ics.splitlines()) + "\r\n"]


def properties_of(ics: str) -> list[tuple[str, str]]:
    calendar = Calendar.from_ical(ics)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1, ics
    items = events[0].property_items(recursive=False)[1:-1]  # without BEGIN and END
    return sorted((name, str(value)) for name, value in items)


@pytest.mark.parametrize("room", HOSTILE_ROOMS, ids=range(len(HOSTILE_ROOMS)))
def test_a_hostile_room_yields_one_location_and_no_other_property(room):
    for reading in readings(ics_for(room)):
        found = properties_of(reading)
        assert [name for name, _ in found] == PROPERTIES
        assert dict(found)["LOCATION"].startswith("Rum 1")


def test_only_crlf_ends_a_line_of_the_file():
    ics = ics_for(HOSTILE_ROOMS[0])
    assert "\r" not in ics.replace("\r\n", "")
    assert "\n" not in ics.replace("\r\n", "")


@settings(max_examples=200, deadline=None)
@given(room=st.text(max_size=200), description=st.text(max_size=200))
def test_no_text_whatever_it_holds_adds_a_property(room, description):
    ics = meeting_ics(
        uid="m-1@familjeombud",
        starts_at=datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC),
        summary="Samverkansmöte",
        location=room,
        description=description,
    )
    for reading in readings(ics):
        assert [name for name, _ in properties_of(reading)] == PROPERTIES
