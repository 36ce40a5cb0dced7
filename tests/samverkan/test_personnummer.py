import datetime
import logging

import pytest

from samverkan.log_filters import MASK, mask_personnummer
from samverkan.personnummer import (
    PERSONNUMMER_CHECK_DIGIT,
    PERSONNUMMER_DATE,
    PERSONNUMMER_FORMAT,
    PERSONNUMMER_FUTURE,
    PERSONNUMMER_PLUS,
    PERSONNUMMER_SERIAL,
    PersonnummerError,
    check_digit,
    format_personnummer,
    is_samordningsnummer,
    normalize_personnummer,
    parse_personnummer,
)

TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    "raw",
    [
        "201212121212",
        "20121212-1212",
        " 20121212-1212 ",
        "121212-1212",
        "1212121212",
        "121212 1212",
        "2012 12 12 - 1212",
        "20121212–1212",  # en dash from a word processor
        "20121212\u00a01212",  # no-break space
    ],
)
def test_a_valid_personnummer_in_any_usual_writing_is_normalised_to_twelve_digits(raw):
    assert normalize_personnummer(raw, today=TODAY) == "201212121212"


def test_a_samordningsnummer_with_day_plus_sixty_is_accepted_and_recognised():
    # Skatteverket's example: a man born 3 October 1970 with individnummer 239.
    parsed = parse_personnummer("701063-2391", today=TODAY)
    assert parsed.number == "197010632391"
    assert parsed.born == datetime.date(1970, 10, 3)
    assert parsed.is_samordningsnummer and is_samordningsnummer(parsed.number)


def test_the_ten_digit_form_takes_the_century_of_someone_under_a_hundred():
    ten = "261130" + "123"
    ten += check_digit(ten)
    assert normalize_personnummer(f"{ten[:6]}-{ten[6:]}", today=TODAY) == "20" + ten


def test_a_plus_sign_means_a_hundred_years_more():
    nine = "261130123"
    ten = nine + check_digit(nine)
    assert normalize_personnummer(f"{ten[:6]}+{ten[6:]}", today=TODAY) == "19" + ten


def test_the_plus_sign_counts_from_the_year_the_person_turns_a_hundred():
    # Born 31 December 1926: turns 100 during 2026, so "+" is already right on 1 December.
    nine = "261231123"
    ten = nine + check_digit(nine)
    assert normalize_personnummer(f"{ten[:6]}+{ten[6:]}", today=TODAY) == "19" + ten
    assert normalize_personnummer(f"19{ten[:6]}+{ten[6:]}", today=TODAY) == "19" + ten


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12121212", PERSONNUMMER_FORMAT),
        ("2012121212123", PERSONNUMMER_FORMAT),
        ("abcdefgh-1234", PERSONNUMMER_FORMAT),
        ("20121212--1212", PERSONNUMMER_FORMAT),
        ("20121312-1212", PERSONNUMMER_DATE),
        ("20120230-1212", PERSONNUMMER_DATE),
        ("17121212-1212", PERSONNUMMER_DATE),  # century 17 is never used
        ("20121292-1212", PERSONNUMMER_DATE),  # day 32 + 60
        ("20121212-1213", PERSONNUMMER_CHECK_DIGIT),
        ("20121212+1212", PERSONNUMMER_PLUS),  # 14 years old
    ],
)
def test_an_invalid_number_is_refused_with_a_clear_message(raw, message):
    with pytest.raises(PersonnummerError) as error:
        normalize_personnummer(raw, today=TODAY)
    assert str(error.value) == message


def test_serial_number_000_is_refused_because_it_is_never_issued():
    nine = "121212000"
    with pytest.raises(PersonnummerError) as error:
        normalize_personnummer(f"20{nine}{check_digit(nine)}", today=TODAY)
    assert str(error.value) == PERSONNUMMER_SERIAL


def test_a_birth_date_that_has_not_been_yet_is_refused():
    nine = "261202123"
    with pytest.raises(PersonnummerError) as error:
        normalize_personnummer(f"{nine[:6]}-{nine[6:]}{check_digit(nine)}", today=TODAY)
    assert str(error.value) == PERSONNUMMER_FUTURE


def test_the_one_display_format_has_eight_digits_a_hyphen_and_four():
    assert format_personnummer("201212121212") == "20121212-1212"


def test_personnummer_patterns_are_masked_in_the_samverkan_log(caplog):
    logger = logging.getLogger("samverkan")
    with caplog.at_level(logging.INFO, logger="samverkan"):
        logger.info("barn %s och %s", "20121212-1212", "1212121212")
    assert "1212" not in caplog.text
    assert caplog.text.count(MASK) == 2


def test_masking_leaves_other_numbers_alone():
    assert mask_personnummer("rum 12, 2024") == "rum 12, 2024"
