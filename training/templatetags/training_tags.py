"""Training pieces other apps' templates can show without importing training in Python."""

from django import template
from django.utils import timezone

from core.compiled import CompiledQuery
from organisation.models import Unit

from ..models import units_with_sessions_visible_to
from ..selectors import open_actions
from ..services import can_plan

register = template.Library()

# Shown on every request of the unit page: compiled once (core.compiled).
_OPEN_ACTIONS = CompiledQuery(lambda _shape, unit: open_actions(unit), unit=Unit._meta.pk)


def _may_see(context, user, unit) -> bool:
    # The unit page has already worked out membership as can_edit; reuse it to save a query.
    if context.get("can_edit") is True and user.is_active:
        return True
    return units_with_sessions_visible_to(user).filter(pk=unit.pk).exists()


@register.inclusion_tag("training/includes/open_actions.html", takes_context=True)
def unit_open_actions(context, unit):
    """The unit's open agreed actions, for its members and administrators only; nothing for
    anyone else (the region sees readiness, not the unit's own reflections)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not _may_see(context, user, unit):
        return {"visible": False}
    actions = _OPEN_ACTIONS.instances(unit=unit.pk)
    return {
        "visible": True,
        "unit": unit,
        "actions": actions,
        "today": timezone.localdate(),
        # Only asked when there is something to close, so an empty list costs one query.
        "can_plan": bool(actions) and can_plan(user, unit),
        "request": request,
    }
