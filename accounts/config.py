"""The provider's settings: everything comes from the environment (settings/base.py), the
endpoints from the issuer's discovery document. No provider configured = password sign-in only,
as under `make run`."""

import threading
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DISCOVERY_PATH = "/.well-known/openid-configuration"
# The document changes when the provider rotates its endpoints, which is rare; an hour keeps
# each app server from asking on every sign-in and still follows a change the same day.
DISCOVERY_TTL = 3600
DISCOVERY_FAILED = "Inloggningstjänstens konfiguration kunde inte hämtas från {url}: {error}"
ISSUER_MISMATCH = "Inloggningstjänsten uppger utfärdaren {found}, men OIDC_ISSUER är {expected}."

_cache: dict[str, tuple[float, dict]] = {}
_lock = threading.Lock()


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


def issuer() -> str:
    return settings.OIDC_ISSUER.rstrip("/")


def issuer_origin() -> str:
    parts = urlsplit(issuer())
    return f"{parts.scheme}://{parts.netloc}"


def discovery() -> dict:
    """The issuer's OpenID configuration, fetched once an hour per process."""
    url = issuer() + DISCOVERY_PATH
    now = time.monotonic()
    with _lock:
        cached = _cache.get(url)
        if cached and now - cached[0] < DISCOVERY_TTL:
            return cached[1]
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ImproperlyConfigured(DISCOVERY_FAILED.format(url=url, error=error)) from error
    if document.get("issuer", "").rstrip("/") != issuer():
        raise ImproperlyConfigured(
            ISSUER_MISMATCH.format(found=document.get("issuer"), expected=issuer())
        )
    with _lock:
        _cache[url] = (now, document)
    return document


def forget_discovery() -> None:
    with _lock:
        _cache.clear()


def endpoint(name: str) -> str:
    value = discovery().get(name)
    if not value:
        raise ImproperlyConfigured(f"Inloggningstjänsten saknar {name} i sin konfiguration.")
    return value
