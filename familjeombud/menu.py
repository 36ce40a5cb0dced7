"""The main menu: each entry shows only for users its pages let in, and reads that rule from
the one function the app's views use (composed here at the project level, because the menu
spans every app and no app may reach another)."""

import functools

from django.contrib.auth.models import AnonymousUser
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from checklists.access import may_see_region
from familjeombud.auditlog.review import may_review
from samverkan.access import may_open_cases


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _staff(user) -> bool:
    return _signed_in(user) and user.is_active and user.is_staff


# (label, URL name, who may open it): visitors not signed in see only the public pages, since
# every other page would only be a login for them.
ENTRIES = [
    (_("Stödpaket"), "home", lambda user: True),
    (_("Familjeombudets uppdrag"), "mandates:role", lambda user: True),
    (_("Beredskap"), "checklists:unit_list", _signed_in),
    (_("Regionöversikt"), "checklists:dashboard", may_see_region),
    (_("Utbildning"), "training:index", _signed_in),
    (_("Samverkan"), "samverkan:case_list", may_open_cases),
    (_("Logguppföljning"), "auditlog:review_list", may_review),
    (_("Administration"), "admin:index", _staff),
]


@functools.lru_cache(maxsize=64)
def _url(name: str, prefix: str, urlconf) -> str:
    # Asked on every page (the layout's key reads the menu); the answer changes only with the
    # URL configuration and the prefix the site is served under.
    return reverse(name, urlconf=urlconf)


def menu_entries(user, path: str) -> list[dict]:
    entries = []
    for label, name, allowed in ENTRIES:
        if not allowed(user):
            continue
        url = _url(name, get_script_prefix(), get_urlconf())
        entries.append({"label": label, "url": url, "current": path == url})
    return entries


def main_menu(request) -> dict:
    """Context processor: the entries for the signed-in user, computed only when a template
    reads them."""
    # No user when the request was refused before the authentication middleware ran (a Host
    # outside ALLOWED_HOSTS): its error page shows the menu of someone not signed in.
    user = getattr(request, "user", None) or AnonymousUser()
    return {"main_menu": lambda: menu_entries(user, request.path)}
