"""No CDN: every script, style sheet, font and image a page loads comes from the portal's own
static files (Bootstrap is vendored in static/vendor/), so nothing is fetched from another host
and no third party learns who reads what. The Content-Security-Policy (test_headers.py) makes
the browser refuse anything else; these tests keep the sources from asking for it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

# Tags whose address the browser loads by itself (an <a href> is only followed on a click).
LOADING_TAG = re.compile(
    r"<(script|link|img|iframe|source|video|audio|embed|object|track)\b[^>]*>", re.IGNORECASE
)
ADDRESS = re.compile(r"""\b(?:src|href|data|poster|srcset)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
OFF_SITE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)""", re.IGNORECASE)


def template_files():
    roots = [Path(settings.BASE_DIR, "templates")]
    roots += [p for p in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in p.parts]
    return sorted(f for root in roots for f in root.rglob("*.html"))


def off_site_loads(html: str) -> list[str]:
    found = []
    for tag in LOADING_TAG.finditer(html):
        found += [a for a in ADDRESS.findall(tag.group(0)) if OFF_SITE.match(a)]
    return found


def test_there_are_templates_and_style_sheets_to_check():
    assert len(template_files()) > 20
    assert list(Path(settings.BASE_DIR, "static").rglob("*.css"))


def test_no_template_loads_a_script_style_sheet_font_or_image_from_another_host():
    offenders = {
        str(f.relative_to(settings.BASE_DIR)): loads
        for f in template_files()
        if (loads := off_site_loads(f.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_no_style_sheet_imports_or_points_at_another_host():
    offenders = {}
    for sheet in Path(settings.BASE_DIR, "static").rglob("*.css"):
        urls = CSS_URL.findall(sheet.read_text(encoding="utf-8"))
        if bad := [u for u in urls if OFF_SITE.match(u)]:
            offenders[str(sheet.relative_to(settings.BASE_DIR))] = bad
    assert offenders == {}


def test_the_checker_recognises_a_cdn_in_each_form():
    assert off_site_loads('<script src="https://cdn.example/x.js"></script>')
    assert off_site_loads("<link rel='stylesheet' href='//cdn.example/b.css'>")
    assert off_site_loads('<img alt="" src="http://cdn.example/a.png">')
    assert not off_site_loads('<script src="/static/vendor/bootstrap/b.js" defer></script>')
    assert not off_site_loads('<a href="https://mediprep.se/">MediPrep</a>')
    assert CSS_URL.findall('@import "https://fonts.example/f.css"; a{background:url(/x.png)}') == [
        "https://fonts.example/f.css",
        "/x.png",
    ]


@pytest.mark.django_db
def test_rendered_pages_load_only_from_the_portal(client, admin_user):
    pages = [reverse("home"), reverse("login"), reverse("mandates:search") + "?q=barn"]
    pages += [reverse("accessibility_statement"), reverse("privacy_notice"), "/finns-inte/"]
    loaded = []
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script" in html, url
        loaded += off_site_loads(html)
    client.force_login(admin_user)
    admin = client.get(reverse("admin:index")).content.decode()
    assert "<link" in admin
    assert loaded + off_site_loads(admin) == []
