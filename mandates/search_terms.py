"""Query words and excerpts for search, apart from the database: what a typed query becomes.

The Swedish endings let "barnets" also match "barn" and "anmälan" match "anmälningsplikten" where
the snowball stemmer alone does not (see mandates/search.py).
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
EXCERPT_CHARS = 160


def clean_query(raw: str) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def words_of(query: str) -> list[str]:
    return re.findall(r"\w+", query)


# Longest first; a stem keeps at least MIN_STEM letters so short words stay as they are.
SWEDISH_ENDINGS = sorted(
    [
        "ernas",
        "arnas",
        "ornas",
        "arna",
        "erna",
        "orna",
        "ande",
        "ende",
        "ets",
        "ens",
        "ans",
        "ers",
        "ars",
        "ors",
        "an",
        "en",
        "et",
        "er",
        "ar",
        "or",
        "na",
        "s",
        "a",
        "e",
    ],
    key=len,
    reverse=True,
)
MIN_STEM = 4


def without_ending(word: str) -> str:
    lower = word.lower()
    for ending in SWEDISH_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            return lower[: -len(ending)]
    return lower


def tsquery_text(query: str) -> str:
    """'anmälan barnets' -> '(anmälan:* | anmäl:*) & (barnets:* | barn:*)' (only \\w letters)."""
    terms = []
    for word in words_of(query):
        forms = dict.fromkeys([word.lower(), without_ending(word)])
        terms.append("(" + " | ".join(f"{form}:*" for form in forms) + ")")
    return " & ".join(terms)


def plain_excerpt(text: str, query: str) -> SafeString:
    """About EXCERPT_CHARS characters around the first match, matches marked, rest escaped."""
    pattern = re.compile(re.escape(query), re.I)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - EXCERPT_CHARS // 2)
    window = text[start : start + EXCERPT_CHARS]
    pieces, last = [], 0
    for match in pattern.finditer(window):
        pieces.append(escape(window[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(window[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + EXCERPT_CHARS < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
