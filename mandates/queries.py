"""Querysets for public pages: a fixed number of queries whatever the amount of content."""

from django.db.models import Prefetch

from .models import (
    ChecklistItem,
    EmployerResource,
    Film,
    FilmGroup,
    FurtherReading,
    GoverningDocument,
    LawReference,
    MandateArea,
    Presentation,
    ReflectionQuestion,
    WebCourse,
)

AREA_SECTIONS = [
    ("law_references", LawReference),
    ("governing_documents", GoverningDocument),
    ("presentations", Presentation),
    ("film_groups", FilmGroup),
    ("films", Film),
    ("further_reading", FurtherReading),
    ("web_courses", WebCourse),
    ("employer_resources", EmployerResource),
    ("reflection_questions", ReflectionQuestion),
    ("checklist_items", ChecklistItem),
]


def areas_with_content():
    """Published areas with every published item prefetched, one query per kind."""
    prefetches = [
        Prefetch(name, queryset=model.objects.published().order_by("order", "pk"))
        for name, model in AREA_SECTIONS
    ]
    return MandateArea.objects.published().prefetch_related(*prefetches)


def areas_with_films():
    """Published areas with only their published films and film groups: what the films page
    shows. Two prefetches instead of ten, so the page does not load (and at ten times the
    content, wade through) laws, documents and questions it never shows."""
    return MandateArea.objects.published().prefetch_related(
        *(
            Prefetch(name, queryset=model.objects.published().order_by("order", "pk"))
            for name, model in AREA_SECTIONS
            if name in ("film_groups", "films")
        )
    )
