"""Public pages cached per content version, in two layers.

The version lives in the database (ContentVersion), so a save in admin on one app server is
seen by every worker on every server on their next request. Each request reads it (one small
query); the page then comes from this worker's own memory (LOCAL), else from the shared cache
(the database cache or Redis, CACHE_URL), else it is rendered and stored in both. A page is
stored under its version, so a bumped version misses in every worker at once and nothing stale
is served; the local layer only saves the shared cache's round trip and holds no state another
server needs (each worker fills its own after a restart or a bump).

The local layer is skipped when the configured cache is itself per-process (LocMemCache, as in
the tests): it would add nothing but a second copy. settings.MANDATES_LOCAL_PAGE_CACHE = True or
False overrides that choice.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from .models import CONTENT_MODELS, ContentVersion

PAGE_TIMEOUT = 60 * 60 * 24
# Per worker: at most LOCAL_MAX_ENTRIES pages (the largest, the package PDF at 10× content, is
# about 200 kB), each kept at most LOCAL_TIMEOUT seconds; a page bigger than LOCAL_MAX_BYTES is
# only kept in the shared cache.
LOCAL_MAX_ENTRIES = 200
LOCAL_TIMEOUT = 60 * 10
LOCAL_MAX_BYTES = 1024 * 1024
LOCAL = LocMemCache(
    "mandates-public-pages",
    {"TIMEOUT": LOCAL_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": LOCAL_MAX_ENTRIES}},
)
_local_version: list[int | None] = [None]  # the version the local copies belong to


def _version_sql() -> str:
    meta = ContentVersion._meta
    quote = connection.ops.quote_name
    column = quote(meta.get_field("version").column)
    return f"SELECT {column} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"


def current_version() -> int:
    """One small query on every cached page. Written as SQL, not through the ORM: building the
    ORM's query took about 40 % of a cached page's own time (docs/benchmarks.md)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [1])
        row = cursor.fetchone()
    return (row[0] if row else 0) or 0


def bump_version(*, using: str = "default", **kwargs) -> None:
    """The version lives in the database the content was written to (loaddata --database)."""
    versions = ContentVersion.objects.using(using)
    if not versions.filter(pk=1).update(version=F("version") + 1):
        versions.get_or_create(pk=1, defaults={"version": 1})
    from .ahead import queue_after_commit

    queue_after_commit(using)


def connect_signals() -> None:
    for model in CONTENT_MODELS:
        uid = f"mandates-content-version-{model._meta.label_lower}"
        post_save.connect(bump_version, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"{uid}-delete")


def cacheable(request) -> bool:
    """Only pages that are the same for every visitor: anonymous GET without a session or
    pending messages (a flash message must never be served to someone else)."""
    if request.method != "GET":
        return False
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages"):
        return False
    return not request.user.is_authenticated


def local_layer_enabled() -> bool:
    chosen = getattr(settings, "MANDATES_LOCAL_PAGE_CACHE", None)
    if chosen is not None:
        return bool(chosen)
    return not isinstance(caches["default"], LocMemCache)


def clear_local() -> None:
    """Empties this worker's copies (the bench, to time pages without any cache)."""
    LOCAL.clear()
    _local_version[0] = None


def _local_get(key: str, version: int):
    if _local_version[0] != version:  # older versions' pages can never be asked for again
        clear_local()
        _local_version[0] = version
        return None
    return LOCAL.get(key)


def _local_set(key: str, response) -> None:
    if len(getattr(response, "content", b"")) <= LOCAL_MAX_BYTES:
        LOCAL.set(key, response)


def cached_public_page(view):
    """Caches anonymous GET responses under the path and the current content version."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        version = current_version()
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"mandates:page:v{version}:{path}"
        local = local_layer_enabled()
        if local:
            response = _local_get(key, version)
            if response is not None:
                return response
        response = cache.get(key)
        if response is not None:
            if local:
                _local_set(key, response)
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, PAGE_TIMEOUT)
            if local:
                _local_set(key, response)
        return response

    return wrapper
