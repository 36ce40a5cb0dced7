"""The extract as a PDF: a print template with the portal's print stylesheet, laid out by
core.pdf (which fetches nothing but the portal's own static files)."""

from django.template.loader import render_to_string
from django.utils import timezone

from core.pdf import render_pdf
from samverkan.documents import CONFIDENTIALITY_MARKING

PRINT_CSS = "auditlog/print.css"


def render_extract_pdf(*, case, rows) -> bytes:
    html = render_to_string(
        "auditlog/extract_pdf.html",
        {
            "case": case,
            "rows": rows,
            "produced_at": timezone.localtime(),
            "confidentiality_marking": CONFIDENTIALITY_MARKING,
        },
    )
    return render_pdf(html, stylesheets=(PRINT_CSS,))
