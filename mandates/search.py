"""Search over every kind of item in the package.

PostgreSQL: full-text search with the 'swedish' configuration. The snowball stemmer alone keeps
"anmälan" as 'anmälan' and "barnets" as 'barnet', while the text has 'anmälningsplik' and
'barn'; so each word is also tried without a common Swedish ending ("anmälan" -> "anmäl",
"barnets" -> "barn") and both forms are matched as prefixes of the stemmed text:
('anmälan':* | 'anmäl':*). Hits are ranked with ts_rank and excerpts marked with <mark>.
Other databases (SQLite in development): a plain case-insensitive substring search with the
same result shape.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, TextField, Value
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

MAX_QUERY_LENGTH = 200
PER_SOURCE_LIMIT = 50
EXCERPT_CHARS = 160
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


def search(raw: str) -> list[Hit]:
    """One query per kind of item, so the count does not grow with the content."""
    query = clean_query(raw)
    if not words_of(query):
        return []
    if connection.vendor == "postgresql":
        hits = [hit for source in sources() for hit in _postgres_hits(source, query)]
    else:
        hits = [hit for source in sources() for hit in _plain_hits(source, query)]
    return sorted(hits, key=lambda h: (-h.rank, h.area.order if h.area else 0, h.kind, h.title))


def _area_of(row, source: Source) -> MandateArea | None:
    if source.area_path is None:
        return None
    return row if not source.area_path else getattr(row, source.area_path)


def _document(fields):
    parts = []
    for field in fields:
        parts.extend([F(field), Value(" ")])
    return Concat(*parts, output_field=TextField())


def _postgres_hits(source: Source, query: str) -> list[Hit]:
    tsquery = SearchQuery(tsquery_text(query), config="swedish", search_type="raw")
    vector = SearchVector(*source.fields, config="swedish")
    rows = (
        source.queryset.annotate(
            rank=SearchRank(vector, tsquery),
            headline=SearchHeadline(
                _document(source.fields),
                tsquery,
                config="swedish",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
            ),
        )
        .annotate(vector=vector)
        .filter(vector=tsquery)
        .order_by("-rank")[:PER_SOURCE_LIMIT]
    )
    return [
        Hit(
            source.kind,
            getattr(row, source.title),
            _marked(row.headline),
            row.rank,
            _area_of(row, source),
            source.anchor,
        )
        for row in rows
    ]


def _marked(headline: str) -> SafeString:
    text = escape(headline or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _plain_hits(source: Source, query: str) -> list[Hit]:
    condition = Q()
    for field in source.fields:
        condition |= Q(**{f"{field}__icontains": query})
    rows = source.queryset.filter(condition)[:PER_SOURCE_LIMIT]
    hits = []
    for row in rows:
        texts = [str(getattr(row, field)) for field in source.fields]
        text = " ".join(t for t in texts if t)
        title = getattr(row, source.title)
        rank = text.lower().count(query.lower()) + (1 if query.lower() in title.lower() else 0)
        hits.append(
            Hit(
                source.kind,
                title,
                plain_excerpt(text, query),
                float(rank),
                _area_of(row, source),
                source.anchor,
            )
        )
    return hits


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
