"""The search index: what is searchable and how the index is kept current.

Every published item of the package, and every document a project-level provider adds, becomes
one SearchDocument (kind, title, body, url, place, area). The index is rebuilt whole when the
content version (ContentVersion, bumped on every save and delete of content, see cache.py)
differs from the version it was built from: the first search after a change rebuilds it under a
row lock, so concurrent workers build it once. A rebuild is all the package's rows, so a change of
an area's name, address or publication reaches every item of the area without tracking which.
After `migrate` the index is marked stale, so a deploy's new providers or sources are indexed.

Providers: settings.SEARCH_DOCUMENT_PROVIDERS lists dotted paths of callables returning
IndexedDocument rows; that is how the project adds pages of other apps (the samverkan routine)
without mandates importing them. A provider whose text changes outside a deploy calls
`mark_stale()`.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from . import search_backends
from .models import (
    ChecklistItem,
    Contact,
    ContentVersion,
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
    SearchDocument,
    SearchIndexState,
    SearchWord,
    WebCourse,
)
from .search_terms import fold, is_stop_word, words_of

MIN_VOCABULARY_WORD = 3


@dataclass(frozen=True)
class IndexedDocument:
    """One searchable thing. `heading` is its title as indexed (a title hit ranks first); items
    that are only a text (a question, a checklist line) have none and show `title` alone."""

    kind: str
    title: str
    body: str
    url: str
    place: str
    heading: str | None = None
    area_id: int | None = None
    priority: int = 0  # 1 for a topic's own page: first among title hits

    @property
    def indexed_heading(self) -> str:
        return self.title if self.heading is None else self.heading


@dataclass(frozen=True)
class Source:
    """One kind of item: its rows, the field shown as title (indexed as the heading unless the
    item is only a text), the fields of its body and the section of the area page."""

    kind: str
    queryset: object
    title: str
    body: tuple[str, ...]
    anchor: str
    area_path: str | None = "area"
    text_only: bool = False
    priority: int = 0


def sources() -> list[Source]:
    def published(model):
        return model.objects.published().filter(area__published=True).select_related("area")

    return [
        Source(
            _("Mandatområde"),
            MandateArea.objects.published(),
            "name",
            ("summary", "law_text"),
            "lagar",
            area_path="",
            priority=1,
        ),
        Source(_("Lagrum"), published(LawReference), "citation", ("law", "as_written"), "lagar"),
        Source(
            _("Styrdokument"),
            published(GoverningDocument),
            "title",
            ("description",),
            "styrdokument",
        ),
        Source(
            _("Checklistpunkt"),
            published(ChecklistItem),
            "text",
            (),
            "checklista",
            text_only=True,
        ),
        Source(
            _("Presentationsmaterial"),
            published(Presentation),
            "title",
            (),
            "presentationsmaterial",
        ),
        Source(_("Filmgrupp"), published(FilmGroup), "title", ("intro",), "filmer"),
        Source(
            _("Film"),
            published(Film),
            "title",
            ("provider", "note", "discussion_questions"),
            "filmer",
        ),
        Source(_("Fördjupningsmaterial"), published(FurtherReading), "title", (), "fordjupning"),
        Source(_("Webbutbildning"), published(WebCourse), "title", (), "webbutbildningar"),
        Source(
            _("Arbetsgivarens ansvar"),
            published(EmployerResource),
            "title",
            (),
            "arbetsgivarens-ansvar",
        ),
        Source(
            _("Reflektionsfråga"),
            published(ReflectionQuestion),
            "text",
            (),
            "reflektionsfragor",
            text_only=True,
        ),
        Source(
            _("Uppdraget"),
            RoleItem.objects.published(),
            "text",
            (),
            "uppdrag-rubrik",
            area_path=None,
            text_only=True,
        ),
        Source(
            _("Kontaktperson"),
            Contact.objects.published(),
            "name",
            ("role", "email"),
            "kontakt-rubrik",
            area_path=None,
        ),
    ]


def _area_of(row, source: Source) -> MandateArea | None:
    if source.area_path is None:
        return None
    return row if not source.area_path else getattr(row, source.area_path)


def content_documents() -> Iterator[tuple[tuple, IndexedDocument]]:
    """The package's items with their place in the package's order (area, kind, item)."""
    role_page = reverse("mandates:role")
    role_place = str(_("Familjeombudets uppdrag"))
    for number, source in enumerate(sources()):
        for row_number, row in enumerate(source.queryset):
            area = _area_of(row, source)
            title = str(getattr(row, source.title))
            body = [str(getattr(row, name) or "") for name in source.body]
            page = area.get_absolute_url() if area else role_page
            yield (
                (
                    (0, area.order, area.pk) if area else (1, 0, 0),
                    (number, row_number),
                ),
                IndexedDocument(
                    kind=str(source.kind),
                    title=title,
                    heading="" if source.text_only else title,
                    body="\n".join(t for t in ([title] if source.text_only else []) + body if t),
                    url=f"{page}#{source.anchor}",
                    place=area.name if area else role_place,
                    area_id=area.pk if area else None,
                    priority=source.priority,
                ),
            )


def provided_documents() -> Iterator[IndexedDocument]:
    for path in getattr(settings, "SEARCH_DOCUMENT_PROVIDERS", []):
        yield from import_string(path)()


def all_documents() -> list[IndexedDocument]:
    ordered = sorted(content_documents(), key=lambda pair: pair[0])
    return [doc for _key, doc in ordered] + list(provided_documents())


def rebuild() -> int:
    """Replaces the whole index with the current content; returns the number of documents."""
    documents = all_documents()
    backend = search_backends.current()
    with transaction.atomic():
        backend.clear()
        SearchWord.objects.all()._raw_delete(SearchWord.objects.db)
        SearchDocument.objects.all()._raw_delete(SearchDocument.objects.db)
        rows = [
            SearchDocument(
                pk=number,
                kind=doc.kind[:100],
                title=doc.title[:500],
                heading=doc.indexed_heading[:500],
                body=doc.body,
                url=doc.url[:500],
                place=doc.place[:200],
                area_id=doc.area_id,
                position=number,
                title_words=len(words_of(doc.indexed_heading)),
                body_words=len(words_of(doc.body)),
                priority=doc.priority,
            )
            for number, doc in enumerate(documents, start=1)
        ]
        SearchDocument.objects.bulk_create(rows, batch_size=500)
        backend.write(rows)
        SearchWord.objects.bulk_create(_vocabulary(rows), batch_size=1000)
    return len(rows)


def _vocabulary(rows: Iterable[SearchDocument]) -> list[SearchWord]:
    written: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        for word in words_of(f"{row.heading} {row.body}"):
            if len(word) >= MIN_VOCABULARY_WORD and not word.isdigit() and not is_stop_word(word):
                written[fold(word)][word.lower()] += 1
    return [
        SearchWord(
            word=word[:100],
            written=forms.most_common(1)[0][0][:100],
            frequency=sum(forms.values()),
        )
        for word, forms in sorted(written.items())
        if len(word) <= 100
    ]


def _versions() -> tuple[int, int | None]:
    """The content version and the version the index was built from, in one query."""
    content = ContentVersion._meta.db_table
    state = SearchIndexState._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT version FROM {content} WHERE id = 1), "
            f"(SELECT version FROM {state} WHERE id = 1)"
        )
        current, built = cursor.fetchone()
    return current or 0, built


def ensure_current() -> None:
    current, built = _versions()
    if current == built:
        return
    with transaction.atomic():
        try:
            with transaction.atomic():
                state, _created = SearchIndexState.objects.select_for_update().get_or_create(pk=1)
        except IntegrityError:  # another worker created the row first: wait for its lock
            state = SearchIndexState.objects.select_for_update().get(pk=1)
        current, built = _versions()
        if current != built:
            rebuild()
            state.version = current
            state.save(update_fields=["version", "built_at"])


def mark_stale(*, using: str = "default", **kwargs) -> None:
    """The next search rebuilds the index (after migrate, or when a provider's text changed).
    After migrating back past the index's migration there is no index to mark."""
    tables = connections[using].introspection.table_names()
    if SearchIndexState._meta.db_table in tables:
        SearchIndexState.objects.using(using).update(version=-1)
