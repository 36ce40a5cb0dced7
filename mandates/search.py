"""Search over every kind of item in the package.

PostgreSQL: full-text search with the 'swedish' configuration. The snowball stemmer alone keeps
"anmälan" as 'anmälan' and "barnets" as 'barnet', while the text has 'anmälningsplik' and
'barn'; so each word is also tried without a common Swedish ending ("anmälan" -> "anmäl",
"barnets" -> "barn") and both forms are matched as prefixes of the stemmed text:
('anmälan':* | 'anmäl':*). Hits are ranked with ts_rank and excerpts marked with <mark>.
Other databases (SQLite in development): a plain case-insensitive substring search with the
same result shape.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, IntegerField, Q, TextField, Value, Window
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .models import (
    Contact,
    EmployerResource,
    Film,
    FilmGroup,
    FurtherReading,
    GoverningDocument,
    LawReference,
    MandateArea,
    Presentation,
    ReflectionQuestion,
    RoleItem,
    WebCourse,
)
from .search_terms import (
    clean_query,
    plain_excerpt,
    tsquery_text,
    words_of,
)

PAGE_SIZE = 20
MAX_PAGE = 500  # a higher page number shows page 500 (or the last); page n reads n × 20 rows a kind
# Marks PostgreSQL puts around matches; private-use characters cannot occur in content, so the
# excerpt can be escaped first and marked afterwards.
_START, _STOP = "\ue000", "\ue001"


@dataclass(frozen=True)
class Source:
    """One searchable kind of item: where its text is and which section of the area page."""

    kind: str
    queryset: object
    fields: tuple[str, ...]
    title: str
    anchor: str
    area_path: str | None = "area"


def checklist_item_model():
    """checklists.ChecklistItem, reached through the reverse relation: no import of checklists."""
    return MandateArea._meta.get_field("checklist_items").related_model


def sources() -> list[Source]:
    def published(model):
        return model.objects.published().filter(area__published=True).select_related("area")

    return [
        Source(
            _("Mandatområde"),
            MandateArea.objects.published(),
            ("name", "summary", "law_text"),
            "name",
            "lagar",
            area_path="",
        ),
        Source(
            _("Lagrum"),
            published(LawReference),
            ("citation", "law", "as_written"),
            "citation",
            "lagar",
        ),
        Source(
            _("Styrdokument"),
            published(GoverningDocument),
            ("title", "description"),
            "title",
            "styrdokument",
        ),
        Source(
            _("Checklistpunkt"), published(checklist_item_model()), ("text",), "text", "checklista"
        ),
        Source(
            _("Presentationsmaterial"),
            published(Presentation),
            ("title",),
            "title",
            "presentationsmaterial",
        ),
        Source(_("Filmgrupp"), published(FilmGroup), ("title", "intro"), "title", "filmer"),
        Source(
            _("Film"),
            published(Film),
            ("title", "provider", "note", "discussion_questions"),
            "title",
            "filmer",
        ),
        Source(
            _("Fördjupningsmaterial"), published(FurtherReading), ("title",), "title", "fordjupning"
        ),
        Source(_("Webbutbildning"), published(WebCourse), ("title",), "title", "webbutbildningar"),
        Source(
            _("Arbetsgivarens ansvar"),
            published(EmployerResource),
            ("title",),
            "title",
            "arbetsgivarens-ansvar",
        ),
        Source(
            _("Reflektionsfråga"),
            published(ReflectionQuestion),
            ("text",),
            "text",
            "reflektionsfragor",
        ),
        Source(
            _("Uppdraget"),
            RoleItem.objects.published(),
            ("text",),
            "text",
            "uppdrag-rubrik",
            area_path=None,
        ),
        Source(
            _("Kontaktperson"),
            Contact.objects.published(),
            ("name", "role", "email"),
            "name",
            "kontakt-rubrik",
            area_path=None,
        ),
    ]


@dataclass
class Hit:
    kind: str
    title: str
    excerpt: SafeString
    rank: float
    area: MandateArea | None
    anchor: str

    @property
    def url(self) -> str:
        """The section of the area page, or of the role page for the role's own content."""
        page = self.area.get_absolute_url() if self.area else reverse("mandates:role")
        return f"{page}#{self.anchor}"

    @property
    def place(self) -> str:
        return self.area.name if self.area else str(_("Familjeombudets uppdrag"))


def search(raw: str) -> list[Hit]:
    """Every hit, best first (tests and callers that want them all)."""
    results = SearchResults(raw, first_fetch=None)
    return results[0 : results.count()]


