"""PDFs rendered by WeasyPrint from the same templates as the screen, with print CSS."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


def _stylesheets():
    from weasyprint import CSS

    css = Path(settings.BASE_DIR) / "static" / "samverkan" / "pdf.css"
    return [CSS(filename=str(css))] if css.exists() else []


def render_pdf(template: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=_stylesheets())


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
