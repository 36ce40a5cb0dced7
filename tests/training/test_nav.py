"""The main menu leads signed-in users to Utbildning (/utbildning/), the page every signed-in
user may open; visitors who are not signed in, for whom it would only be a login, do not see it."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

LINK = '<a class="nav-link" href="/utbildning/"'


def nav(response) -> str:
    html = response.content.decode()
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


def test_the_training_index_is_at_utbildning():
    assert reverse("training:index") == "/utbildning/"


@pytest.mark.django_db
def test_a_visitor_who_is_not_signed_in_has_no_training_link(client):
    assert LINK not in nav(client.get(reverse("home")))


def test_a_familjeombud_finds_utbildning_in_the_menu(client, ombud):
    client.force_login(ombud)
    menu = nav(client.get(reverse("home")))
    assert f"{LINK}>Utbildning</a>" in menu


@pytest.mark.django_db
def test_a_signed_in_user_without_a_unit_finds_the_link_and_the_page_opens(client):
    client.force_login(User.objects.create_user("utan-enhet"))
    assert LINK in nav(client.get(reverse("home")))
    response = client.get(reverse("training:index"))
    assert response.status_code == 200
    assert f'{LINK} aria-current="page">Utbildning</a>' in nav(response)
