"""The extract as a PDF: WeasyPrint lays out a print template with the portal's print stylesheet
read from disk. The fetcher refuses every URL, so rendering never touches the network."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML, URLFetcher

from mandates.pdf import write_accessible_pdf

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "auditlog" / "print.css"


class NoNetworkFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        raise ValueError(f"Loggutdraget hämtar inga externa resurser: {url}")


def render_extract_pdf(*, case, rows) -> bytes:
    html = render_to_string(
        "auditlog/extract_pdf.html",
        {"case": case, "rows": rows, "produced_at": timezone.localtime()},
    )
    fetcher = NoNetworkFetcher()
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return write_accessible_pdf(
        document, stylesheets=[CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)]
    )
