"""Properties of the film duration parser over any text (hypothesis), and the inputs that
used to crash it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.durations import MAX_PARTS, MAX_SECONDS, parse_duration

DIGITS = st.text(st.sampled_from("0123456789"), min_size=1, max_size=12)
PIECES = st.sampled_from(["ca ", "", "(", ")", " minuter", " min.", " korta filmer (", "-", "–"])
DURATION_LIKE = st.lists(st.one_of(DIGITS, PIECES, st.sampled_from([".", ",", " + "])), max_size=8)


@settings(max_examples=300)
@given(st.one_of(st.text(), DURATION_LIKE.map("".join)))
def test_any_text_reads_as_unknown_or_as_a_sane_duration_never_an_error(text):
    parsed = parse_duration(text)
    if parsed is not None:
        assert 0 <= parsed.min_seconds <= parsed.max_seconds <= MAX_SECONDS
        assert 0 <= parsed.parts <= MAX_PARTS


@given(st.integers(1, 600))
def test_whole_minutes_are_read_as_sixty_seconds_each(minutes):
    assert parse_duration(f"ca {minutes} minuter").min_seconds == minutes * 60


@given(st.integers(0, 120), st.integers(0, 59))
def test_minutes_dot_seconds_are_read_as_minutes_and_seconds(minutes, seconds):
    parsed = parse_duration(f"{minutes}.{seconds:02d} minuter")
    assert parsed.min_seconds == parsed.max_seconds == minutes * 60 + seconds


@given(st.integers(0, 300), st.integers(0, 300))
def test_a_range_keeps_both_ends_in_either_order(a, b):
    parsed = parse_duration(f"{a}-{b} minuter")
    assert (parsed.min_seconds, parsed.max_seconds) == (min(a, b) * 60, max(a, b) * 60)


@pytest.mark.parametrize(
    "text",
    [
        "9" * 400 + " minuter",  # float() gave infinity: OverflowError
        "9" * 5000 + " minuter",  # over int()'s digit limit
        "99999999 minuter",  # ~6e9 s: more than the column (and PostgreSQL) takes
        "40000 filmer (3 minuter)",  # parts beyond a small integer
        "25 timmar i minuter: 1500 minuter",
    ],
)
def test_absurd_figures_read_as_unknown_instead_of_crashing_the_save(text):
    assert parse_duration(text) is None
