"""The main menu offers each role only what it may open: no link that ends in a 403."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from checklists.access import may_see_region
from familjeombud.menu import ENTRIES, menu_entries
from samverkan.access import may_open_cases

pytestmark = pytest.mark.django_db


def nav_links(client) -> list[str]:
    html = client.get(reverse("home")).content.decode()
    start = html.index('<nav class="site-nav"')
    nav = html[start : html.index("</nav>", start)]
    return [part.split('"')[0] for part in nav.split('class="nav-link" href="')[1:]]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_visitor_sees_only_the_public_pages_in_the_menu(client):
    assert nav_links(client) == [reverse("home"), reverse("mandates:role")]


def test_a_signed_in_user_without_a_role_gets_no_samverkan_or_region_link():
    links = nav_links(signed_in(User.objects.create_user("utan-roll")))
    assert reverse("samverkan:case_list") not in links
    assert reverse("checklists:dashboard") not in links
    assert reverse("checklists:unit_list") in links
    assert (
        signed_in(User.objects.get(username="utan-roll"))
        .get(reverse("samverkan:case_list"))
        .status_code
        == 403
    )


def test_a_clinician_gets_the_samverkan_link_and_the_page_opens():
    user = User.objects.create_user("kliniker")
    user.groups.add(Group.objects.get(name="Kliniker"))
    client = signed_in(user)
    assert reverse("samverkan:case_list") in nav_links(client)
    assert client.get(reverse("samverkan:case_list")).status_code == 200


def test_the_region_link_follows_the_dashboards_own_rule():
    user = User.objects.create_user("strateg")
    # By app label too: a migration test run earlier in the same database can leave the
    # permission's pre-move twin under checklists behind.
    region = Permission.objects.get(content_type__app_label="organisation", codename="view_region")
    user.user_permissions.add(region)
    user = User.objects.get(pk=user.pk)
    assert may_see_region(user)
    assert reverse("checklists:dashboard") in nav_links(signed_in(user))


@pytest.mark.parametrize("role", ["anonymous", "plain", "clinician", "superuser"])
def test_every_menu_link_opens_for_the_user_it_is_shown_to(role):
    client = Client()
    if role != "anonymous":
        user = User.objects.create_user(role, is_superuser=role == "superuser", is_staff=True)
        if role == "clinician":
            user.groups.add(Group.objects.get(name="Kliniker"))
        client.force_login(user)
    for url in nav_links(client):
        assert client.get(url).status_code == 200, url


def test_the_menu_reads_the_apps_own_access_functions():
    rules = {str(label): allowed for label, _name, allowed in ENTRIES}
    assert rules["Samverkan"] is may_open_cases
    assert rules["Regionöversikt"] is may_see_region
    from django.contrib.auth.models import AnonymousUser

    assert [e["label"] for e in menu_entries(AnonymousUser(), "/")] == [
        "Stödpaket",
        "Familjeombudets uppdrag",
    ]