def search_page(raw: str, number) -> Page:
    """One page of PAGE_SIZE hits; a page number that is not a number or out of range gives the
    first or the last page (Paginator.get_page), never an error."""
    try:
        wanted = min(max(int(number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        wanted = 1
    results = SearchResults(raw, first_fetch=wanted * PAGE_SIZE)
    return Paginator(results, PAGE_SIZE).get_page(wanted)


@dataclass(frozen=True)
class _Candidate:
    """A matching row, known by its rank and sort key before its excerpt is made."""

    key: tuple
    source: int
    row: object
    rank: float


class SearchResults:
    """The hits of a query as a sequence for Paginator: count() is the number of hits, a slice
    makes the excerpts of that slice only.

    PostgreSQL: one query per kind of item gives its best matches up to the end of the slice
    (rank, the row with its area, and the kind's number of matches as a window count); they are
    merged in Python, and one more query (UNION ALL over the kinds on the page) makes the
    excerpts of the slice alone with ts_headline, the costly part. So a page costs the same
    number of queries and excerpts however much content matches. Other databases: every match
    is read and ranked in Python (development only), the excerpt made in Python.
    """

    def __init__(self, raw: str, *, first_fetch: int | None = PAGE_SIZE):
        self.first_fetch = first_fetch
        self.query = clean_query(raw)
        self.sources = sources() if words_of(self.query) else []
        self.postgres = connection.vendor == "postgresql"
        self._fetched_to = -1  # rows fetched per kind; -1 = none yet, None = all
        self._candidates: list[_Candidate] = []
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
        chosen = self._candidates[start:stop]
        if self.postgres:
            return self._with_headlines(chosen)
        return [self._plain_hit(c) for c in chosen]

    def _fetch(self, upto: int | None) -> None:
        """Each kind's best `upto` matches (all when None); the best `upto` of all are in them."""
        if not self.sources:
            return
        if self._fetched_to is None or (upto is not None and 0 <= upto <= self._fetched_to):
            return
        candidates, total = [], 0
        for number, source in enumerate(self.sources):
            if self.postgres:
                found, matches = self._postgres_candidates(number, source, upto)
            else:
                found, matches = self._plain_candidates(number, source)
            candidates.extend(found)
            total += matches
        self._candidates = sorted(candidates, key=lambda c: c.key)
        self._total = total
        self._fetched_to = None if not self.postgres or upto is None else upto

    def _sort_key(self, number: int, source: Source, row, rank: float, tiebreak) -> tuple:
        """Best rank first, then by area and kind; `tiebreak` orders rows within a kind (on
        PostgreSQL their place in the database's own order, so the merge agrees with each
        kind's LIMIT whatever the collation)."""
        area = _area_of(row, source)
        return (-rank, area.order if area else 0, number, tiebreak)

    def _postgres_candidates(self, number: int, source: Source, upto: int | None):
        tsquery = self._tsquery()
        vector = SearchVector(*source.fields, config="swedish")
        area_order = (
            f"{source.area_path}__order"
            if source.area_path
            else ("order" if source.area_path == "" else None)
        )
        ordering = ["-rank", *([area_order] if area_order else []), source.title, "pk"]
        rows = (
            source.queryset.annotate(vector=vector)
            .filter(vector=tsquery)
            .annotate(rank=SearchRank(vector, tsquery), matches=Window(Count("pk")))
            .order_by(*ordering)
        )
        rows = list(rows if upto is None else rows[:upto])
        found = [
            _Candidate(self._sort_key(number, source, row, row.rank, i), number, row, row.rank)
            for i, row in enumerate(rows)
        ]
        return found, rows[0].matches if rows else 0

    def _tsquery(self):
        return SearchQuery(tsquery_text(self.query), config="swedish", search_type="raw")

    def _with_headlines(self, chosen: list[_Candidate]) -> list[Hit]:
        if not chosen:
            return []
        tsquery = self._tsquery()
        parts = []
        for number, source in enumerate(self.sources):
            pks = [c.row.pk for c in chosen if c.source == number]
            if not pks:
                continue
            headline = SearchHeadline(
                _document(source.fields),
                tsquery,
                config="swedish",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
            )
            parts.append(
                source.queryset.model._base_manager.filter(pk__in=pks)
                .annotate(
                    source_no=Value(number, output_field=IntegerField()),
                    row_pk=F("pk"),
                    headline=headline,
                )
                .values_list("source_no", "row_pk", "headline")
                .order_by()
            )
        union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        headlines = {(number, pk): text for number, pk, text in union}
        return [self._hit(c, _marked(headlines.get((c.source, c.row.pk), ""))) for c in chosen]

    def _hit(self, candidate: _Candidate, excerpt: SafeString) -> Hit:
        source = self.sources[candidate.source]
        return Hit(
            source.kind,
            getattr(candidate.row, source.title),
            excerpt,
            candidate.rank,
            _area_of(candidate.row, source),
            source.anchor,
        )

    def _plain_candidates(self, number: int, source: Source):
        condition = Q()
        for field in source.fields:
            condition |= Q(**{f"{field}__icontains": self.query})
        found = []
        lowered = self.query.lower()
        for row in source.queryset.filter(condition):
            text = _plain_text(row, source)
            title = getattr(row, source.title)
            rank = float(text.lower().count(lowered) + (1 if lowered in title.lower() else 0))
            key = self._sort_key(number, source, row, rank, (title, row.pk))
            found.append(_Candidate(key, number, row, rank))
        return found, len(found)

    def _plain_hit(self, candidate: _Candidate) -> Hit:
        text = _plain_text(candidate.row, self.sources[candidate.source])
        return self._hit(candidate, plain_excerpt(text, self.query))


def _plain_text(row, source: Source) -> str:
    return " ".join(t for t in (str(getattr(row, field)) for field in source.fields) if t)


def _area_of(row, source: Source) -> MandateArea | None:
    if source.area_path is None:
        return None
    return row if not source.area_path else getattr(row, source.area_path)


def _document(fields):
    parts = []
    for field in fields:
        parts.extend([F(field), Value(" ")])
    return Concat(*parts, output_field=TextField())


def _marked(headline: str) -> SafeString:
    text = escape(headline or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))
