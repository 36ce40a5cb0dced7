"""The queries every signed-in request sends before the page's own, for the pinned counts:
the session (none with a shared cache service, whose sessions are cached_db) and the user with
their permissions (one query, accounts/permissions.py)."""

from django.conf import settings

AUTH_QUERIES = 1 if settings.SESSION_ENGINE.endswith("cached_db") else 2
