"""WeasyPrint rendering of portal templates; stylesheets are read from the static folders, so
rendering never fetches anything over the network."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

from mandates.pdf import write_accessible_pdf

PDF_BASE_URL = "https://familjeombud.invalid/"


class StaticFilesFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        static_prefix = PDF_BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(static_prefix):
            raise ValueError(f"Extern resurs hämtas inte i PDF: {url}")
        relative = url[len(static_prefix) :].split("?")[0]
        if relative.startswith("vendor/"):
            # Bootstrap's screen layout adds nothing to a printed report but slow parsing and
            # warnings; the portal's own print stylesheets are enough.
            return URLFetcherResponse(url, b"", {"Content-Type": "text/css"})
        # Development finds sources; production finds collected (hashed) names in STATIC_ROOT.
        found = finders.find(relative)
        if not found and settings.STATIC_ROOT and Path(settings.STATIC_ROOT, relative).is_file():
            found = str(Path(settings.STATIC_ROOT, relative))
        if not found:
            raise ValueError(f"Statisk fil saknas: {url}")
        return super().fetch(Path(found).as_uri(), headers)


def render_pdf(html: str) -> bytes:
    return write_accessible_pdf(
        HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesFetcher())
    )
