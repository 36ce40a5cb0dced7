import re

import pytest
from django.db import connection
from django.urls import reverse

from mandates.models import MandateArea, SearchDocument
from mandates.search import PAGE_SIZE, SearchResults, search
from mandates.search_backends import FTS_TABLE
from mandates.search_index import IndexedDocument, ensure_current, mark_stale
from mandates.search_terms import excerpt, fold, parse_query, query_form, similarity, stem
from mandates.views import SEARCH_TOO_SHORT, SEARCH_UNKNOWN_AREA

from .factories import AreaFactory, FilmFactory, ReflectionQuestionFactory

POSTGRES = connection.vendor == "postgresql"


def titles(hits):
    return [hit.title for hit in hits]


def test_search_finds_a_reflection_question_with_its_area_and_the_word_marked(package):
    hits = search("orosanmälan")
    hit = next(h for h in hits if h.kind == "Reflektionsfråga")
    assert hit.place == "Barn som far illa"
    assert "<mark>orosanmälan</mark>" in hit.marked_title
    assert hit.url == "/stodpaket/omraden/barn-som-far-illa/#reflektionsfragor"


def test_search_finds_checklist_items_through_the_area(package):
    hits = [h for h in search("Barnbokslutet") if h.kind == "Checklistpunkt"]
    assert [h.url for h in hits] == ["/stodpaket/omraden/barnets-rattigheter/#checklista"]


def test_search_finds_structured_law_references(package):
    assert "SOSFS 2014:4" in titles(search("SOSFS"))


def test_search_is_case_insensitive_and_ignores_diacritics(package):
    assert titles(search("mediprep")) == titles(search("MEDIPREP"))
    assert titles(search("våldsutsatthet")) == titles(search("VALDSUTSATTHET"))
    assert "MediPrep – barnens 1177" in titles(search("mediprep"))


def test_an_inflected_word_finds_the_other_inflections_on_every_database(package):
    # "barnets" is matched by 'barn', so it finds "Barn som närstående" too.
    assert "Barn som närstående" in titles(search("barnets"))


def test_anmalan_finds_anmalningsplikten_and_the_compound_orosanmalan(package):
    found = titles(search("anmälan"))
    assert "Barn som far illa och anmälningsplikten" in found
    assert "Skicka orosanmälan till socialtjänsten i Kronobergs län" in found


def test_a_title_hit_comes_before_a_hit_in_the_text(db):
    area = AreaFactory(name="Område")
    ReflectionQuestionFactory(area=area, text="Hur pratar vi om svartsjuka?")
    FilmFactory(area=area, title="Svartsjuka", note="En film.")
    assert [h.kind for h in search("svartsjuka")] == ["Film", "Reflektionsfråga"]


def test_the_exact_phrase_comes_before_the_same_words_scattered(db):
    area = AreaFactory(name="Område")
    ReflectionQuestionFactory(area=area, text="Tolk och stöd för barn i vården, och ett möte.")
    ReflectionQuestionFactory(area=area, text="Hur ger vi stöd för barn som är närstående?")
    first, second = search("stöd barn")
    assert first.title.startswith("Hur ger vi") and second.title.startswith("Tolk")
    quoted = search('"stöd för barn" närstående')
    assert titles(quoted) == ["Hur ger vi stöd för barn som är närstående?"]


def test_a_phrase_in_quotes_must_stand_in_that_order(db):
    area = AreaFactory(name="Område")
    ReflectionQuestionFactory(area=area, text="Planen för barnet skrivs i samverkan.")
    assert search('"barnets plan"') == []
    assert len(search("barnets plan")) == 1


def test_a_search_can_be_limited_to_one_mandate_area(package):
    area = MandateArea.objects.get(slug="barn-som-far-illa")
    hits = search("våld", area=area)
    assert hits and {h.place for h in hits} == {"Barn som far illa"}
    assert len(hits) < len(search("våld"))


def test_a_typo_shows_the_hits_of_the_close_word_with_menade_du(package, client):
    html = client.get(reverse("mandates:search"), {"q": "barnkonventionem"}).content.decode()
    assert "Inga träffar för ”barnkonventionem”." in html
    assert 'Menade du <a href="?q=barnkonventionen">barnkonventionen</a>?' in html
    assert "<mark>Barnkonventionen</mark></a>" in html


