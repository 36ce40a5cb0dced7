import pytest
from django.contrib.messages import get_messages
from django.core import mail

from familjeombud.forms import (
    MSG_DESCRIPTION_REQUIRED,
    MSG_DESCRIPTION_TOO_LONG,
    MSG_EMAIL_INVALID,
    MSG_KIND_REQUIRED,
    MSG_PAGE_FOREIGN,
    MSG_PAGE_REQUIRED,
)
from familjeombud.models import AccessibilityReport, ReportStatus
from familjeombud.pages.services import MSG_THROTTLED, REPORTS_PER_HOUR
from familjeombud.pages.views import MSG_REPORT_SENT
from tests.queue import run_queue

URL = "/tillganglighet/"
GOOD = {
    "page": "/stodpaket/omraden/barn-som-far-illa/",
    "kinds": ["brist", "tillganglig-version"],
    "description": "Filmen saknar textning och PDF:en går inte att läsa med skärmläsare.",
    "email": "besokare@example.se",
    "webbplats": "",
}


def page_field_value(html: str) -> str:
    start = html.index('name="page"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    return tag.split('value="')[1].split('"')[0] if 'value="' in tag else ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,referer,expected",
    [
        ("?sida=/stodpaket/omraden/vald/", "", "/stodpaket/omraden/vald/"),
        ("", "http://testserver/beredskap/?ar=2025", "/beredskap/?ar=2025"),
        ("?sida=/stodpaket/", "http://testserver/beredskap/", "/stodpaket/"),
        ("", "https://evil.example/phish/", ""),
        ("?sida=https://evil.example/x", "", ""),
        ("?sida=//evil.example/x", "", ""),
        ("?sida=javascript:alert(1)", "", ""),
        ("?sida=/%5Cevil.example/", "", ""),
        ("", "http://user@testserver/x", ""),
    ],
)
def test_the_page_address_is_prefilled_only_from_this_sites_paths(client, query, referer, expected):
    headers = {"referer": referer} if referer else {}
    html = client.get(URL + query, headers=headers).content.decode()
    assert page_field_value(html) == expected.replace("&", "&amp;")


@pytest.mark.django_db
def test_a_report_is_stored_and_the_visitor_is_redirected_with_a_thank_you(client):
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/tillganglighet/#meddela-brist"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [MSG_REPORT_SENT]
    report = AccessibilityReport.objects.get()
    assert report.page == GOOD["page"]
    assert report.description == GOOD["description"]
    assert report.email == GOOD["email"]
    assert report.reports_problem and report.wants_accessible_version
    assert report.status == ReportStatus.NEW and report.answered_on is None
    assert MSG_REPORT_SENT in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_a_full_address_on_this_site_is_stored_as_its_path(client):
    client.post(URL, {**GOOD, "page": "http://testserver/stodpaket/?q=film", "email": ""})
    report = AccessibilityReport.objects.get()
    assert report.page == "/stodpaket/?q=film"
    assert report.email == ""


@pytest.mark.django_db
def test_a_report_is_mailed_to_the_configured_address(client, settings):
    settings.ACCESSIBILITY_REPORT_EMAIL = "tillganglighet@example.se"
    client.post(URL, GOOD)
    report = AccessibilityReport.objects.get()
    assert mail.outbox == []  # queued: the page does not wait for the mail server
    run_queue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tillganglighet@example.se"]
    assert f"nr {report.pk}" in message.subject
    assert GOOD["description"] in message.body
    assert GOOD["page"] in message.body
    assert "Vill ha innehåll i tillgänglig version" in message.body


@pytest.mark.django_db
def test_without_a_configured_address_the_report_is_stored_but_not_mailed(client, settings):
    settings.ACCESSIBILITY_REPORT_EMAIL = ""
    client.post(URL, GOOD)
    assert AccessibilityReport.objects.count() == 1
    run_queue()
    assert mail.outbox == []


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.django_db
def test_a_mail_server_outage_keeps_the_report_and_thanks_the_visitor(client, settings):
    settings.ACCESSIBILITY_REPORT_EMAIL = "tillganglighet@example.se"
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailBackend"
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    run_queue()
    assert AccessibilityReport.objects.count() == 1


