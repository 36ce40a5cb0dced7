"""The fixtures against the source, stodpaket-familjeombud.txt."""

import re

import pytest
from django.core.management import call_command

from mandates.models import (
    CONTENT_MODELS,
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
from tests.seeds import seed_path

from .conftest import FIXTURES

SOURCE = seed_path("stodpaket-familjeombud.txt")

# Counted by hand from the source, one bullet ("•", "o" or "") per item under each heading.
# Law references: each law or regulation the "Lagar som reglerar området" text names, one row
# per chapter or section ("Patientlagen kap. 10 och 11" = 2 rows, "Hälso- och sjukvårdslagen
# 2, 2a, 3 §§" = 3 rows, "Socialtjänstlagen 14 kap. 1 §, 1 c §" = 2 rows).
# Films: each bullet under "Filmer" plus the NOBAB sentence (one entry for its five short films)
# and the nine "Att ställa frågan om våldsutsatthet på:" films (six on page 4, three on page 5).
# Columns: law refs, governing docs, checklist, presentations, films, film groups,
# further reading, web courses, employer resources, reflection questions.
EXPECTED = {
    "barnets-rattigheter": (4, 1, 3, 1, 7, 1, 4, 0, 0, 5),
    "barn-som-narstaende": (2, 1, 3, 3, 1, 0, 1, 0, 0, 5),
    "barn-som-far-illa": (4, 3, 3, 3, 2, 0, 1, 0, 0, 5),
    "vald-i-nara-relationer": (6, 3, 3, 9, 14, 1, 5, 3, 1, 5),
    "samverkan-kronobarnsmodellen": (2, 1, 3, 1, 3, 0, 1, 0, 0, 3),
}
KINDS = [
    LawReference,
    GoverningDocument,
    "checklist",
    Presentation,
    Film,
    FilmGroup,
    FurtherReading,
    WebCourse,
    EmployerResource,
    ReflectionQuestion,
]


def count(area, kind) -> int:
    if kind == "checklist":
        return area.checklist_items.count()
    return kind.objects.filter(area=area).count()


def test_every_area_has_the_hand_counted_number_of_items_of_each_kind(package):
    actual = {
        area.slug: tuple(count(area, kind) for kind in KINDS)
        for area in MandateArea.objects.order_by("order")
    }
    assert actual == EXPECTED


def test_the_role_has_three_assignments_four_prerequisites_six_package_parts_and_two_contacts(
    package,
):
    kinds = RoleItem.Kind
    assert RoleItem.objects.filter(kind=kinds.ASSIGNMENT).count() == 3
    assert RoleItem.objects.filter(kind=kinds.PREREQUISITE).count() == 4
    assert RoleItem.objects.filter(kind=kinds.PACKAGE_CONTENT).count() == 6
    assert list(Contact.objects.values_list("name", "email", "phone")) == [
        ("Valentina Hajra", "valentina.hajra@kronoberg.se", "0709 - 844 728"),
        ("Susann Swärd", "susann.sward@kronoberg.se", "0709 - 844 558"),
    ]


def test_loading_the_fixtures_twice_creates_no_duplicates(package):
    before = {model: model.objects.count() for model in CONTENT_MODELS}
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert {model: model.objects.count() for model in CONTENT_MODELS} == before


def test_law_references_are_structured_and_cited_in_the_modern_form(package):
    citations = set(LawReference.objects.values_list("citation", flat=True))
    assert {
        "Hälso- och sjukvårdslagen 5 kap. 6 §",
        "Hälso- och sjukvårdslagen 5 kap. 7 §",
        "Socialtjänstlagen 14 kap. 1 §",
        "Socialtjänstlagen 14 kap. 1 c §",
        "Patientsäkerhetslagen 6 kap. 5 §",
        "SOSFS 2014:4",
        "Tandvårdslagen 2–3 §§",
    } <= citations


def test_the_violence_area_groups_nine_films_under_asking_about_violence(package):
    group = FilmGroup.objects.get(title="Att ställa frågan om våldsutsatthet på:")
    assert group.group_films.count() == 9


def test_the_announced_film_has_no_link_and_no_duration(package):
    film = Film.objects.get(title="Ny länsgemensam film på gång")
    assert film.announced and film.url == "" and film.duration_min_seconds is None


@pytest.mark.skipif(not SOURCE.exists(), reason="källtexten finns inte på den här maskinen")
def test_every_address_of_the_source_belongs_to_an_item(package):
    in_source = set(re.findall(r"^(https?://\S+)$", SOURCE.read_text(), re.M))
    mails = set(re.findall(r"^mailto:(\S+)$", SOURCE.read_text(), re.M))
    linked = set()
    for model in [
        GoverningDocument,
        Presentation,
        FilmGroup,
        Film,
        FurtherReading,
        WebCourse,
        EmployerResource,
    ]:
        linked |= set(model.objects.exclude(url="").values_list("url", flat=True))
    assert in_source == linked
    assert mails == set(Contact.objects.values_list("email", flat=True))


@pytest.mark.skipif(not SOURCE.exists(), reason="källtexten finns inte på den här maskinen")
def test_every_reflection_question_and_title_is_word_for_word_in_the_source_ignoring_case(package):
    flat = " ".join(SOURCE.read_text().split())
    for text in ReflectionQuestion.objects.values_list("text", flat=True):
        assert text in flat
    for model in [GoverningDocument, Presentation, FurtherReading, WebCourse, EmployerResource]:
        for title in model.objects.values_list("title", flat=True):
            assert title.lower() in flat.lower(), title
