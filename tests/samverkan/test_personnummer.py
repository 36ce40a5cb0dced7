import logging

import pytest

from samverkan.log_filters import MASK, mask_personnummer
from samverkan.personnummer import (
    PERSONNUMMER_CHECK_DIGIT,
    PERSONNUMMER_DATE,
    PERSONNUMMER_FORMAT,
    PersonnummerError,
    is_samordningsnummer,
    luhn_ok,
    normalize_personnummer,
)


@pytest.mark.parametrize("raw", ["201212121212", "20121212-1212", " 20121212-1212 "])
def test_a_valid_personnummer_is_normalised_to_twelve_digits(raw):
    assert normalize_personnummer(raw) == "201212121212"


def test_a_samordningsnummer_with_day_plus_sixty_is_accepted():
    # Day 12 + 60 = 72; check digit computed by the Luhn rule.
    base = "1212721212"[:9]
    digit = next(d for d in "0123456789" if luhn_ok(base + d))
    value = normalize_personnummer("20" + base + digit)
    assert is_samordningsnummer(value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1212121212", PERSONNUMMER_FORMAT),
        ("2012121212123", PERSONNUMMER_FORMAT),
        ("abcdefgh-1234", PERSONNUMMER_FORMAT),
        ("20121312-1212", PERSONNUMMER_DATE),
        ("20120230-1212", PERSONNUMMER_DATE),
        ("20121212-1213", PERSONNUMMER_CHECK_DIGIT),
    ],
)
def test_an_invalid_personnummer_is_refused_with_a_clear_message(raw, message):
    with pytest.raises(PersonnummerError) as error:
        normalize_personnummer(raw)
    assert str(error.value) == message


def test_personnummer_patterns_are_masked_in_the_samverkan_log(caplog):
    logger = logging.getLogger("samverkan")
    with caplog.at_level(logging.INFO, logger="samverkan"):
        logger.info("barn %s och %s", "20121212-1212", "1212121212")
    assert "1212" not in caplog.text
    assert caplog.text.count(MASK) == 2


def test_masking_leaves_other_numbers_alone():
    assert mask_personnummer("rum 12, 2024") == "rum 12, 2024"