def test_nothing_found_and_nothing_close_gives_no_suggestion(package, client):
    html = client.get(reverse("mandates:search"), {"q": "xyzzyq"}).content.decode()
    assert "0 träffar för ”xyzzyq”" in html and "Menade du" not in html


def test_the_area_filter_is_offered_on_the_page_and_kept(package, client):
    url = reverse("mandates:search")
    html = client.get(url, {"q": "våld", "omrade": "barn-som-far-illa"}).content.decode()
    assert '<label for="sok-omrade" class="form-label">Mandatområde</label>' in html
    assert '<option value="barn-som-far-illa" selected>Barn som far illa</option>' in html
    assert "träffar för ”våld” i Barn som far illa" in html


def test_an_unknown_area_searches_everything_with_a_message(package, client):
    response = client.get(reverse("mandates:search"), {"q": "våld", "omrade": "finns-inte"})
    assert response.status_code == 200
    html = response.content.decode()
    assert str(SEARCH_UNKNOWN_AREA) in html and "<mark>Våld</mark> i nära relationer</a>" in html


def test_the_index_follows_a_change_of_content_at_the_next_search(db):
    area = AreaFactory(name="Område")
    question = ReflectionQuestionFactory(area=area, text="Hur pratar vi om ekonomiskt våld?")
    assert len(search("ekonomiskt")) == 1
    question.text = "Hur pratar vi om digitalt våld?"
    question.save()
    assert search("ekonomiskt") == [] and len(search("digitalt")) == 1
    question.published = False
    question.save()
    assert search("digitalt") == []
    area.published = False
    area.save()
    FilmFactory(area=AreaFactory(name="Annat"), title="Digitalt våld")
    assert [h.place for h in search("digitalt")] == ["Annat"]


def test_the_index_is_rebuilt_after_migrate_even_without_a_content_change(db):
    ReflectionQuestionFactory(area=AreaFactory(), text="Hur pratar vi om ekonomiskt våld?")
    ensure_current()
    SearchDocument.objects.all().delete()
    assert search("ekonomiskt") == []  # the version did not change, so nothing was rebuilt
    mark_stale()
    assert len(search("ekonomiskt")) == 1


def routine_documents():
    return [
        IndexedDocument(
            kind="Rutin",
            title="Rutin för samverkan inom Kronobarnsmodellen",
            body="Samtycke från vårdnadshavare inhämtas innan samverkansmötet.",
            url="/rutin/#samtycke",
            place="Kronobarnsmodellen",
        )
    ]


def test_a_project_level_provider_adds_documents_to_the_search(db, settings):
    settings.SEARCH_DOCUMENT_PROVIDERS = [f"{__name__}.routine_documents"]
    mark_stale()
    [hit] = search("samtycket vardnadshavare")
    assert (hit.kind, hit.url, hit.place) == ("Rutin", "/rutin/#samtycke", "Kronobarnsmodellen")
    assert "<mark>Samtycke</mark>" in hit.excerpt


def test_each_database_keeps_its_own_index_of_every_document(package):
    ensure_current()
    documents = SearchDocument.objects.count()
    with connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute(
                "SELECT count(*) FROM mandates_searchdocument WHERE vector @@ 'vald:*'::tsquery"
            )
            assert cursor.fetchone()[0] > 0
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'mandates_searchdocument_vector'"
            )
            assert "USING gin (vector)" in cursor.fetchone()[0]
        else:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
            assert cursor.fetchone()[0] == documents > 100


def test_html_in_content_is_escaped_in_excerpts():
    marked = excerpt("Se <script>x</script> om våldet", {"vald"})
    assert "<script>" not in marked and "<mark>våldet</mark>" in marked


@pytest.mark.parametrize(
    ("word", "form"),
    [("anmälan", "anmal"), ("barnets", "barn"), ("Barnen", "barn"), ("våld", "vald"),
     ("VÅLDSUTSATTHET", "valdsutsat"), ("hedersrelaterade", "hedersrelater")],
)  # fmt: skip
def test_a_query_word_is_folded_and_cut_to_its_stem_or_shorter(word, form):
    assert query_form(word) == form


