"""Log records never carry a personnummer, whoever wrote the log call.

A Swedish personal identity number can reach a log line by accident: a URL someone typed, a
form value in an exception message, a traceback. The filter masks anything shaped like one
(ten or twelve digits, optionally with - or + before the last four) in the message, its
arguments and any traceback, before a handler writes it anywhere.
"""

import logging
import re

PERSONNUMMER_MASK = "[personnummer]"

# (yy)yymmdd, an optional - or + separator, then four digits; not part of a longer digit run.
PERSONNUMMER_PATTERN = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


def mask_personnummer(text: str) -> str:
    return PERSONNUMMER_PATTERN.sub(PERSONNUMMER_MASK, text)


class MaskPersonnummerFilter(logging.Filter):
    """Rewrites the record in place and always lets it through: a log line with the number
    masked is more useful than no log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = str(record.msg)
        record.msg = mask_personnummer(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personnummer(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personnummer(record.stack_info)
        return True


class ClientErrorAsWarningFilter(logging.Filter):
    """A request with too many fields (or files) is the client's mistake or a probe, answered
    with 400: one warning line is enough, not an ERROR with a traceback that pages someone."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
