"""Every answer carries the Content-Security-Policy and the other security headers."""

import pytest
from django.urls import reverse

EXPECTED_CSP_DIRECTIVES = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
}


def csp_directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.fixture
def pages(db):
    return [reverse("home"), reverse("login"), reverse("admin:login"), "/finns-inte/"]


def test_every_page_has_the_strict_content_security_policy(client, pages):
    for url in pages:
        response = client.get(url)
        assert csp_directives(response) == EXPECTED_CSP_DIRECTIVES, url


def test_the_policy_allows_no_inline_script_style_or_eval(client, pages):
    for url in pages:
        header = client.get(url)["Content-Security-Policy"]
        assert "unsafe-inline" not in header
        assert "unsafe-eval" not in header
        assert "nonce-" not in header


def test_every_page_has_the_security_headers(client, pages):
    for url in pages:
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, (url, feature)


def test_a_view_that_sets_its_own_permissions_policy_keeps_it(rf, settings):
    from django.http import HttpResponse

    from familjeombud.middleware import PermissionsPolicyMiddleware

    def view(request):
        response = HttpResponse("ok")
        response["Permissions-Policy"] = "fullscreen=(self)"
        return response

    response = PermissionsPolicyMiddleware(view)(rf.get("/"))
    assert response["Permissions-Policy"] == "fullscreen=(self)"


def test_the_swedish_404_page_also_carries_the_policy(client, db):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Content-Security-Policy" in response
