"""Template tags for the checklist page's hot spots (it shows every item as its own form).

The status radios were four template loops per item, about half the page's variable lookups;
made here in one pass they give the same HTML at a fraction of the cost (see
docs/benchmarks.md, "Verksamhetens checklista")."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..models import ALLOWED_TRANSITIONS, ItemStatus

register = template.Library()

RADIO = (
    '<div class="form-check form-check-inline">\n'
    '  <input class="form-check-input js-status" type="radio" name="status"'
    ' id="status-{pk}-{value}" value="{value}"{checked}{disabled}>\n'
    '  <label class="form-check-label" for="status-{pk}-{value}">{label}</label>\n'
    "</div>"
)


@register.simple_tag
def status_radios(item_pk, current, statuses):
    """One radio with its label per status; ``current`` is checked, a status the table does not
    allow from ``current`` is disabled. ``statuses`` are the (value, label) pairs of
    ItemStatus.choices."""
    pk = escape(item_pk)
    allowed = ALLOWED_TRANSITIONS.targets(current)
    return mark_safe(
        "\n".join(
            RADIO.format(
                pk=pk, value=escape(value), label=escape(label),
                checked=" checked" if value == current else "",
                disabled="" if value in allowed else " disabled",
            )
            for value, label in statuses
        )
    )  # fmt: skip


_LABELS: dict[str | None, dict[str, str]] = {}


@register.filter
def status_label(value):
    """An ItemStatus value's label in the active language, as get_<field>_display gives it
    (the value itself when unknown), without building the choices dict on every call."""
    language = get_language()
    labels = _LABELS.get(language)
    if labels is None:
        labels = _LABELS[language] = {v: str(label) for v, label in ItemStatus.choices}
    return labels.get(value, value)
