"""Properties of the personnummer rule over any input (hypothesis)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan.personnummer import (
    MESSAGES,
    PERSONNUMMER_FORMAT,
    PERSONNUMMER_SERIAL,
    PersonnummerError,
    birth_date,
    check_digit,
    format_personnummer,
    luhn_ok,
    normalize_personnummer,
    parse_personnummer,
)

TODAY = datetime.date(2026, 12, 1)


@st.composite
def personnummer(draw, min_date=datetime.date(1890, 1, 1)):
    born = draw(st.dates(min_date, TODAY))
    serial = draw(st.integers(1, 999))  # 000 is never issued
    day = born.day + (60 if draw(st.booleans()) else 0)  # a samordningsnummer adds 60
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born.year // 100}{nine}{check_digit(nine)}"


def written_forms(value: str) -> list[str]:
    """Every way Skatteverket and people write the same number."""
    year = int(value[:4])
    separator = "+" if TODAY.year - year >= 100 else "-"
    forms = [
        value,
        f"{value[:8]}-{value[8:]}",
        f" {value[:4]} {value[4:6]} {value[6:8]} - {value[8:]} ",
        f"{value[2:8]}{separator}{value[8:]}",
        f"{value[2:8]} {separator} {value[8:]}",
        f"{value[:8]}\u2013{value[8:]}",
    ]
    if separator == "-":
        forms.append(value[2:])
    else:
        forms.append(f"{value[:8]}+{value[8:]}")
    return forms


@given(st.text())
def test_any_text_is_either_twelve_valid_digits_or_a_known_refusal(raw):
    try:
        value = normalize_personnummer(raw, today=TODAY)
    except PersonnummerError as error:
        assert str(error) in MESSAGES
        return
    assert len(value) == 12 and value.isascii() and value.isdigit()
    assert luhn_ok(value[2:]) and value[8:11] != "000"
    assert birth_date(value) <= TODAY


@given(personnummer())
def test_every_valid_number_is_accepted_in_each_way_of_writing_it(value):
    for written in written_forms(value):
        assert normalize_personnummer(written, today=TODAY) == value, written


@given(personnummer())
def test_the_display_format_reads_back_to_the_stored_form(value):
    assert normalize_personnummer(format_personnummer(value), today=TODAY) == value


@given(personnummer())
def test_the_birth_date_and_kind_come_from_the_number(value):
    parsed = parse_personnummer(value, today=TODAY)
    assert parsed.born == birth_date(value)
    assert parsed.is_samordningsnummer == (int(value[6:8]) > 60)


@given(personnummer(), st.integers(1, 9))
def test_a_wrong_check_digit_is_always_refused(value, delta):
    wrong = value[:11] + str((int(value[11]) + delta) % 10)
    with pytest.raises(PersonnummerError):
        normalize_personnummer(wrong, today=TODAY)


@given(personnummer())
def test_serial_000_is_refused_even_with_a_matching_check_digit(value):
    nine = value[2:8] + "000"
    with pytest.raises(PersonnummerError) as error:
        normalize_personnummer(value[:2] + nine + check_digit(nine), today=TODAY)
    assert str(error.value) == PERSONNUMMER_SERIAL


@given(personnummer(), st.integers(2, 11), st.integers(1, 9))
def test_any_single_mistyped_digit_after_the_century_is_refused(value, i, delta):
    changed = value[:i] + str((int(value[i]) + delta) % 10) + value[i + 1 :]
    with pytest.raises(PersonnummerError):
        normalize_personnummer(changed, today=TODAY)


def test_digits_of_other_scripts_are_refused_as_a_wrong_format():
    """Python's \\d matched them: '٢٠١٢١٢١٢١٢١٢' was stored as a personnummer."""
    with pytest.raises(PersonnummerError) as error:
        normalize_personnummer("٢٠١٢١٢١٢١٢١٢")
    assert str(error.value) == PERSONNUMMER_FORMAT
