"""Browsers find the portal's icon: pages link the SVG, and /favicon.ico (which browsers request
on their own) leads to the vendored .ico among the static files instead of a 404."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse

STATIC = Path(settings.BASE_DIR) / "static"


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")


@override_settings(WHITENOISE_USE_FINDERS=True)  # as under runserver; production collects
def test_the_static_icon_is_served_as_an_image(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    body = b"".join(response.streaming_content)
    assert body == (STATIC / "favicon.ico").read_bytes()
    assert body[:4] == b"\x00\x00\x01\x00", "ingen ICO-fil"


def test_favicon_ico_follows_the_hashed_name_of_a_collected_static_file(client, tmp_path):
    manifest = {"version": "1.1", "paths": {"favicon.ico": "favicon.0123abcd.ico"}, "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storages = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        response = client.get("/favicon.ico")
    assert response["Location"] == "/static/favicon.0123abcd.ico"


@pytest.mark.django_db
def test_every_page_links_the_svg_icon(client):
    html = client.get(reverse("home")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in html
    svg = (STATIC / "favicon.svg").read_text()
    assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg
