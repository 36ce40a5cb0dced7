"""Pages that show parts of two apps. The apps never reach each other; the project does."""

from checklists.views import UnitDetailView


class UnitPageView(UnitDetailView):
    """The unit's readiness page (checklists) with its open training actions (training)."""

    template_name = "familjeombud/unit_page.html"