def test_folding_then_stemming_gives_the_same_stem_with_or_without_diacritics():
    assert stem("Våldsutsattheten") == stem("valdsutsattheten") == "valdsutsat"
    assert fold("Könsstympning Æ ø") == "konsstympning ae o"


def test_a_query_keeps_quoted_phrases_and_drops_stop_words():
    query = parse_query('"barn som närstående" och film')
    assert [w.typed for w in query.words] == ["barn", "närstående", "film"]
    assert query.parts == [[0, 1], [2]] and query.gaps == [0, 1, 1]


def test_trigram_similarity_is_pg_trgms():
    # pg_trgm: similarity('orosanmalen', 'orosanmalan') = 0.6
    assert similarity("orosanmalen", "orosanmalan") == pytest.approx(0.6)


def test_search_page_lists_hits_with_their_area(package, client):
    html = client.get(reverse("mandates:search"), {"q": "MediPrep"}).content.decode()
    assert "<mark>MediPrep</mark> – barnens 1177</a>" in html
    assert "Fördjupningsmaterial, Barnets rättigheter" in html
    assert 'value="MediPrep"' in html  # the header search box keeps the query


@pytest.mark.parametrize("q", ["", "   ", "!!!"])
def test_an_empty_query_asks_for_a_word_instead_of_failing(package, client, q):
    response = client.get(reverse("mandates:search"), {"q": q})
    assert response.status_code == 200
    assert str(SEARCH_TOO_SHORT) in response.content.decode()


@pytest.mark.parametrize("q", ["våld " * 500, '"""', "a* OR b", "'; DROP", "NEAR(x y)", "ø:*A"])
def test_a_long_or_odd_query_is_answered_not_an_error(package, client, q):
    response = client.get(reverse("mandates:search"), {"q": q})
    assert response.status_code == 200


def test_search_query_count_does_not_grow_with_content(package, django_assert_num_queries):
    ensure_current()
    # The index's version, the compounds of the words, the ranked page with its count.
    with django_assert_num_queries(3):
        search("barn")


def _questions(count: int) -> None:
    area = AreaFactory(name="Område")
    for n in range(count):
        ReflectionQuestionFactory(area=area, order=n, text=f"Hur pratar vi med föräldrar {n}?")


def _hit_titles(html: str) -> list[str]:
    found = re.findall(r'<li class="mb-3">\s*<a href="[^"]*">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


def test_a_hit_marks_the_words_in_its_title_and_a_bare_text_is_not_repeated(db, client):
    area = AreaFactory(name="Område")
    # (PostgreSQL's parser skips "<b>" as a tag; the word beside it is what is searched.)
    ReflectionQuestionFactory(area=area, text="Hur pratar vi om svartsjuka <b>?")
    FilmFactory(area=area, title="Svartsjuka", note="En film om svartsjuka.")
    html = client.get(reverse("mandates:search"), {"q": "svartsjuka"}).content.decode()
    assert '"><mark>Svartsjuka</mark></a>' in html
    assert '<p class="mb-0 excerpt">En film om <mark>svartsjuka</mark>.</p>' in html
    assert "Hur pratar vi om <mark>svartsjuka</mark> &lt;b&gt;?</a>" in html
    assert html.count("Hur pratar vi om") == 1


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
    ensure_current()
    # Content version, the areas of the filter, the index's version, compounds, the ranked page.
    with django_assert_num_queries(5):
        response = client.get(reverse("mandates:search"), {"q": "föräldrar", "page": 2})
    assert len(_hit_titles(response.content.decode())) == min(PAGE_SIZE, count - PAGE_SIZE)


def test_the_role_and_contacts_are_searchable_and_lead_to_the_role_page(package):
    hits = search("Swärd")
    assert [(h.title, h.place, h.url) for h in hits] == [
        (
            "Susann Swärd",
            "Familjeombudets uppdrag",
            "/stodpaket/familjeombudets-uppdrag/#kontakt-rubrik",
        )
    ]
    assert any(h.kind == "Uppdraget" for h in search("nätverksträffar"))


def test_a_search_reads_the_page_it_shows_only(package):
    results = SearchResults("barn", first_fetch=PAGE_SIZE)
    assert results.count() > PAGE_SIZE and len(results._found) == PAGE_SIZE
