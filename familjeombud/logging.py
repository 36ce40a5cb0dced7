"""Log records never carry a personnummer, whoever wrote the log call.

A Swedish personal identity number can reach a log line by accident: a URL someone typed, a
form value in an exception message, a traceback. The settings' LOGGING puts the one masker
(core/masking.py) on every handler, so the message, its arguments and any traceback are masked
before a handler writes them anywhere.
"""

import logging

from core.masking import (
    PERSONNUMMER_MASK,
    PERSONNUMMER_PATTERN,
    MaskPersonnummerFilter,
    mask_personnummer,
)

__all__ = [
    "PERSONNUMMER_MASK",
    "PERSONNUMMER_PATTERN",
    "ClientErrorAsWarningFilter",
    "MaskPersonnummerFilter",
    "mask_personnummer",
]


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
