"""What the cached parts of pages share (checklists.fragments in the shared cache, the layout's
header and footer in each worker): a digest of the templates they come from, the CSRF token
rendered as a marker so that each request puts its own token in, and when a worker keeps its
own copies in front of the shared cache (here and in mandates.cache)."""

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.template.loader import get_template

_digests: dict[tuple[str, ...], str] = {}


def templates_digest(names: tuple[str, ...]) -> str:
    """Computed once per process (templates change only with a deploy)."""
    digest = _digests.get(names)
    if digest is None:
        sources = "\0".join(get_template(name).template.source for name in names)
        digest = _digests[names] = hashlib.sha256(sources.encode()).hexdigest()[:16]
    return digest


def new_marker() -> str:
    """Random per render: it cannot occur in what users wrote (they wrote it first)."""
    return secrets.token_hex(16)


def with_token(parts: list[str], token: Callable[[], str]) -> str:
    """The HTML split at the marker, joined with this request's token (asked only when the
    HTML has a form)."""
    return token().join(parts) if len(parts) > 1 else parts[0]


def worker_copies_wanted(setting: str) -> bool:
    """Whether a worker keeps its own copies in front of the shared cache: not when the shared
    cache is itself per-process (LocMemCache, as in the tests), where they would only be a
    second copy. settings.<setting> = True or False overrides that choice."""
    chosen = getattr(settings, setting, None)
    if chosen is not None:
        return bool(chosen)
    return not isinstance(caches["default"], LocMemCache)


class WorkerCopies:
    """A worker's own copies in front of the shared cache, each kept with the version it belongs
    to. A copy answers only while its version is the current one, read by the caller from where
    the version lives (the database, the shared cache), so a change on any server shows at once
    and the copies hold no state another server needs."""

    def __init__(self, name: str, *, timeout: int, max_entries: int):
        options = {"TIMEOUT": timeout, "OPTIONS": {"MAX_ENTRIES": max_entries}}
        self._cache = LocMemCache(name, options)

    def get(self, key: str, version):
        """The copy under ``key`` if it is of ``version``: a value, or a callable asked only when
        a copy is held (so a key never kept costs no read of the version)."""
        kept = self._cache.get(key)
        if kept is None:
            return None
        current = version() if callable(version) else version
        return kept[1] if kept[0] == current else None

    def set(self, key: str, version, value) -> None:
        self._cache.set(key, (version, value))

    def clear(self) -> None:
        self._cache.clear()
