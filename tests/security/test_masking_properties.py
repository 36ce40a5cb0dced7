"""The one masker (core/masking.py) over personnummer written every way people write them, in
any surrounding text (hypothesis), and through the audit log's way in."""

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.masking import NAME_MASK, PERSONNUMMER_MASK, mask_personnummer, mask_text
from familjeombud import logging as project_logging
from samverkan import log_filters

FULLWIDTH = str.maketrans("0123456789-+ ", "０１２３４５６７８９－＋\u3000")
SEPARATORS = ["", "-", "+", " ", " - ", "\u2013", "\u2212", "\u00a0"]


@st.composite
def written_personnummer(draw):
    """Twelve or ten digits; a separator before the last four (or none); perhaps spaces or
    dashes between the date's groups; perhaps fullwidth digits, as a phone keyboard types."""
    born = draw(st.dates(datetime.date(1890, 1, 1), datetime.date(2026, 12, 1)))
    day = born.day + (60 if draw(st.booleans()) else 0)
    serial = f"{draw(st.integers(0, 9999)):04d}"
    year = f"{born:%Y}" if draw(st.booleans()) else f"{born:%y}"
    groups = [year, f"{born:%m}", f"{day:02d}"]
    inner = draw(st.sampled_from(["", " ", "-"]))
    if len(year) == 4 and inner and draw(st.booleans()):
        groups = [year[:2], year[2:], *groups[1:]]
    text = inner.join(groups) + draw(st.sampled_from(SEPARATORS)) + serial
    if draw(st.booleans()):
        text = text.translate(FULLWIDTH)
    digits = re.sub(r"\D", "", text)
    return text, digits


# Surrounding text without digits of its own: what is left after masking must hold no digit.
PROSE = st.text(
    alphabet=st.characters(blacklist_categories=("Nd", "Cs"), blacklist_characters="\x00"),
    max_size=30,
)


@settings(max_examples=400, deadline=None)
@given(number=written_personnummer(), before=PROSE, after=PROSE)
def test_every_written_form_of_a_personnummer_is_masked_in_any_text(number, before, after):
    text, _digits = number
    masked = mask_personnummer(f"{before} {text} {after}")
    assert PERSONNUMMER_MASK in masked
    assert not re.search(r"\d", masked)


@settings(max_examples=200, deadline=None)
@given(number=written_personnummer(), before=PROSE, after=PROSE)
def test_the_audit_masker_takes_the_number_and_the_names(number, before, after):
    text, _digits = number
    masked = mask_text(f"{before} Signe Ek {text} {after}", ["Signe Ek"])
    assert not re.search(r"\d", masked)
    assert NAME_MASK in masked and "Signe" not in masked.replace(before, "").replace(after, "")


@pytest.mark.parametrize(
    "text", ["2026-11-26 17:00", "ärende 42", "123456789", "1234567890123", "0470-410 00"]
)
def test_dates_times_and_short_numbers_are_left_alone(text):
    assert mask_personnummer(text) == text


def test_the_log_filters_use_the_one_masker():
    assert project_logging.mask_personnummer is mask_personnummer
    assert log_filters.mask_personnummer is mask_personnummer
    assert log_filters.PersonnummerMaskingFilter is project_logging.MaskPersonnummerFilter
