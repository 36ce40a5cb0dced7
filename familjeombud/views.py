from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from automation.reminders import reminders_for
from mandates.cache import cached_public_page
from mandates.models import MandateArea


@method_decorator(cached_public_page, name="dispatch")
class HomeView(TemplateView):
    """Cached per content version like the package's pages for visitors (only areas and role
    items show); a signed-in user also sees their reminders, on a page no one may store."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["areas"] = MandateArea.objects.published()
        if self.request.user.is_authenticated:
            context["reminders"] = reminders_for(self.request.user)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.request.user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] += ", no-store"
        return response


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())
