import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from mandates.models import Film, MandateArea

from .factories import AreaFactory, ContactFactory, RoleItemFactory, fill_area

AREA = "vald-i-nara-relationer"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("anna", password="x")


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("admin", password="x", is_staff=True)


def public_urls():
    return [
        reverse("mandates:area_detail", args=[AREA]),
        reverse("mandates:area_films", args=[AREA]),
        reverse("mandates:role"),
        reverse("mandates:contacts"),
        reverse("mandates:search") + "?q=barn",
    ]


@pytest.mark.parametrize("who", ["anonymous", "user", "staff"])
def test_every_public_page_is_open_to_anyone(package, client, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in public_urls():
        assert client.get(url).status_code == 200, url


def test_an_unpublished_area_is_not_found(package, client):
    MandateArea.objects.filter(slug=AREA).update(published=False)
    assert client.get(reverse("mandates:area_detail", args=[AREA])).status_code == 404
    assert client.get(reverse("mandates:area_pdf", args=[AREA])).status_code == 404


def test_area_page_shows_sections_in_the_source_order_with_a_table_of_contents(package, client):
    html = client.get(reverse("mandates:area_detail", args=[AREA])).content.decode()
    headings = [
        "Lagar som reglerar området",
        "Styrdokument",
        "Checklista på hur verksamheten är rustad för uppdraget",
        "Presentationsmaterial",
        "Filmer",
        "Fördjupningsmaterial",
        "Webbutbildningar",
        "Arbetsgivarens ansvar vid våld i nära relationer",
        "Reflektionsfrågor",
    ]
    main = html[html.index('id="lagar"') :]
    positions = [main.index(f">{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    for anchor in ["lagar", "styrdokument", "checklista", "filmer", "reflektionsfragor"]:
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert html.count("<h1") == 1
    assert "SOSFS 2014:4" in html
    assert "Verksamheten har fått utbildning om hedersrelaterat våld och förtryck." in html
    assert "Din roll som chef – SKR:s stödmaterial vid våldsutsatthet i personalen" in html


def test_external_links_go_to_the_source_address_and_say_where_they_go(package, client):
    html = client.get(reverse("mandates:area_detail", args=["barnets-rattigheter"])).content
    html = html.decode()
    assert '<a href="https://mediprep.se/">MediPrep – barnens 1177</a> ' in html
    assert "(mediprep.se)" in html
    html = client.get(reverse("mandates:area_detail", args=["barn-som-narstaende"])).content
    assert "(PDF på regionkronoberg.se)" in html.decode()


def test_films_page_sums_the_viewing_time_of_the_area(package, client):
    url = reverse("mandates:area_films", args=["barnets-rattigheter"])
    html = client.get(url).content.decode()
    # 31 + 35 + 4 + 4,5 + 4 + 4 minutes, plus 5 films of 2-3 minutes = 82,5 + 10..15 minutes.
    assert "Sammanlagd visningstid: 1 h 32 min 30 s–1 h 37 min 30 s" in html
    assert "ca 14 + 21 minuter" in html


def test_films_page_counts_films_without_duration_apart(package, client):
    html = client.get(reverse("mandates:area_films", args=["samverkan-kronobarnsmodellen"]))
    html = html.content.decode()
    assert "Sammanlagd visningstid: okänd (och 3 filmer utan angiven längd)" in html
    assert "På gång, ingen länk ännu" in html


def test_area_film_total_is_available_for_session_planning(package):
    area = MandateArea.objects.get(slug="vald-i-nara-relationer")
    total = area.film_total()
    expected = sum(Film.objects.filter(area=area).values_list("duration_min_seconds", flat=True))
    assert (
        total.min_seconds
        == expected
        == (3 + 7 + 19 + 4 + 3 + 5 + 7 + 9 + 7 + 5 + 3 + 3) * 60 + 230 + 210
    )


def test_role_page_lists_areas_assignments_prerequisites_and_contacts(package, client):
    html = client.get(reverse("mandates:role")).content.decode()
    for text in [
        "Samverkan inom Kronobarnsmodellen",
        "Nätverka med andra familjeombud i Region Kronoberg",
        "1-4 dagar/månad",
        "två gånger om året",
        "två utbildningsdagar",
        "mandat att driva frågorna",
        'href="mailto:susann.sward@kronoberg.se"',
        'href="tel:+46709844728"',
    ]:
        assert text in html, text


def test_home_page_shows_the_role_summary_and_contacts_link(package, client):
    html = client.get(reverse("home")).content.decode()
    assert "Familjeombudens uppdrag som resurspersoner" in html
    assert reverse("mandates:contacts") in html


def test_unpublished_items_are_hidden(package, client):
    Film.objects.filter(title="Hedersrelaterat våld och förtryck").update(published=False)
    html = client.get(reverse("mandates:area_detail", args=[AREA])).content.decode()
    assert ">Hedersrelaterat våld och förtryck</a>" not in html
    assert ">Eva och Johan - En film om svartsjuka och våld i nära relationer</a>" in html


# Queries on a first (uncached) anonymous request: content version, the area, one per kind
# of prefetched item (9 kinds + checklist items).
AREA_QUERIES = 12
# The films page loads only what it shows: content version, the area, its films, its groups.
FILMS_QUERIES = 4


@pytest.mark.parametrize("times", [1, 10])
def test_area_page_query_count_does_not_grow_with_content(
    db, client, django_assert_num_queries, times
):
    area = AreaFactory()
    fill_area(area, times)
    with django_assert_num_queries(AREA_QUERIES):
        response = client.get(area.get_absolute_url())
    assert response.content.decode().count('class="film"') == 2 * times


@pytest.mark.parametrize("times", [1, 10])
def test_films_page_query_count_does_not_grow_with_content(
    db, client, django_assert_num_queries, times
):
    area = AreaFactory()
    fill_area(area, times)
    with django_assert_num_queries(FILMS_QUERIES):
        response = client.get(reverse("mandates:area_films", args=[area.slug]))
    assert response.content.decode().count('class="film"') == 2 * times


@pytest.mark.parametrize("times", [1, 10])
def test_role_and_contact_pages_query_count_does_not_grow(
    db, client, django_assert_num_queries, times
):
    AreaFactory.create_batch(times)
    RoleItemFactory.create_batch(times)
    ContactFactory.create_batch(times)
    with django_assert_num_queries(4):  # version, role items, areas, contacts
        client.get(reverse("mandates:role"))
    with django_assert_num_queries(2):  # version, contacts
        client.get(reverse("mandates:contacts"))


def test_a_cached_page_costs_one_query(package, client, django_assert_num_queries):
    url = reverse("mandates:area_detail", args=[AREA])
    client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "user", "staff"])
def test_pdfs_are_open_to_anyone(package, client, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("mandates:area_pdf", args=["barn-som-far-illa"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("times", [1, 10])
def test_area_pdf_query_count_does_not_grow_with_content(
    db, client, django_assert_num_queries, times
):
    area = AreaFactory()
    fill_area(area, times)
    with django_assert_num_queries(AREA_QUERIES):
        client.get(reverse("mandates:area_pdf", args=[area.slug]))


@pytest.mark.parametrize("times", [1, 3])
def test_package_pdf_query_count_does_not_grow_with_content(
    db, client, django_assert_num_queries, times
):
    for _ in range(2):
        fill_area(AreaFactory(), times)
    RoleItemFactory.create_batch(times)
    ContactFactory.create_batch(times)
    with django_assert_num_queries(AREA_QUERIES + 2):  # + role items, contacts
        client.get(reverse("mandates:package_pdf"))


def test_a_film_cannot_join_a_group_of_another_area(db):
    from django.core.exceptions import ValidationError

    from mandates.models.content import FILM_GROUP_OTHER_AREA

    from .factories import FilmFactory, FilmGroupFactory

    film = FilmFactory.build(area=AreaFactory(), group=FilmGroupFactory())
    with pytest.raises(ValidationError) as error:
        film.full_clean()
    assert error.value.message_dict["group"] == [str(FILM_GROUP_OTHER_AREA)]
