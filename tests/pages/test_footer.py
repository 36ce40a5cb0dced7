import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .html_checks import structure

SKIP_PREFIXES = ("admin/",)


def public_paths() -> list[str]:
    """Every resolver path without parameters, outside admin: what an anonymous visitor can try."""
    paths: list[str] = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            if "<" in route or route.startswith("^"):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                paths.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted({p for p in paths if not p[1:].startswith(SKIP_PREFIXES)})


def test_the_public_paths_include_both_duty_pages():
    paths = public_paths()
    assert "/tillganglighet/" in paths and "/personuppgifter/" in paths


@pytest.mark.django_db
def test_the_footer_on_the_home_page_links_both_pages(client):
    links = structure(client.get("/").content.decode()).links
    assert reverse("accessibility_statement") in links
    assert reverse("privacy_notice") in links


@pytest.mark.django_db
def test_every_public_html_page_links_both_pages_in_its_footer(client):
    checked = []
    for path in public_paths():
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        footer = html[html.index("<footer") :]
        assert 'href="/tillganglighet/"' in footer, path
        assert 'href="/personuppgifter/"' in footer, path
        checked.append(path)
    assert {"/", "/tillganglighet/", "/personuppgifter/"} <= set(checked)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "user", "administrator"])
@pytest.mark.parametrize("name", ["accessibility_statement", "privacy_notice"])
def test_both_pages_are_open_to_everyone_whoever_is_logged_in(
    client, django_user_model, site_pages, who, name
):
    if who == "user":
        client.force_login(django_user_model.objects.create_user("anna"))
    elif who == "administrator":
        client.force_login(django_user_model.objects.create_superuser("chef", "", "x"))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert structure(response.content.decode()).headings.count(1) == 1
