"""The one masker: what must never reach a log line or the audit log's free text.

A personnummer (or samordningsnummer) is found in any way a person writes it: ten or twelve
digits, with or without a separator between the groups (-, +, an en dash, spaces). Anything
shaped like one is masked; a masked phone number is a smaller harm than a leaked identity.
Python's \\d matches the digits of every script (fullwidth ones too), so those are masked as
well. Names are masked only where the caller knows them (`mask_words`)."""

import logging
import re

PERSONNUMMER_MASK = "[personnummer]"
NAME_MASK = "[namn]"

# The groups (ÅÅ)ÅÅ MM DD NNNN, each pair of date groups perhaps split by a space or a dash (a
# word processor's dash too), the last four by -, + (with spaces around) or a space.
_DASH = "\\-\u2010-\u2015\u2212\ufe63\uff0d"
_SPACE = " \u00a0\u3000"
_IN_DATE = f"[{_SPACE}{_DASH}]?"
_BEFORE_SERIAL = f"(?:[{_SPACE}]?[+\uff0b{_DASH}][{_SPACE}]?|[{_SPACE}])?"
PERSONNUMMER_PATTERN = re.compile(
    rf"(?<!\d)(?:\d\d{_IN_DATE})?\d\d{_IN_DATE}\d\d{_IN_DATE}\d\d{_BEFORE_SERIAL}\d{{4}}(?!\d)"
)


def mask_personnummer(text: str) -> str:
    return PERSONNUMMER_PATTERN.sub(PERSONNUMMER_MASK, text)


def mask_words(text: str, words, mask: str = NAME_MASK) -> str:
    """Every whole-word occurrence of each word (a name and its parts), case-insensitively."""
    parts = sorted(
        {p for w in words if w for p in [w.strip(), *w.split()] if len(p.strip()) >= 2},
        key=len,
        reverse=True,
    )
    if not parts:
        return text
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in parts) + r")(?!\w)", re.I)
    return pattern.sub(mask, text)


def mask_text(text: str, names=()) -> str:
    """Personnummer in every written form, then the given names."""
    return mask_words(mask_personnummer(text or ""), names)


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
