"""PDFs of one area or the whole package, rendered from the page templates by core.pdf (which
fetches only the portal's static files); links in the text keep their absolute addresses."""

from django.template.loader import render_to_string
from django.utils import timezone

from core.pdf import pdf_response as _pdf_response
from core.pdf import render_pdf as _render_pdf

PRINT_CSS = "mandates/print.css"


def render_pdf(request, areas, *, package: bool, extra: dict | None = None) -> bytes:
    html = render_to_string(
        "mandates/pdf/document.html",
        {"areas": areas, "package": package, "printed_on": timezone.localdate(), **(extra or {})},
        request=request,
    )
    return _render_pdf(html, stylesheets=(PRINT_CSS,), base_url=request.build_absolute_uri("/"))


def pdf_response(request, areas, filename: str, *, package: bool, extra: dict | None = None):
    return _pdf_response(render_pdf(request, areas, package=package, extra=extra), filename)
