"""PDFs rendered by WeasyPrint from the same templates as the screen, with print CSS."""

import functools
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from mandates.pdf import write_accessible_pdf

PDF_CSS = Path(settings.BASE_DIR) / "static" / "samverkan" / "pdf.css"


@functools.lru_cache(maxsize=4)
def _stylesheets(mtime_ns: int) -> tuple:
    """Parsing the print CSS and building the font configuration cost about a third of a
    plan PDF, so each worker does it once (again only when pdf.css changes on disk)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    sheets = [CSS(filename=str(PDF_CSS), font_config=font_config)] if mtime_ns else []
    return sheets, font_config


def render_pdf(template: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    mtime_ns = PDF_CSS.stat().st_mtime_ns if PDF_CSS.exists() else 0
    sheets, font_config = _stylesheets(mtime_ns)
    return write_accessible_pdf(
        HTML(string=html, base_url=str(settings.BASE_DIR)),
        stylesheets=sheets,
        font_config=font_config,
    )


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
