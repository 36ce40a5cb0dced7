"""Response headers that Django's SecurityMiddleware does not set itself, and the 503 page
when the database is down."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from familjeombud import outage


class PermissionsPolicyMiddleware:
    """Adds settings.PERMISSIONS_POLICY to every response that has not set its own: nothing on
    the portal needs the camera, microphone, location or payment, so no script may ask."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached gives the Swedish 503 page (familjeombud.outage), not a
    traceback, and the next request after it returns is served normally: nothing is kept
    between requests but the once-per-outage log. Placed before the session and
    authentication middleware, so their lazy database reads inside the view are caught here
    too; a failed session save after the view reaches outage.server_error (handler500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if outage.OUTAGE.since is not None and not getattr(response, "database_unavailable", False):
            connection = connections[DEFAULT_DB_ALIAS]
            if connection.connection is not None and not connection.errors_occurred:
                outage.OUTAGE.success()
        return response

    def process_exception(self, request, exception):
        if outage.is_database_unavailable(exception):
            return outage.database_unavailable_response(request, exception)
        return None
