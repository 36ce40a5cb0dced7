"""What a text or a typed query becomes for search, the same on every database.

A word is lower-cased, folded to plain letters (å, ä -> a, ö -> o, é -> e: what PostgreSQL's
`unaccent` does, so "vald" finds "våld"), then stemmed with the Snowball Swedish stemmer (the
algorithm of PostgreSQL's `swedish_stem`, here from PyStemmer). Folding comes before stemming on
both sides, so a word typed with or without å/ä/ö gets the same stem. Stop words are those of
PostgreSQL's swedish dictionary, compared after folding as PostgreSQL does.

A query word is matched as a prefix of the stems in the text, in its shortest form: its stem or
the word without a common Swedish ending, whichever is shorter ("anmälan" -> "anmal", which
begins "anmalningsplik"; "barnets" -> "barn"). Both are cut-offs of the word, so the shorter one
covers the longer.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
EXCERPT_CHARS = 160
MAX_QUERY_WORDS = 8
# Shorter query words must match a whole stem ("i", "4", "vi"): as prefixes they match anything.
MIN_PREFIX = 3

# PostgreSQL's tsearch_data/swedish.stop (Snowball's list), word for word.
STOP_WORDS = frozenset(
    """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något
    från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller
    allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa
    några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
    vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas""".split()  # noqa: SIM905
)

# Letters unaccent maps that Unicode decomposition leaves alone.
_SPECIAL_FOLDS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l"})
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')

# Longest first; the shortened word keeps at least MIN_STEM letters so short words stay whole.
_ENDINGS = "ernas arnas ornas arna erna orna ande ende ets ens ans ers ars ors an en et er ar or na"
SWEDISH_ENDINGS = sorted([*_ENDINGS.split(), "s", "a", "e"], key=len, reverse=True)
MIN_STEM = 4


def clean_query(raw: str) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_SPECIAL_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_stemmer = Stemmer.Stemmer("swedish")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The indexed form of one word of text: folded, then stemmed."""
    return _stemmer.stemWord(fold(word))


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


def without_ending(word: str) -> str:
    lower = word.lower()
    for ending in SWEDISH_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            return lower[: -len(ending)]
    return lower


def query_form(word: str) -> str:
    """The prefix a query word is matched with (see the module's docstring)."""
    return min(stem(word), without_ending(fold(word)), key=len)


def index_text(text: str) -> str:
    """Text as the SQLite index holds it: stems separated by spaces, stop words left out."""
    return " ".join(stem(w) for w in words_of(text) if not is_stop_word(w))


@dataclass
class Word:
    """One query word: as typed, its prefix, and other indexed words it may stand for (compounds
    that end in it, a typo's correction), each matched as a prefix too."""

    typed: str
    form: str
    strict: list[str] = field(default_factory=list)  # whole stems: the word's own inflections
    others: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return len(self.form) < MIN_PREFIX


@dataclass
class Query:
    """A typed query: its words in order, and the quoted parts, which must appear as phrases.

    `parts` are what a hit must contain (each a list of consecutive words); `gaps[i]` is how many
    stop words stood between word i and the one before (a phrase keeps its distances on
    PostgreSQL, whose vectors count stop words' positions)."""

    text: str
    words: list[Word]
    parts: list[list[int]]
    gaps: list[int]

    def __bool__(self) -> bool:
        return bool(self.words)

    def forms(self) -> set[str]:
        return {f for w in self.words for f in [w.form, *w.others]}


def parse_query(text: str) -> Query:
    """'"barn som närstående" film' -> parts [[barn, närstående], [film]]; stop words dropped."""
    words: list[Word] = []
    parts: list[list[int]] = []
    gaps: list[int] = []
    pieces = _PHRASE.split(text)  # odd pieces were inside quotes
    for number, piece in enumerate(pieces):
        quoted = number % 2 == 1
        phrase: list[int] = []
        gap = 0
        for typed in words_of(piece):
            if is_stop_word(typed):
                gap += 1
                continue
            if len(words) == MAX_QUERY_WORDS:
                break
            strict = list(dict.fromkeys([stem(typed), without_ending(fold(typed))]))
            words.append(Word(typed.lower(), query_form(typed), strict))
            gaps.append(gap)
            gap = 0
            if quoted:
                phrase.append(len(words) - 1)
            else:
                parts.append([len(words) - 1])
        if phrase:
            parts.append(phrase)
    return Query(text, words, parts, gaps)


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: two spaces before, one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of the two words."""
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second) if first | second else 0.0


def one_edit(a: str, b: str) -> bool:
    """One letter changed, added or removed, or two neighbours swapped (not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        swapped = a[start + 1 : start + 2] + a[start : start + 1]
        return a[start + 1 :] == b[start + 1 :] or (
            swapped == b[start : start + 2] and a[start + 2 :] == b[start + 2 :]
        )
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1 :] == shorter[start:]


def _matches(word: str, forms: set[str]) -> bool:
    indexed = stem(word)
    return any(indexed.startswith(f) if len(f) >= MIN_PREFIX else indexed == f for f in forms)


def excerpt(text: str, forms: set[str], *, length: int | None = EXCERPT_CHARS) -> SafeString:
    """About `length` characters around the first word matching one of `forms` (the whole text
    when None), each such word marked, the rest escaped."""
    found = [m for m in _WORD.finditer(text) if _matches(m.group(), forms)]
    start = 0 if length is None else max(0, (found[0].start() if found else 0) - length // 2)
    if start:  # begin at a word, not inside one
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (found[0].start() if found else len(text)) else start
    stop = len(text) if length is None else start + length
    pieces, last = [], start
    for match in found:
        if match.start() < start or match.end() > stop:
            continue
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:stop]))
    prefix = "…" if start else ""
    suffix = "…" if stop < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
