"""Parts of the unit page and the region page rendered once per readiness data version and kept
in the shared cache: the unit page's body (every item's form and history, the progress bars,
the familjeombud) and the region page's content (filters, heatmap, trend).

Why: rendering the fifteen item forms with their history was most of the unit page's time
(about 35 ms of 45 in-process), and the region page's form, trend chart and tables most of the
region page's once its figures were cached (docs/benchmarks.md); the data change seldom
compared with how often the pages are read.

Correctness:
- Version. A part is stored with the figures version (``figures.figures_version``), which every
  save or delete of the data it shows drops (``signals.py``: units, municipalities,
  memberships, assessments, answers, checklist items, areas, events and attendance, users'
  names), at once and again on commit. The version is read before the data, so a part rendered
  from data read before a change is stored under a version that is already gone. Other app
  servers share the cache, so they miss too.
- Who is asking. A part holds nothing that depends on the viewer beyond what its key names
  (the unit page: ``can_edit``, the forms or the read-only text); who may see the page at all
  is checked by the view on every request before the part is looked up. A CSRF token is
  rendered as a random marker and replaced per request by the viewer's own token, so one user's
  token is never served to another.
- Everything else the HTML depends on is in the key: what the caller names (unit, year, query
  string...), the language, the time zone (dates), this year (the default year), and a digest
  of the templates' source plus ``FORMAT`` (a deploy with changed templates, or code that
  changes the output such as the status radios, never reads a part stored by older code; raise
  FORMAT when Python that renders into a part changes).

One cache read per request (the version and the part together, ``get_many``). Where the
shared cache is a service (the database cache or Redis), each worker also keeps its own copy of
a part with its version (LOCAL) and reads only the version from the shared cache: a change on
any server still shows at once, and the part (up to 317 kB, the region page at 10× units, about
2.9 ms to read from the database cache) is read from the shared cache once per worker and
version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core.parts import (
    WorkerCopies,
    new_marker,
    templates_digest,
    with_token,
    worker_copies_wanted,
)

from .figures import VERSION_KEY, figures_version

FORMAT = 1
TIMEOUT = 60 * 60 * 24  # a safety net: a changed version replaces the part under the same key

UNIT_BODY = "checklists/includes/unit_body.html"
UNIT_BODY_TEMPLATES = (
    UNIT_BODY,
    "checklists/includes/start_choices.html",
    "checklists/includes/progress.html",
    "checklists/includes/item.html",
    "checklists/includes/entry_fields.html",
    "checklists/includes/history.html",
    "checklists/includes/history_line.html",
    "checklists/includes/ombud.html",
)
# Per worker: a unit page's body is about 50 kB, the region page's 40–320 kB.
LOCAL = WorkerCopies("checklists-parts", timeout=60 * 10, max_entries=300)
LOCAL_SETTING = "CHECKLISTS_LOCAL_PART_CACHE"

DASHBOARD_BODY = "checklists/includes/dashboard_body.html"
DASHBOARD_BODY_TEMPLATES = (DASHBOARD_BODY, "checklists/includes/trend.html")


def fragment_key(name: str, templates: tuple[str, ...], *parts) -> str:
    from .selectors import current_year

    language = translation.get_language() or ""
    zone = timezone.get_current_timezone_name()
    where = [language, zone, str(current_year()), *map(str, parts)]
    return ":".join(["checklists", name, str(FORMAT), templates_digest(templates), *where])


@dataclass
class Fragment:
    html: SafeString
    meta: dict = field(default_factory=dict)  # what the caller stored beside the HTML
    context: dict | None = None  # what it was rendered from, when rendered by this request


def cached_fragment(
    key: str,
    render: Callable[[str], tuple[str, dict, dict]],
    token: Callable[[], str] | None = None,
) -> Fragment:
    """The part stored under ``key`` for the current version, else ``render(marker)`` =
    (html, meta, context), stored. ``marker`` stands for the CSRF token in the HTML and is
    replaced by ``token()``, asked only when the HTML has a form."""
    local = worker_copies_wanted(LOCAL_SETTING)
    version, stored = _stored(key, local)
    context = None
    if version is not None and stored is not None and stored[0] == version:
        _version, parts, meta = stored
    else:
        if version is None:
            version = figures_version()
        marker = new_marker()
        html, meta, context = render(marker)
        parts = html.split(marker)
        cache.set(key, (version, parts, meta), TIMEOUT)
        if local:
            LOCAL.set(key, version, (version, parts, meta))
    if len(parts) > 1 and token is None:
        raise ValueError(f"{key}: the HTML has a CSRF token but no token was given")
    html = with_token(parts, token)
    return Fragment(mark_safe(html), meta, context)  # nosec B703: rendered by the templates


def _stored(key: str, local: bool) -> tuple:
    """The current version and what is stored under ``key`` (of that version or not)."""
    if not local:
        found = cache.get_many([VERSION_KEY, key])
        return found.get(VERSION_KEY), found.get(key)
    version = cache.get(VERSION_KEY)
    if version is None:
        return None, None
    stored = LOCAL.get(key, version)
    if stored is None:
        stored = cache.get(key)
        if stored is not None and stored[0] == version:
            LOCAL.set(key, version, stored)
    return version, stored


def render_part(template: str, context: dict, marker: str) -> str:
    """The template alone, without context processors (so nothing of the request or the user
    can reach it), with ``marker`` as its CSRF token."""
    return get_template(template).render({**context, "csrf_token": marker})
