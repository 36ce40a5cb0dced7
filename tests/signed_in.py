"""The queries every signed-in request sends before the page's own, for the pinned counts:
the session (none with a shared cache service, whose sessions are cached_db), the user, and
the user's permissions (one query for both, accounts/permissions.py)."""

from django.conf import settings

AUTH_QUERIES = 2 if settings.SESSION_ENGINE.endswith("cached_db") else 3
