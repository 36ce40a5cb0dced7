"""Keeps personnummer out of the application logs even when someone logs a form value."""

import logging
import re

MASK = "[personnummer]"
# 12 digits (ÅÅÅÅMMDDNNNN) or 10 digits (ÅÅMMDDNNNN), with or without - or +.
_PATTERN = re.compile(r"(?<!\d)(?:\d{8}|\d{6})[-+]?\d{4}(?!\d)")


def mask_personnummer(text: str) -> str:
    return _PATTERN.sub(MASK, text)


class PersonnummerMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personnummer(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True


def install(logger_name: str = "samverkan") -> None:
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, PersonnummerMaskingFilter) for f in logger.filters):
        logger.addFilter(PersonnummerMaskingFilter())
