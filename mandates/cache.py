"""Public pages cached per content version, in two layers.

The version lives in the database (ContentVersion), so a save in admin on one app server is
seen by every worker on every server on their next request. Each request for a cached page reads
it (one small query). The page then comes from this worker's own memory (LOCAL), else from the
shared cache (the database cache or Redis, CACHE_URL), else it is rendered and stored in both.
A page is stored under its version, so a bumped version misses in every worker at once and
nothing stale is served. The local layer only saves the shared cache's round trip and holds no
state another server needs (each worker fills its own after a restart or a bump).

The local copy is the response as it left the middleware, headers and all, and
mandates.middleware.PublicPageMiddleware serves it before the session, locale, CSRF,
authentication and header middleware and the URL resolver run: for a page that is the same for
every visitor, they would only make the same response again (docs/benchmarks.md, issue 21).

The local layer is skipped when the configured cache is itself per-process (LocMemCache, as in
the tests): it would add nothing but a second copy. settings.MANDATES_LOCAL_PAGE_CACHE = True or
False overrides that choice.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from core.parts import WorkerCopies, worker_copies_wanted

from .models import CONTENT_MODELS, ContentVersion

PAGE_TIMEOUT = 60 * 60 * 24
# Per worker: at most LOCAL_MAX_ENTRIES pages (the largest, the package PDF at 10× content, is
# about 200 kB), each kept at most LOCAL_TIMEOUT seconds; a page bigger than LOCAL_MAX_BYTES is
# only kept in the shared cache.
LOCAL_MAX_ENTRIES = 200
LOCAL_TIMEOUT = 60 * 10
LOCAL_MAX_BYTES = 1024 * 1024
LOCAL = WorkerCopies("mandates-public-pages", timeout=LOCAL_TIMEOUT, max_entries=LOCAL_MAX_ENTRIES)


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


def anonymous_get(request) -> bool:
    """What the request alone tells, before the session or the user is read: a GET without a
    session or pending messages (a flash message must never be served to someone else). Without
    a session cookie nobody is signed in."""
    if request.method != "GET":
        return False
    cookies = request.COOKIES
    return not (cookies.get(settings.SESSION_COOKIE_NAME) or cookies.get("messages"))


def cacheable(request) -> bool:
    """Only pages that are the same for every visitor."""
    return anonymous_get(request) and not request.user.is_authenticated


def local_layer_enabled() -> bool:
    return worker_copies_wanted("MANDATES_LOCAL_PAGE_CACHE")


def clear_local() -> None:
    """Empties this worker's copies (the bench, to time pages without any cache)."""
    LOCAL.clear()


def request_version(request) -> int:
    """The content version, read once per request whichever layer asks first."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = request._content_version = current_version()
    return version


def _path_digest(request) -> str:
    return hashlib.sha256(request.get_full_path().encode()).hexdigest()


def page_key(request) -> str:
    return f"mandates:page:v{request_version(request)}:{_path_digest(request)}"


def kept_page(request):
    """This worker's copy of the page as it left the middleware, if it is of the current
    version. Asks the database for the version only for a path this worker has kept, so a
    probe or a page that is never cached costs no query."""
    return LOCAL.get(_path_digest(request), lambda: request_version(request))


def keep_page(request, response) -> None:
    """Keeps a public page's finished response: only one the view marked as the same for every
    visitor (cached_public_page), that sets no cookie and is small enough."""
    if not getattr(request, "_public_page", False) or response.status_code != 200:
        return
    if response.streaming or response.cookies or len(response.content) > LOCAL_MAX_BYTES:
        return
    LOCAL.set(_path_digest(request), request_version(request), response)


def cached_public_page(view):
    """Caches anonymous GET responses in the shared cache under the path and the current
    content version; mandates.middleware.PublicPageMiddleware keeps this worker's own copy."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, PAGE_TIMEOUT)
        request._public_page = True
        return response

    return wrapper
