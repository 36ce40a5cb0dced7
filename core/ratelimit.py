"""A fixed-window counter per user and action in the shared cache: enough to stop one account
from flooding a page with writes, cheap enough to run on every post."""

import time

from django.core.cache import cache


def allow(scope: str, user_pk, *, limit: int, per_seconds: int) -> bool:
    """True while the user has made at most `limit` calls of `scope` in the current window."""
    window = int(time.time() // per_seconds)
    key = f"ratelimit:{scope}:{user_pk}:{window}"
    # add() creates the counter only if it is missing; incr() then counts this call.
    cache.add(key, 0, timeout=per_seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this call starts a new count
        cache.set(key, 1, timeout=per_seconds * 2)
        count = 1
    return count <= limit
