from .area import MandateArea
from .base import ContentItem, ContentVersion, PublishedQuerySet
from .checklist import ChecklistItem
from .content import (
    EmployerResource,
    Film,
    FilmGroup,
    FurtherReading,
    GoverningDocument,
    LawReference,
    Presentation,
    ReflectionQuestion,
    WebCourse,
)
from .role import Contact, RoleItem
from .search import SearchDocument, SearchIndexState, SearchWord

__all__ = [
    "ChecklistItem",
    "Contact",
    "ContentItem",
    "ContentVersion",
    "EmployerResource",
    "Film",
    "FilmGroup",
    "FurtherReading",
    "GoverningDocument",
    "LawReference",
    "MandateArea",
    "Presentation",
    "PublishedQuerySet",
    "ReflectionQuestion",
    "RoleItem",
    "SearchDocument",
    "SearchIndexState",
    "SearchWord",
    "WebCourse",
]

# Every model whose change must show on the public pages at once (see cache.py).
CONTENT_MODELS = [
    MandateArea,
    LawReference,
    GoverningDocument,
    Presentation,
    FilmGroup,
    Film,
    FurtherReading,
    WebCourse,
    EmployerResource,
    ReflectionQuestion,
    RoleItem,
    Contact,
    ChecklistItem,
]
