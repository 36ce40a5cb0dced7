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

#: Every PDF the portal writes is tagged PDF/UA-1 (structure tree, /Lang from <html lang>,
#: /Title from <title>, alt text of images) so that screen readers can read it. Other apps
#: write their PDFs through write_accessible_pdf, so no PDF is left untagged.
PDF_VARIANT = "pdf/ua-1"


def write_accessible_pdf(document, **options) -> bytes:
    """document: a weasyprint.HTML; options: write_pdf's (stylesheets, font_config...)."""
    return document.write_pdf(pdf_variant=PDF_VARIANT, **options)


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
    return write_accessible_pdf(
        HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=fetcher)
    )


def pdf_response(
    request, areas, filename: str, *, package: bool, extra: dict | None = None
) -> HttpResponse:
    response = HttpResponse(
        render_pdf(request, areas, package=package, extra=extra), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