HOSTILE = [
    pytest.param(
        {}, {}, [MSG_PAGE_REQUIRED, MSG_KIND_REQUIRED, MSG_DESCRIPTION_REQUIRED], id="empty post"
    ),
    pytest.param(
        {**GOOD, "description": "x" * 100_000},
        {},
        [MSG_DESCRIPTION_TOO_LONG],
        id="100 kB description",
    ),
    pytest.param(
        {**GOOD, "page": "p" * 100_000},
        {},
        ["Adressen får vara högst 500 tecken."],
        id="100 kB page address",
    ),
    pytest.param(
        {**GOOD, "description": "   "}, {}, [MSG_DESCRIPTION_REQUIRED], id="blank description"
    ),
    pytest.param({**GOOD, "kinds": []}, {}, [MSG_KIND_REQUIRED], id="no kind chosen"),
    pytest.param(
        {**GOOD, "kinds": ["annat"]}, {}, ["Välj ett giltigt alternativ."], id="unknown kind"
    ),
    pytest.param({**GOOD, "email": "inte-en-adress"}, {}, [MSG_EMAIL_INVALID], id="bad e-mail"),
    pytest.param(
        {**GOOD, "page": "https://evil.example/x"},
        {},
        [MSG_PAGE_FOREIGN],
        id="foreign page address",
    ),
    pytest.param(
        {**GOOD, "page": ""},
        {"referer": "https://evil.example/x"},
        [MSG_PAGE_REQUIRED],
        id="foreign referer and no address",
    ),
    pytest.param(
        {**GOOD, "page": "//evil.example/x"},
        {"referer": "https://evil.example/"},
        [MSG_PAGE_FOREIGN],
        id="protocol-relative address",
    ),
    pytest.param(
        {**GOOD, "description": "nul\x00byte"},
        {},
        ["Null-tecken är inte tillåtna."],
        id="NUL character",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("data,headers,errors", HOSTILE)
def test_bad_input_stores_nothing_and_answers_200_with_the_errors(
    client, settings, data, headers, errors
):
    settings.ACCESSIBILITY_REPORT_EMAIL = "tillganglighet@example.se"
    response = client.post(URL, data, headers=headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meddelandet skickades inte. Rätta följande:" in html
    for error in errors:
        assert error in html
    assert AccessibilityReport.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_error_is_tied_to_its_field_for_screen_readers(client):
    html = client.post(URL, {**GOOD, "description": ""}).content.decode()
    start = html.index("<textarea")
    textarea = html[start : html.index(">", start)]
    assert 'aria-invalid="true"' in textarea
    assert 'aria-describedby="id_description-hjalp id_description-fel"' in textarea
    assert 'id="id_description-fel"' in html
    assert 'href="#id_description"' in html
    page_input = html[html.rindex("<input", 0, html.index('name="page"')) :]
    assert "aria-invalid" not in page_input[: page_input.index(">")]


@pytest.mark.django_db
def test_a_filled_honeypot_pretends_success_but_stores_and_mails_nothing(client, settings):
    settings.ACCESSIBILITY_REPORT_EMAIL = "tillganglighet@example.se"
    response = client.post(URL, {**GOOD, "webbplats": "http://spam.example"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [MSG_REPORT_SENT]
    assert AccessibilityReport.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_reports_from_one_address_are_throttled_after_the_hourly_quota(client):
    for _ in range(REPORTS_PER_HOUR):
        assert client.post(URL, GOOD, REMOTE_ADDR="192.0.2.10").status_code == 302
    response = client.post(URL, GOOD, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429
    assert MSG_THROTTLED in response.content.decode()
    assert AccessibilityReport.objects.count() == REPORTS_PER_HOUR
    assert client.post(URL, GOOD, REMOTE_ADDR="192.0.2.99").status_code == 302
    assert AccessibilityReport.objects.count() == REPORTS_PER_HOUR + 1


@pytest.mark.django_db
def test_corrected_mistakes_do_not_use_up_the_quota(client):
    for _ in range(REPORTS_PER_HOUR * 2):
        assert client.post(URL, {**GOOD, "description": ""}).status_code == 200
    assert client.post(URL, GOOD).status_code == 302
    assert AccessibilityReport.objects.count() == 1


@pytest.mark.django_db
def test_the_throttle_keeps_no_ip_address_in_the_cache_key(client):
    from django.core.cache import cache

    client.post(URL, GOOD, REMOTE_ADDR="192.0.2.10")
    store = cache._cache
    # locmem keeps its keys in a dict; Redis is asked for them.
    stored = store.get_client().keys("*") if hasattr(store, "get_client") else store
    keys = [k.decode() if isinstance(k, bytes) else str(k) for k in stored]
    assert keys and not any("192.0.2.10" in k for k in keys)


@pytest.mark.django_db
def test_posting_a_report_uses_a_fixed_number_of_queries(client, django_assert_num_queries):
    # one INSERT inside a savepoint pair; the statement is not loaded on the redirect
    with django_assert_num_queries(3):
        client.post(URL, GOOD)
