import re

import pytest
from django.urls import reverse

from familjeombud.models import DataProtectionContacts

from .html_checks import heading_problems, structure

URL = "/personuppgifter/"


def retention_item(html: str) -> str:
    return re.search(r'<li id="gallring-arenden">(.*?)</li>', html, re.S).group(1)


def cookie_rows(html: str) -> dict[str, str]:
    rows = re.findall(
        r"<tr><th scope=\"row\"><code>(.*?)</code></th><td>.*?</td><td>(.*?)</td></tr>", html
    )
    return dict(rows)


def test_the_notice_has_the_name_the_footer_links_and_lives_at_the_site_root():
    assert reverse("privacy_notice") == URL


def test_the_notice_is_reachable_anonymously_and_covers_every_kind_of_data(client, site_pages):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for heading in [
        "Användarkonton",
        "Inloggningar",
        "Beredskapschecklistor",
        "Samverkansärenden enligt Kronobarnsmodellen",
        "Meddelanden om brister i tillgängligheten",
        "Vem kan se uppgifterna",
        "Hur länge uppgifterna sparas",
        "Kakor (cookies)",
        "Dina rättigheter",
    ]:
        assert f">{heading}</h" in html, heading
    assert "artikel 9.2 h" in html
    assert "nödåtkomst som alltid loggas" in html
    assert "registerutdrag" in html and "rättade" in html


@pytest.mark.parametrize("days", [30, 37, 365])
def test_the_case_retention_period_is_read_from_the_setting(client, db, settings, days):
    settings.CASE_RETENTION_DAYS = days
    item = retention_item(client.get(URL).content.decode())
    assert f"raderas {days} dagar efter att det avslutades" in item


def test_a_retention_period_of_one_day_reads_in_the_singular(client, db, settings):
    settings.CASE_RETENTION_DAYS = 1
    assert "raderas 1 dag efter" in retention_item(client.get(URL).content.decode())


def test_cookies_are_listed_by_name_and_lifetime_from_the_settings(client, db, settings):
    settings.SESSION_COOKIE_AGE = 3600
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = False
    settings.CSRF_COOKIE_AGE = 7 * 86400
    settings.SESSION_COOKIE_NAME = "portalsession"
    rows = cookie_rows(client.get(URL).content.decode())
    assert rows["portalsession"] == "1 timme"
    assert rows["csrftoken"] == "7 dagar"
    assert rows["messages"] == "tills du stänger webbläsaren"


def test_the_shipped_settings_give_an_eight_hour_session_ending_with_the_browser(client, db):
    rows = cookie_rows(client.get(URL).content.decode())
    assert rows["sessionid"] == "tills du stänger webbläsaren, högst 8 timmar"
    assert rows["csrftoken"] == "364 dagar"


def test_no_csrf_cookie_is_listed_when_the_token_lives_in_the_session(client, db, settings):
    settings.CSRF_USE_SESSIONS = True
    assert "csrftoken" not in cookie_rows(client.get(URL).content.decode())


def test_every_cookie_the_site_sets_is_listed_on_the_notice(client, db, django_user_model):
    """Walk the flows that set cookies: a form page, a posted report, a login."""
    django_user_model.objects.create_user("anna", "", "ett-langt-losenord-123")
    set_by_site: set[str] = set()
    responses = [
        client.get("/"),
        client.get("/tillganglighet/"),
        client.post(
            "/tillganglighet/",
            {"page": "/", "kinds": ["brist"], "description": "Kontrasten är för låg."},
        ),
        client.get(reverse("login")),
        client.post(reverse("login"), {"username": "anna", "password": "ett-langt-losenord-123"}),
    ]
    for response in responses:
        set_by_site |= {name for name, morsel in response.cookies.items() if morsel.value}
    listed = set(cookie_rows(client.get(URL).content.decode()))
    assert {"sessionid", "csrftoken", "messages"} <= set_by_site
    assert set_by_site <= listed


def test_unverified_contacts_are_shown_as_missing_with_the_regions_page(client, site_pages):
    html = client.get(URL).content.decode()
    assert "Region Kronoberg är personuppgiftsansvarig" in html
    assert 'id="kontakt-saknas"' in html
    assert (
        'href="https://www.regionkronoberg.se/om-region-kronoberg/dataskyddsforordning-gdpr/"'
        in html
    )


def test_verified_contacts_edited_in_admin_are_shown(client, db):
    DataProtectionContacts.objects.create(
        controller_name="Region Testlän",
        controller_email="region@test.example",
        dpo_email="dataskyddsombud@test.example",
        verified=True,
    )
    html = client.get(URL).content.decode()
    assert "Region Testlän är personuppgiftsansvarig" in html
    assert 'href="mailto:dataskyddsombud@test.example"' in html
    assert 'id="kontakt-saknas"' not in html


def test_without_a_contacts_row_the_notice_says_they_are_missing(client, db):
    assert 'id="kontakt-saknas"' in client.get(URL).content.decode()


def test_the_notice_uses_one_query_and_has_ordered_headings(
    client, site_pages, django_assert_num_queries
):
    with django_assert_num_queries(1):
        html = client.get(URL).content.decode()
    page = structure(html)
    assert heading_problems(page.headings) == []
    assert page.inline_scripts == 0 and page.style_attributes == 0
