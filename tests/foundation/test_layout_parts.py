"""The header and footer are rendered once per worker for each distinct set of what they show
(familjeombud/templatetags/layout.py): every person must still get their own name, menu and
sign-out token, and every page its own footer link and search words."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from familjeombud.templatetags.layout import PARTS
from organisation.roles import strateg_group

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty_parts():
    PARTS.clear()
    yield
    PARTS.clear()


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_user("anna", password="x", first_name="Anna")


@pytest.fixture
def stina(django_user_model):
    user = django_user_model.objects.create_user("stina", password="x", first_name="Stina")
    user.groups.add(strateg_group())
    return user


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_each_person_gets_their_own_name_and_menu_on_the_same_page(anna, stina):
    url = reverse("checklists:unit_list")
    first = signed_in(stina).get(url).text
    second = signed_in(anna).get(url).text
    assert "Inloggad som Stina" in first and "Regionöversikt" in first
    assert "Inloggad som Anna" in second and "Regionöversikt" not in second
    assert "Inloggad som Anna" in signed_in(anna).get(url).text  # now from the worker's memory


def test_a_new_name_shows_at_once(anna):
    client = signed_in(anna)
    url = reverse("checklists:unit_list")
    client.get(url)
    anna.first_name, anna.last_name = "Anna", "Ek"
    anna.save()
    assert "Inloggad som Anna Ek" in client.get(url).text


def test_the_sign_out_form_carries_each_session_s_own_token_and_signs_out(anna, stina):
    url = reverse("checklists:unit_list")
    clients = [signed_in(anna), signed_in(anna), signed_in(stina)]
    tokens = []
    for client in clients:
        client.get(url)  # the first render, then the stored one
        page = client.get(url).text
        tokens.append(TOKEN.findall(page))
    assert all(len(found) == 1 for found in tokens)
    assert len({found[0] for found in tokens}) == 3
    response = clients[1].post(reverse("logout"), {"csrfmiddlewaretoken": tokens[1][0]})
    assert response.status_code == 302
    assert clients[1].get(url).status_code == 302  # signed out
    assert clients[0].get(url).status_code == 200  # the other session of the same person


def test_the_menu_marks_the_page_the_person_is_on(anna):
    client = signed_in(anna)
    for name in ("checklists:unit_list", "training:index"):
        page = client.get(reverse(name)).text
        current = re.findall(r'<a class="nav-link" href="([^"]+)" aria-current="page"', page)
        assert current == [reverse(name)]


def test_the_search_field_shows_each_search_s_own_words(client):
    url = reverse("mandates:search")
    assert 'value="barn"' in client.get(url, {"q": "barn"}).text
    assert 'value="våld"' in client.get(url, {"q": "våld"}).text


def test_the_footer_s_report_link_names_each_page(anna):
    client = signed_in(anna)
    first, second = reverse("checklists:unit_list"), reverse("training:index")
    client.get(first)
    page = client.get(second).text
    assert f"?sida={second}#" in page and f"?sida={first}#" not in page


def test_a_page_is_the_same_from_the_worker_s_memory_as_rendered(anna):
    client = signed_in(anna)
    url = reverse("checklists:unit_list")
    rendered = TOKEN.sub("", client.get(url).text)
    assert len(PARTS._cache) == 2  # the header and the footer
    assert TOKEN.sub("", client.get(url).text) == rendered
