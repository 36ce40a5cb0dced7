"""The page django-axes answers with while a username is locked out from an address: Swedish,
in the portal's layout, saying how long the lock lasts and whom to ask. Status 429 as before.

Wired in settings as AXES_LOCKOUT_CALLABLE; axes calls it from its middleware for the portal's
login and the admin's alike."""

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

LOCKOUT_HEADING = gettext_noop("Inloggningen är tillfälligt spärrad")
LOCKOUT_MESSAGE = gettext_noop(
    "För många misslyckade inloggningar med det här användarnamnet. Inloggningen är spärrad "
    "i %(duration)s från det senaste försöket; försök sedan igen."
)
LOCKOUT_CONTACT = gettext_noop(
    "Har du glömt lösenordet, eller var det inte du som försökte logga in? Kontakta portalens "
    "administratör på Region Kronoberg, som kan byta lösenordet och häva spärren."
)


def duration_text(minutes: int) -> str:
    return ngettext("%(n)s minut", "%(n)s minuter", minutes) % {"n": minutes}


def lockout_minutes(request) -> int:
    """AXES_COOLOFF_TIME is always set here: a lock ends on its own."""
    return max(1, round(get_cool_off(request).total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    minutes = lockout_minutes(request)
    context = {
        "heading": _(LOCKOUT_HEADING),
        "message": _(LOCKOUT_MESSAGE) % {"duration": duration_text(minutes)},
        "contact": _(LOCKOUT_CONTACT),
    }
    return render(request, "axes/lockout.html", context, status=429)
