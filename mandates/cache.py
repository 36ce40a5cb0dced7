"""Public pages cached per content version.

The version lives in the database (ContentVersion), so a save in admin on one app server is
seen by every worker on every server on their next request, even with a per-process cache.
Costs one small query per request; the page itself comes from the cache.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from .models import CONTENT_MODELS, ContentVersion

# Models of other apps whose rows are part of the package; strings, so mandates imports no app.
RELATED_CONTENT_MODELS = ["checklists.ChecklistItem"]
PAGE_TIMEOUT = 60 * 60 * 24


def current_version() -> int:
    row = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return row or 0


def bump_version(**kwargs) -> None:
    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def connect_signals() -> None:
    for model in [*CONTENT_MODELS, *RELATED_CONTENT_MODELS]:
        uid = f"mandates-content-version-{model}"
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


def cached_public_page(view):
    """Caches anonymous GET responses under the path and the current content version."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"mandates:page:v{current_version()}:{path}"
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, PAGE_TIMEOUT)
        return response

    return wrapper
