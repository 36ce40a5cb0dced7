from urllib.parse import urlsplit

from django import template
from django.utils.translation import gettext as _

from ..durations import format_span
from ..models import RoleItem

register = template.Library()


@register.filter
def link_host(url: str) -> str:
    """Where a link goes, in words people recognise: the site's name, and PDF for documents."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = host.removeprefix("www.")
    if parts.path.lower().endswith(".pdf"):
        return _("PDF på %(host)s") % {"host": host}
    return host


@register.filter
def span(total) -> str:
    return format_span(total.min_seconds, total.max_seconds)


@register.filter
def text_blocks(text: str) -> list[dict]:
    """Paragraphs and lists of a law text: lines starting with •, or 1., become list items."""
    blocks: list[dict] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            blocks.append({"kind": "break"})
            continue
        for marker, kind in (("• ", "ul"), ("- ", "ul")):
            if line.startswith(marker):
                line, list_kind = line[len(marker) :], kind
                break
        else:
            head = line.split(".", 1)[0]
            list_kind = "ol" if head.isdigit() and ". " in line[:4] else ""
            if list_kind:
                line = line.split(". ", 1)[1]
        if list_kind and blocks and blocks[-1]["kind"] == list_kind:
            blocks[-1]["items"].append(line)
        elif list_kind:
            blocks.append({"kind": list_kind, "items": [line]})
        else:
            blocks.append({"kind": "p", "text": line})
    return [b for b in blocks if b["kind"] != "break"]


@register.inclusion_tag("mandates/includes/role_summary.html")
def role_summary():
    """For the home page: the role in brief and where to turn; one query."""
    return {
        "assignments": RoleItem.objects.published().filter(kind=RoleItem.Kind.ASSIGNMENT),
    }
