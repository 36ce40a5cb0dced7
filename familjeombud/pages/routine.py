"""The routine *Rutin för samverkan inom Kronobarnsmodellen* as a public page of the support
package, and as a PDF. Composed here at the project level: the text is samverkan's (the same
lines the clinician's guides show, samverkan/routine.py) and so is the directory of child
health care and municipal switchboards; the support package (mandates) links to it by URL name
and never imports samverkan."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.pdf import pdf_response, render_pdf
from mandates.models import MandateArea
from mandates.search_index import IndexedDocument
from organisation.models import Municipality
from samverkan import routine
from samverkan.models import BvcUnit

PDF_FILENAME = "rutin-samverkan-kronobarnsmodellen.pdf"
PRINT_CSS = "mandates/print.css"
AREA_SLUG = "samverkan-kronobarnsmodellen"


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


def search_documents() -> list[IndexedDocument]:
    """The routine in the support package's search (settings.SEARCH_DOCUMENT_PROVIDERS): the
    page itself, each section under its heading, the child health care per municipality and the
    switchboards, each linked to its place on the page and filed under the Samverkan area."""
    context = routine_context()
    url = reverse("routine")
    area = MandateArea.objects.filter(slug=AREA_SLUG).values_list("pk", flat=True).first()
    kind, place = _("Rutin"), routine.TITLE

    def document(title, body, anchor="", priority=0):
        return IndexedDocument(
            kind=kind, title=title, body=body, url=f"{url}{anchor}", place=place,
            area_id=area, priority=priority,
        )  # fmt: skip

    documents = [document(routine.TITLE, routine.INTRO, priority=1)]
    for section in context["sections"]:
        body = " ".join(" ".join((line.text, *line.choices)) for line in section.lines)
        documents.append(document(section.heading, body, f"#rutin-{section.key}"))
    for municipality in context["municipalities"]:
        units = " ".join(f"{u.name} {u.email}" for u in municipality.bvc_units.all())
        title = f"{context['directory_heading']}: {municipality.name}"
        documents.append(document(title, units, "#rutin-bhv"))
    switchboards = " ".join(f"{m.name} {m.switchboard}" for m in context["municipalities"])
    documents.append(document(routine.MUNICIPALITIES_HEADING, switchboards, "#rutin-kommuner"))
    return documents


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
