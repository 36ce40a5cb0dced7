"""No personnummer reaches a log line, whatever a log call puts in it."""

import io
import logging

import pytest

from familjeombud.logging import PERSONNUMMER_MASK, MaskPersonnummerFilter, mask_personnummer

NUMBERS = ["201203241234", "20120324-1234", "1203241234", "120324-1234", "120324+1234"]


@pytest.mark.parametrize("number", NUMBERS)
def test_every_written_form_of_a_personnummer_is_masked(number):
    assert mask_personnummer(f"barn {number} i ärendet") == f"barn {PERSONNUMMER_MASK} i ärendet"


@pytest.mark.parametrize(
    "text",
    [
        "ärende 42 öppnat",
        "2026-11-26 17:00",
        "123456789",  # nine digits
        "1234567890123",  # thirteen digits: part of something longer
        "12032-41234",
    ],
)
def test_numbers_that_are_not_shaped_like_a_personnummer_are_left_alone(text):
    assert mask_personnummer(text) == text


def record(msg, *args, exc_info=None):
    return logging.LogRecord("test", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_the_filter_masks_the_arguments_of_a_lazy_log_call_and_keeps_the_record():
    rec = record("sökte efter %s och %d", "20120324-1234", 7)
    assert MaskPersonnummerFilter().filter(rec) is True
    assert rec.getMessage() == f"sökte efter {PERSONNUMMER_MASK} och 7"


def test_the_filter_masks_a_traceback():
    try:
        raise ValueError("ogiltigt värde 120324-1234")
    except ValueError:
        import sys

        rec = record("fel", exc_info=sys.exc_info())
    MaskPersonnummerFilter().filter(rec)
    text = logging.Formatter().format(rec)
    assert "120324-1234" not in text
    assert f"ogiltigt värde {PERSONNUMMER_MASK}" in text


def test_a_broken_format_string_is_still_logged_and_masked():
    rec = record("%s %s", "120324-1234")
    assert MaskPersonnummerFilter().filter(rec) is True
    assert "120324-1234" not in rec.getMessage()


def root_handler_with_filter():
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, MaskPersonnummerFilter) for f in handler.filters):
            return handler
    raise AssertionError("rotloggerns hanterare saknar MaskPersonnummerFilter")


def test_the_configured_root_handler_masks_records_from_any_logger(monkeypatch):
    handler = root_handler_with_filter()
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)
    logging.getLogger("samverkan.services").warning("samtycke för %s", "201203241234")
    logging.getLogger("django.request").error("Not Found: /sok/?q=20120324-1234")
    output = stream.getvalue()
    assert "201203241234" not in output
    assert "20120324-1234" not in output
    assert output.count(PERSONNUMMER_MASK) == 2


def test_a_request_with_a_personnummer_in_the_address_is_logged_masked(client, db, monkeypatch):
    handler = root_handler_with_filter()
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)
    client.get("/finns-inte/20120324-1234/")
    output = stream.getvalue()
    assert "Not Found" in output
    assert "20120324-1234" not in output
