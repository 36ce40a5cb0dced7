from django.views.generic import DetailView

from .models import MandateArea


class AreaDetailView(DetailView):
    template_name = "mandates/area_detail.html"
    context_object_name = "area"

    def get_queryset(self):
        return MandateArea.objects.published()
