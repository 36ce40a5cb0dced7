"""PDFs of one area or the whole package, rendered by WeasyPrint from the page templates.

Only file: URLs are fetched (the print stylesheet, found through the staticfiles finders), so
rendering never touches the network; links in the text keep their absolute addresses.
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

PRINT_CSS = "mandates/print.css"


def stylesheet_url() -> str:
    found = finders.find(PRINT_CSS)
    return Path(found).resolve().as_uri() if found else ""


def render_pdf(request, areas, *, package: bool, extra: dict | None = None) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "mandates/pdf/document.html",
        {
            "areas": areas,
            "package": package,
            "print_css_url": stylesheet_url(),
            "printed_on": timezone.localdate(),
            **(extra or {}),
        },
        request=request,
    )
    fetcher = URLFetcher(allowed_protocols={"file"})
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=fetcher
    ).write_pdf()


def pdf_response(
    request, areas, filename: str, *, package: bool, extra: dict | None = None
) -> HttpResponse:
    response = HttpResponse(
        render_pdf(request, areas, package=package, extra=extra), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
