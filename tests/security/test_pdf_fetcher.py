"""Every PDF is laid out by core.pdf, whose one URL fetcher serves only the portal's own static
files (issue 14, "PDFs"): an outside address, file:///etc/passwd or a path that climbs out of
the static folders fetches nothing."""

import http.server
import io
import threading
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from core import pdf

MARKER = "HAMTAD-UTIFRAN"


class Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        Recorder.hits.append(self.path)
        body = f'body::after {{ content: "{MARKER}" }}'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def outside_server():
    """A web server on loopback that records every request it gets."""
    Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def text_of(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def hostile_page(outside: str, local_css: Path) -> str:
    return f"""<!doctype html><html lang="sv"><head><title>Prov</title>
<link rel="stylesheet" href="{outside}/stil.css">
<link rel="stylesheet" href="{local_css.as_uri()}">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="/static/../../../../etc/passwd">
<link rel="stylesheet" href="/static/%2e%2e/%2e%2e/etc/passwd">
<style>@import url("{outside}/import.css"); h1 {{ background: url("{outside}/bild.png") }}</style>
</head><body><h1>Rubrik</h1><p>Text</p>
<img src="{outside}/bild.png" alt="bild"><img src="file:///etc/passwd" alt="lösen">
<object data="{outside}/objekt.svg"></object><iframe src="{outside}/ram.html"></iframe>
</body></html>"""


def test_a_pdf_source_pointing_outside_fetches_nothing(outside_server, tmp_path, monkeypatch):
    import weasyprint.urls

    asked = []
    original = weasyprint.urls.URLFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    # What the library itself was asked to open after the portal's fetcher let it through.
    monkeypatch.setattr(weasyprint.urls.URLFetcher, "fetch", spy)
    local_css = tmp_path / "lokal.css"
    local_css.write_text(f'body::before {{ content: "{MARKER}" }}')
    data = pdf.render_pdf(hostile_page(outside_server, local_css))
    assert data.startswith(b"%PDF")
    assert Recorder.hits == []
    assert MARKER not in text_of(data)
    assert not [url for url in asked if "passwd" in url or str(tmp_path) in url]
    static_dirs = [Path(d).resolve().as_uri() for d in settings.STATICFILES_DIRS]
    assert all(url.startswith(tuple(static_dirs)) for url in asked), asked


def test_the_outside_server_would_be_fetched_by_weasyprints_default_fetcher(
    outside_server, tmp_path
):
    """The test above can fail: WeasyPrint's own fetcher fetches both the server and the file."""
    from weasyprint import HTML

    local_css = tmp_path / "lokal.css"
    local_css.write_text(f'body::before {{ content: "{MARKER}" }}')
    data = HTML(string=hostile_page(outside_server, local_css)).write_pdf()
    assert Recorder.hits
    assert MARKER in text_of(data)


def test_the_portals_own_static_stylesheet_is_served():
    html = (
        '<html lang="sv"><head><title>Prov</title><link rel="stylesheet" '
        'href="/static/auditlog/print.css"></head><body><h1>Rubrik</h1></body></html>'
    )
    fetcher = pdf.url_fetcher()
    response = fetcher.fetch(pdf.static_url("auditlog/print.css"))
    assert response.read().strip()
    assert pdf.render_pdf(html).startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://evil.example/static/auditlog/print.css",
        "http://127.0.0.1:8000/static/auditlog/print.css",
        pdf.PDF_BASE_URL + "static/../../etc/passwd",
        pdf.PDF_BASE_URL + "static/%2e%2e/%2e%2e/etc/passwd",
        pdf.PDF_BASE_URL + "media/x.png",
        "ftp://evil.example/x.css",
    ],
)
def test_the_fetcher_refuses_everything_but_the_static_files(url):
    with pytest.raises(ValueError, match="bara portalens egna statiska filer"):
        pdf.url_fetcher().fetch(url)


def test_no_module_but_core_pdf_lays_out_a_pdf():
    """Every PDF (package, readiness report, agenda, case documents, log extract) goes through
    core.pdf: no other module of the portal imports WeasyPrint."""
    base = Path(settings.BASE_DIR)
    users = []
    for path in sorted(base.rglob("*.py")):
        relative = path.relative_to(base)
        if relative.parts[0] in {".venv", "tests", "node_modules", "build", "bench"}:
            continue
        source = path.read_text(encoding="utf-8", errors="replace")
        if "from weasyprint" in source or "import weasyprint" in source:
            users.append(str(relative))
    assert users == ["core/pdf.py"]
