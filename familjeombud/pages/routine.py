"""The routine *Rutin för samverkan inom Kronobarnsmodellen* as a public page of the support
package, and as a PDF. Composed here at the project level: the text is samverkan's (the same
lines the clinician's guides show, samverkan/routine.py) and so is the directory of child
health care and municipal switchboards; the support package (mandates) links to it by URL name
and never imports samverkan."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import TemplateView

from core.pdf import pdf_response, render_pdf
from organisation.models import Municipality
from samverkan import routine
from samverkan.models import BvcUnit

PDF_FILENAME = "rutin-samverkan-kronobarnsmodellen.pdf"
PRINT_CSS = "mandates/print.css"


def routine_context() -> dict:
    municipalities = list(
        Municipality.objects.order_by("name").prefetch_related(
            Prefetch("bvc_units", queryset=BvcUnit.objects.order_by("name"))
        )
    )
    return {
        "title": routine.TITLE,
        "intro": routine.INTRO,
        "sections": routine.SECTIONS,
        "directory_heading": routine.DIRECTORY_HEADING,
        "municipalities_heading": routine.MUNICIPALITIES_HEADING,
        "municipalities": municipalities,
    }


class RoutineView(TemplateView):
    """Public: every unit should be able to read how samverkan is activated."""

    template_name = "pages/routine.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **routine_context()}


class RoutinePdfView(TemplateView):
    def get(self, request, *args, **kwargs):
        html = render_to_string(
            "pages/routine_pdf.html",
            {**routine_context(), "printed_on": timezone.localdate()},
            request=request,
        )
        data = render_pdf(html, stylesheets=(PRINT_CSS,), base_url=request.build_absolute_uri("/"))
        return pdf_response(data, PDF_FILENAME)
