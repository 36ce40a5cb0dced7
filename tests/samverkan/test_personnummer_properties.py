"""Properties of the personnummer rule over any input (hypothesis)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan.personnummer import (
    PERSONNUMMER_FORMAT,
    PersonnummerError,
    luhn_ok,
    normalize_personnummer,
)


def with_check_digit(nine: str) -> str:
    return nine + next(d for d in "0123456789" if luhn_ok(nine + d))


@st.composite
def personnummer(draw):
    born = draw(st.dates(datetime.date(1890, 1, 1), datetime.date.today()))
    serial = draw(st.integers(0, 999))
    day = born.day + (60 if draw(st.booleans()) else 0)  # a samordningsnummer adds 60
    ten = with_check_digit(f"{born:%y%m}{day:02d}{serial:03d}")
    return f"{born.year // 100}{ten}"


@given(st.text())
def test_any_text_is_either_twelve_ascii_digits_or_a_clear_refusal(raw):
    try:
        value = normalize_personnummer(raw)
    except PersonnummerError:
        return
    assert len(value) == 12 and value.isascii() and value.isdigit()
    assert luhn_ok(value[2:])


@given(personnummer(), st.sampled_from(["{}", "{}-{}", " {}-{} ", "{}+{}"]))
def test_every_valid_number_is_accepted_in_each_way_of_writing_it(value, shape):
    written = shape.format(value[:8], value[8:]) if shape.count("{}") == 2 else value
    assert normalize_personnummer(written) == value


@given(personnummer(), st.integers(1, 9))
def test_a_wrong_check_digit_is_always_refused(value, delta):
    wrong = value[:11] + str((int(value[11]) + delta) % 10)
    with pytest.raises(PersonnummerError):
        normalize_personnummer(wrong)


def test_digits_of_other_scripts_are_refused_as_a_wrong_format():
    """Python's \\d matched them: '٢٠١٢١٢١٢١٢١٢' was stored as a personnummer."""
    with pytest.raises(PersonnummerError) as error:
        normalize_personnummer("٢٠١٢١٢١٢١٢١٢")
    assert str(error.value) == PERSONNUMMER_FORMAT
