"""Public pages of the support package; all are open to everyone and cached (see cache.py)."""

from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from . import pdf
from .cache import cached_public_page
from .models import Contact, MandateArea, RoleItem
from .queries import areas_with_content, areas_with_films
from .search import search_page
from .search_terms import MAX_QUERY_LENGTH, clean_query, words_of

SEARCH_TOO_SHORT = _("Skriv minst ett ord att söka efter.")
SEARCH_UNKNOWN_AREA = _("Det området finns inte. Sökningen gäller alla områden.")


@method_decorator(cached_public_page, name="dispatch")
class AreaDetailView(DetailView):
    template_name = "mandates/area_detail.html"
    context_object_name = "area"

    def get_queryset(self):
        return areas_with_content()


class AreaFilmsView(AreaDetailView):  # cached through AreaDetailView.dispatch
    template_name = "mandates/area_films.html"

    def get_queryset(self):
        return areas_with_films()


def role_context() -> dict:
    """The role page's parts; two queries (role items, contacts)."""
    items = list(RoleItem.objects.published())
    return {
        "assignments": [i for i in items if i.kind == RoleItem.Kind.ASSIGNMENT],
        "prerequisites": [i for i in items if i.kind == RoleItem.Kind.PREREQUISITE],
        "package_contents": [i for i in items if i.kind == RoleItem.Kind.PACKAGE_CONTENT],
        "contacts": list(Contact.objects.published()),
    }


@method_decorator(cached_public_page, name="dispatch")
class RoleView(TemplateView):
    template_name = "mandates/role.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            areas=MandateArea.objects.published(), **role_context(), **kwargs
        )


@method_decorator(cached_public_page, name="dispatch")
class ContactListView(ListView):
    template_name = "mandates/contacts.html"
    context_object_name = "contacts"

    def get_queryset(self):
        return Contact.objects.published()


@method_decorator(cached_public_page, name="dispatch")
class SearchView(TemplateView):
    template_name = "mandates/search.html"

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q", ""))
        asked = "q" in self.request.GET
        areas = list(MandateArea.objects.published().only("pk", "slug", "name", "order"))
        wanted = self.request.GET.get("omrade", "")
        area = next((a for a in areas if a.slug == wanted), None)
        message = SEARCH_TOO_SHORT if asked and not words_of(query) else ""
        if wanted and area is None:
            message = SEARCH_UNKNOWN_AREA
        page = search_page(query, self.request.GET.get("page"), area=area)
        return super().get_context_data(
            search_query=query,
            suggestion=page.paginator.object_list.suggestion,
            areas=areas,
            chosen_area=area,
            hits=page.object_list,
            hit_count=page.paginator.count,
            page_obj=page,
            is_paginated=page.paginator.num_pages > 1,
            message=message,
            max_length=MAX_QUERY_LENGTH,
            **kwargs,
        )


@method_decorator(cached_public_page, name="dispatch")
class AreaPdfView(DetailView):
    def get_queryset(self):
        return areas_with_content()

    def get(self, request, *args, **kwargs):
        area = self.get_object()
        return pdf.pdf_response(request, [area], f"stodpaket-{area.slug}.pdf", package=False)


@cached_public_page
def package_pdf(request):
    areas = list(areas_with_content())
    if not areas:
        raise Http404
    return pdf.pdf_response(
        request, areas, "stodpaket-familjeombud.pdf", package=True, extra=role_context()
    )
