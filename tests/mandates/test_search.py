import re

import pytest
from django.db import connection
from django.urls import reverse

from mandates.search import PAGE_SIZE, search
from mandates.search_terms import plain_excerpt, tsquery_text, without_ending
from mandates.views import SEARCH_TOO_SHORT

from .factories import AreaFactory, ReflectionQuestionFactory

POSTGRES = connection.vendor == "postgresql"


def titles(hits):
    return [hit.title for hit in hits]


def test_search_finds_a_reflection_question_with_its_area_and_a_marked_excerpt(package):
    hits = search("orosanmälan")
    hit = next(h for h in hits if h.kind == "Reflektionsfråga")
    assert hit.area.slug == "barn-som-far-illa"
    assert "<mark>" in hit.excerpt and "orosanmälan" in hit.excerpt.replace("<mark>", "").replace(
        "</mark>", ""
    )
    assert hit.url == "/stodpaket/omraden/barn-som-far-illa/#reflektionsfragor"


def test_search_finds_checklist_items_through_the_area(package):
    hits = [h for h in search("Barnbokslutet") if h.kind == "Checklistpunkt"]
    assert [h.area.slug for h in hits] == ["barnets-rattigheter"]
    assert hits[0].url.endswith("#checklista")


def test_search_finds_structured_law_references(package):
    assert "SOSFS 2014:4" in titles(search("SOSFS"))


def test_search_is_case_insensitive_on_every_backend(package):
    assert titles(search("mediprep")) == titles(search("MEDIPREP"))
    assert "MediPrep – barnens 1177" in titles(search("mediprep"))


def test_inflections_match_on_postgresql_and_substrings_match_on_sqlite(package):
    # "barnets" in the query: PostgreSQL's swedish stemmer reduces it to "barn" and finds
    # the presentation "Barn som närstående"; a substring search needs the exact letters.
    hits = [h for h in search("barnets") if h.kind == "Presentationsmaterial"]
    if POSTGRES:
        assert "Barn som närstående" in titles(hits)
    else:
        assert titles(hits) == ["Barnets rättigheter"]
        assert all("barnets" in h.excerpt.lower() for h in hits)


def test_anmalan_finds_anmalningsplikten_on_postgresql_through_a_stemmed_prefix(package):
    hits = search("anmälan")
    found = [h for h in hits if "anmälningsplikten" in h.title.lower()]
    if POSTGRES:
        # 'anmälan' stems to 'anmäl', matched as a prefix of 'anmälningsplikt'.
        assert found
    else:
        assert not found


def test_postgresql_ranks_hits_best_first(package):
    hits = search("våld")
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)


def test_html_in_content_is_escaped_in_excerpts():
    excerpt = plain_excerpt("Se <script>x</script> om våld", "våld")
    assert "<script>" not in excerpt and "<mark>våld</mark>" in excerpt


def test_search_page_lists_hits_with_their_area(package, client):
    html = client.get(reverse("mandates:search"), {"q": "MediPrep"}).content.decode()
    assert "MediPrep – barnens 1177</a>" in html
    assert "Fördjupningsmaterial, Barnets rättigheter" in html
    assert 'value="MediPrep"' in html  # the header search box keeps the query


@pytest.mark.parametrize("q", ["", "   ", "!!!"])
def test_an_empty_query_asks_for_a_word_instead_of_failing(package, client, q):
    response = client.get(reverse("mandates:search"), {"q": q})
    assert response.status_code == 200
    assert str(SEARCH_TOO_SHORT) in response.content.decode()


def test_a_very_long_query_is_cut_not_an_error(package, client):
    response = client.get(reverse("mandates:search"), {"q": "våld " * 500})
    assert response.status_code == 200


def test_search_query_count_does_not_grow_with_content(package, django_assert_num_queries):
    # One per kind of item; on PostgreSQL one more makes the excerpts of the hits shown
    # (ts_headline for those rows only, all kinds in one UNION ALL).
    with django_assert_num_queries(14 if POSTGRES else 13):
        search("barn")


def _questions(count: int) -> None:
    area = AreaFactory(name="Område")
    for n in range(count):
        ReflectionQuestionFactory(area=area, order=n, text=f"Hur pratar vi med föräldrar {n}?")


def _hit_titles(html: str) -> list[str]:
    return re.findall(r'<li class="mb-3">\s*<a href="[^"]*">([^<]*)</a>', html)


def test_search_shows_twenty_hits_a_page_with_swedish_pagination(db, client):
    _questions(PAGE_SIZE + 5)
    url = reverse("mandates:search")
    first = client.get(url, {"q": "föräldrar"}).content.decode()
    assert len(_hit_titles(first)) == PAGE_SIZE
    assert f"{PAGE_SIZE + 5} träffar för ”föräldrar”, här visas 1–{PAGE_SIZE}" in first
    assert '<nav aria-label="Sidor">' in first and "Sida 1 av 2" in first
    assert 'href="?q=f%C3%B6r%C3%A4ldrar&amp;page=2">Nästa</a>' in first
    second = client.get(url, {"q": "föräldrar", "page": 2}).content.decode()
    assert len(_hit_titles(second)) == 5 and '<ol class="search-hits" start="21">' in second
    assert "Föregående" in second and "Sökresultat för föräldrar, sida 2 av 2 –" in second
    every = [hit.title for hit in search("föräldrar")]
    assert _hit_titles(first) + _hit_titles(second) == every and len(set(every)) == PAGE_SIZE + 5


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999", "2.5", "1e9"])
def test_a_page_number_that_is_not_a_page_shows_the_first_or_the_last(db, client, page):
    _questions(PAGE_SIZE + 5)
    response = client.get(reverse("mandates:search"), {"q": "föräldrar", "page": page})
    assert response.status_code == 200
    assert len(_hit_titles(response.content.decode())) in (PAGE_SIZE, 5)


@pytest.mark.parametrize("count", [PAGE_SIZE + 5, 10 * (PAGE_SIZE + 5)])
def test_a_search_page_costs_the_same_queries_however_many_hits(
    db, client, django_assert_num_queries, count
):
    _questions(count)
    # Content version, one per kind of item, and on PostgreSQL the excerpts of the page.
    with django_assert_num_queries(1 + 13 + (1 if POSTGRES else 0)):
        response = client.get(reverse("mandates:search"), {"q": "föräldrar", "page": 2})
    assert len(_hit_titles(response.content.decode())) == min(PAGE_SIZE, count - PAGE_SIZE)


@pytest.mark.parametrize(
    ("word", "stem"),
    [("anmälan", "anmäl"), ("barnets", "barn"), ("Barnen", "barn"), ("våld", "våld")],
)
def test_a_common_swedish_ending_is_dropped_for_the_second_form_of_a_word(word, stem):
    assert without_ending(word) == stem


def test_the_postgresql_query_tries_the_word_and_its_shorter_form_as_prefixes():
    assert tsquery_text("anmälan barnets!") == "(anmälan:* | anmäl:*) & (barnets:* | barn:*)"


def test_the_role_and_contacts_are_searchable_and_lead_to_the_role_page(package, client):
    hits = search("Swärd")
    assert [(h.title, h.place, h.url) for h in hits] == [
        (
            "Susann Swärd",
            "Familjeombudets uppdrag",
            "/stodpaket/familjeombudets-uppdrag/#kontakt-rubrik",
        )
    ]
    assert any(h.kind == "Uppdraget" for h in search("nätverksträffar"))
