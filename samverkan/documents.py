"""Case documents (consent, invitation, plan) as PDFs: the same templates as the screen with
print CSS, laid out by core.pdf. They hold a child's data, so they are never cached."""

from django.http import HttpResponse
from django.template.loader import render_to_string

from core import pdf

PDF_CSS = "samverkan/pdf.css"
# On every case document (consent form, invitation, Barnets plan, log extract): a child's
# health and social circumstances in health care are confidential under this chapter.
CONFIDENTIALITY_MARKING = "Sekretess enligt 25 kap. 1 § offentlighets- och sekretesslagen"


def render_pdf(template: str, context: dict, request=None) -> bytes:
    html = render_to_string(template, context, request=request)
    return pdf.render_pdf(html, stylesheets=(PDF_CSS,))


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    return pdf.pdf_response(data, filename, no_store=True)
