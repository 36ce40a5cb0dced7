"""The session never outlives SESSION_MAX_AGE from the sign-in, however active it is: Django's
own expiry restarts at every change of the session, this one counts from the sign-in."""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from . import config
from .audit import SIGNED_IN_AT

SESSION_EXPIRED = N_("Du har varit inloggad så länge som portalen tillåter. Logga in igen.")
EXPIRED_REASON = "session_max_age"


def session_expired(session, now: float | None = None) -> bool:
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return True
    return (now or time.time()) - signed_in_at > settings.SESSION_MAX_AGE


class SessionMaxAgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            expired = request.user.is_authenticated and session_expired(request.session)
        except DatabaseError:
            # The database is down: nothing can be checked, and the view's own first query
            # raises again where DatabaseUnavailableMiddleware turns it into the 503 page
            # (an error raised here would bypass it).
            return self.get_response(request)
        if expired:
            request.sign_out_reason = EXPIRED_REASON
            auth.logout(request)
            messages.info(request, _(SESSION_EXPIRED))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class ProviderFormActionMiddleware:
    """Adds the provider's origin to the page's form-action while a provider is configured."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if config.oidc_enabled():
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), config.issuer_origin()]
            response._csp_update = update
        return response
