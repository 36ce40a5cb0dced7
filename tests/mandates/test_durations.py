import pytest

from mandates.durations import (
    DurationTotal,
    ParsedDuration,
    format_seconds,
    parse_duration,
    total_duration,
)


# Every duration written in stodpaket-familjeombud.txt, as written there.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ca 31 minuter", ParsedDuration(31 * 60, 31 * 60)),
        ("ca 14 + 21 minuter", ParsedDuration(35 * 60, 35 * 60, parts=2)),
        ("ca 4 minuter", ParsedDuration(240, 240)),
        ("ca 4,5 minuter", ParsedDuration(270, 270)),
        ("5 korta filmer (2-3 minuter)", ParsedDuration(600, 900, parts=5)),
        ("(5 korta filmer (2-3 minuter))", ParsedDuration(600, 900, parts=5)),
        ("2-3 minuter", ParsedDuration(120, 180)),
        ("8 minuter", ParsedDuration(480, 480)),
        ("6 minuter", ParsedDuration(360, 360)),
        ("5 minuter", ParsedDuration(300, 300)),
        ("3 minuter", ParsedDuration(180, 180)),
        ("7 minuter", ParsedDuration(420, 420)),
        ("19 minuter", ParsedDuration(19 * 60, 19 * 60)),
        ("3.50 minuter", ParsedDuration(3 * 60 + 50, 3 * 60 + 50)),
        ("4 minuter", ParsedDuration(240, 240)),
        ("3,5 minuter", ParsedDuration(210, 210)),
        ("9 minuter", ParsedDuration(540, 540)),
    ],
)
def test_each_duration_of_the_source_is_read_as_people_mean_it(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "Ny länsgemensam film på gång", "snart", "ca minuter"])
def test_text_without_a_duration_gives_unknown_not_zero(text):
    assert parse_duration(text) is None


def test_a_dot_means_minutes_and_seconds_but_a_comma_means_decimal_minutes():
    assert parse_duration("3.50 minuter").min_seconds == 230
    assert parse_duration("3,5 minuter").min_seconds == 210


def test_a_range_keeps_both_ends():
    parsed = parse_duration("2-3 minuter")
    assert parsed.is_range and (parsed.min_seconds, parsed.max_seconds) == (120, 180)


class _Film:
    def __init__(self, low, high):
        self.duration_min_seconds, self.duration_max_seconds = low, high


def test_total_adds_ranges_and_counts_unknown_films_apart():
    films = [_Film(240, 240), _Film(120, 180), _Film(None, None)]
    assert total_duration(films) == DurationTotal(360, 420, known=2, unknown=1)


def test_seconds_are_shown_in_swedish_short_form():
    assert format_seconds(35 * 60) == "35 min"
    assert format_seconds(230) == "3 min 50 s"
    assert format_seconds(3600 + 300) == "1 h 5 min"
