"""Search over every searchable item: the package's content and what providers add.

The query is parsed once in Python (search_terms.parse_query: folded, stemmed prefixes, quoted
phrases), the index is brought up to date (search_index.ensure_current), each word of four
letters or more also stands for indexed compounds that end in it, and the database's index
ranks the hits (search_backends: tiers, then relevance, then the package's order). When nothing
is found, each word that no indexed word begins with or contains is replaced: a compound the text
writes apart by its two parts ("hedersvåld" -> "hedersrelaterat våld"), else by the most similar
indexed word (pg_trgm similarity on PostgreSQL, the same measure computed in Python on SQLite;
for short words one letter off); if that finds something, those hits are shown under "Menade du
…?".

A page costs the same queries however much content matches: the version check, the compounds,
and one ranked query that returns the page's documents and the number of hits; the excerpts are
made in Python from the shown documents only.
"""

import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.safestring import SafeString, mark_safe

from . import search_backends
from .search_index import ensure_current
from .search_terms import Query, clean_query, excerpt, parse_query

PAGE_SIZE = 20
MAX_PAGE = 500  # a higher page number shows page 500 (or the last)


@dataclass
class Hit:
    kind: str
    title: str
    excerpt: SafeString
    rank: int  # the tier (search_backends): 0 is the best
    url: str
    place: str
    area_id: int | None
    marked_title: SafeString


def search(raw: str, *, area=None) -> list[Hit]:
    """Every hit, best first (tests and callers that want them all)."""
    results = SearchResults(raw, area=area, first_fetch=None)
    return results[0 : results.count()]


def search_page(raw: str, number, *, area=None) -> Page:
    """One page of PAGE_SIZE hits; a page number that is not a number or out of range gives the
    first or the last page (Paginator.get_page), never an error."""
    wanted = page_number(number)
    results = SearchResults(raw, area=area, first_fetch=wanted * PAGE_SIZE)
    return Paginator(results, PAGE_SIZE).get_page(wanted)


def page_number(number) -> int:
    try:
        return min(max(int(number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


class SearchResults:
    """The hits of a query as a sequence for Paginator: count() is the number of hits, a slice
    makes the excerpts of that slice only. `suggestion` is the corrected query when the typed
    one found nothing and the corrected one did (the hits are then the corrected query's)."""

    def __init__(self, raw: str, *, area=None, first_fetch: int | None = PAGE_SIZE):
        self.text = clean_query(raw)
        self.query: Query = parse_query(self.text)
        self.area_id = area.pk if area else None
        self.first_fetch = first_fetch
        self.suggestion = ""
        self.backend = search_backends.current()
        self._fetched_to = -1  # documents fetched; -1 = none yet, None = all
        self._found: list = []
        self._total = 0

    def count(self) -> int:
        self._fetch(self.first_fetch)
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        self._fetch(stop)
        forms = self.query.forms()
        return [
            Hit(
                doc.kind,
                doc.title,
                # A bare text (a question) is its own title: no excerpt repeats it.
                excerpt(doc.body, forms) if doc.body != doc.title else mark_safe(""),
                tier,
                doc.url,
                doc.place,
                doc.area_id,
                excerpt(doc.title, forms, length=None),
            )
            for doc, tier in self._found[start:stop]
        ]

    def _fetch(self, upto: int | None) -> None:
        if not self.query:
            return
        if self._fetched_to is None or (upto is not None and 0 <= upto <= self._fetched_to):
            return
        first = self._fetched_to == -1
        if first:
            ensure_current()
            self.backend.compounds(self.query.words)
        self._found, self._total = self.backend.matches(self.query, self.area_id, upto)
        if first and not self._total:
            self._try_correction(upto)
        self._fetched_to = upto

    def _try_correction(self, upto: int | None) -> None:
        corrected = self.text
        for word in self.query.words:
            if self.backend.known(word):
                continue
            close = self.backend.split_compound(word.typed)
            if close is None:
                similar = self.backend.similar(word.typed)
                close = similar.written if similar else None
            if close is not None:
                pattern = re.compile(rf"(?<!\w){re.escape(word.typed)}(?!\w)", re.IGNORECASE)
                corrected = pattern.sub(close, corrected)
        if corrected == self.text:
            return
        query = parse_query(corrected)
        self.backend.compounds(query.words)
        found, total = self.backend.matches(query, self.area_id, upto)
        if total:
            self.query, self.suggestion = query, corrected
            self._found, self._total = found, total
