"""The layout's header (site name, search, who is signed in, sign-out, main menu) and footer,
rendered once per worker process for each distinct set of what they show.

Why: on the signed-in pages the header and footer were 2 of the 13 ms a unit page took
in-process, the same for every request of the same person on the same page
(docs/benchmarks.md). They are kept in this process's memory, not in the shared cache: with
the database cache a read would be a query, and there is nothing another server needs.

What the HTML depends on is the key: the language, the templates' source, the signed-in
person's name as the header shows it, the menu as familjeombud.menu gives it for this person
and this path (every entry's label, address and whether it is the current page), the search
words shown in the search field, and the path (the footer's "report a problem on this page"
link). The CSRF token of the sign-out form is rendered as a random marker and replaced per
request by the viewer's own token, so no token is ever served to anyone else."""

import hashlib

from django import template
from django.core.cache.backends.locmem import LocMemCache
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.safestring import mark_safe

from core.parts import new_marker, templates_digest, with_token

register = template.Library()

HEADER = "includes/header.html"
HEADER_TEMPLATES = (HEADER, "includes/nav.html", "includes/search_form.html")
FOOTER = "includes/footer.html"

# At most this many variants per worker (persons × pages they open), each a few kB.
PARTS = LocMemCache("layout-parts", {"TIMEOUT": 60 * 60, "OPTIONS": {"MAX_ENTRIES": 2000}})


def _part(context, name: str, templates: tuple[str, ...], *vary) -> str:
    engine = context.template.engine
    request = context.get("request")
    if request is None:  # a page rendered without a request (an error page): no caching
        return engine.get_template(name).render(context)
    language = translation.get_language() or ""
    raw = repr((name, templates_digest(templates), language, *vary))
    key = hashlib.sha256(raw.encode()).hexdigest()
    parts = PARTS.get(key)
    if parts is None:
        marker = new_marker()
        with context.push(csrf_token=marker):
            parts = engine.get_template(name).render(context).split(marker)
        PARTS.set(key, parts)
    html = with_token(parts, lambda: get_token(request))
    return mark_safe(html)  # nosec B703: rendered by the autoescaping templates


@register.simple_tag(takes_context=True)
def site_header(context):
    user = context.get("user")
    signed_in = bool(getattr(user, "is_authenticated", False))
    name = (user.get_full_name() or user.get_username()) if signed_in else ""
    menu = context.get("main_menu")
    entries = menu() if callable(menu) else (menu or [])
    shown = tuple((str(e["label"]), e["url"], bool(e["current"])) for e in entries)
    with context.push(main_menu=entries):
        return _part(
            context, HEADER, HEADER_TEMPLATES, signed_in, name, shown,
            str(context.get("search_query") or ""),
        )  # fmt: skip


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context.get("request")
    return _part(context, FOOTER, (FOOTER,), getattr(request, "path", ""))
