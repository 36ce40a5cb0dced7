"""Every PDF of the portal is written here: one renderer, one URL fetcher (issue 14, "PDFs").

The fetcher serves only the portal's own static files, read from disk (the staticfiles finders
in development, STATIC_ROOT in production). Anything else a template or a user's text could
point to (http(s) addresses elsewhere, file:///etc/passwd, a path that climbs out of the static
folders) is refused, so rendering a PDF never touches the network or the rest of the disk.

Every PDF is tagged PDF/UA-1 (structure tree, /Lang from <html lang>, /Title from <title>,
alt text of images) so that screen readers can read it.
"""

from __future__ import annotations

import atexit
import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse

#: The base URL a PDF's relative addresses resolve against; it is never fetched.
PDF_BASE_URL = "https://familjeombud.invalid/"
PDF_VARIANT = "pdf/ua-1"
REFUSED = "En PDF hämtar bara portalens egna statiska filer: {url}"


def static_file(relative: str) -> Path | None:
    """The file behind a static path, or None; never a file outside the static folders."""
    relative = unquote(relative).split("?")[0].split("#")[0]
    if not relative or relative.startswith("/") or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _fetcher_class():
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class StaticFilesOnlyFetcher(URLFetcher):
        """Static files of the portal under PDF_BASE_URL (or the page's own base URL), and
        inline data: URLs; nothing else."""

        def __init__(self, base_url: str = PDF_BASE_URL):
            super().__init__(allowed_protocols={"file", "data"})
            self.origins = {_origin(PDF_BASE_URL), _origin(base_url)}

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if _origin(url) not in self.origins or not parts.path.startswith(settings.STATIC_URL):
                raise ValueError(REFUSED.format(url=url[:200]))
            relative = parts.path[len(settings.STATIC_URL) :]
            if relative.startswith("vendor/"):
                # Bootstrap's screen layout adds nothing to a printed page but slow parsing
                # and warnings; the portal's own print stylesheets are enough.
                return URLFetcherResponse(url, b"", {"Content-Type": "text/css"})
            found = static_file(relative)
            if found is None:
                raise ValueError(REFUSED.format(url=url[:200]))
            return super().fetch(found.resolve().as_uri(), headers)

    return StaticFilesOnlyFetcher


def url_fetcher(base_url: str = PDF_BASE_URL):
    return _fetcher_class()(base_url)


def static_url(relative: str) -> str:
    """An absolute address of a static file that the fetcher serves."""
    return PDF_BASE_URL.rstrip("/") + settings.STATIC_URL + relative


@functools.lru_cache(maxsize=8)
def _stylesheets(paths: tuple[str, ...], mtimes: tuple[int, ...]) -> tuple[list, object]:
    """Parsing print CSS and building the font configuration cost about a third of a small
    PDF, so each worker does it once per set of stylesheets (again when one changes on disk)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    fetcher = url_fetcher()
    sheets = [
        CSS(url=static_url(path), url_fetcher=fetcher, font_config=font_config)
        for path, mtime in zip(paths, mtimes, strict=True)
        if mtime
    ]
    return sheets, font_config


# Fonts and parsed sheets still held at the interpreter's teardown were freed after the text
# libraries they point into, which crashed every process that had made a PDF (SIGSEGV at exit).
atexit.register(_stylesheets.cache_clear)


def _mtime(relative: str) -> int:
    found = static_file(relative)
    return found.stat().st_mtime_ns if found else 0


def write_accessible_pdf(document, **options) -> bytes:
    """document: a weasyprint.HTML; options: write_pdf's (stylesheets, font_config...)."""
    return document.write_pdf(pdf_variant=PDF_VARIANT, **options)


def render_pdf(html: str, *, stylesheets: tuple[str, ...] = (), base_url: str = "") -> bytes:
    """html: a rendered template; stylesheets: static paths of print CSS added to the page's
    own; base_url: what relative links in the text resolve to (the portal's address)."""
    from weasyprint import HTML

    base = base_url or PDF_BASE_URL
    sheets, font_config = _stylesheets(tuple(stylesheets), tuple(map(_mtime, stylesheets)))
    document = HTML(string=html, base_url=base, url_fetcher=url_fetcher(base))
    return write_accessible_pdf(document, stylesheets=sheets, font_config=font_config)


def pdf_response(data: bytes, filename: str, *, no_store: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if no_store:  # a document with a child's data stays off a shared computer's disk
        response["Cache-Control"] = "no-store"
    return response
