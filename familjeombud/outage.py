"""When the database cannot be reached: a Swedish 503 page instead of a traceback, one log line
per outage, and the next request served normally as soon as the database is back.

A database error raised by a view (or by the user and session it loads lazily) is turned into
the page by DatabaseUnavailableMiddleware.process_exception; one raised while a middleware
saves the session after the view is caught by server_error, the handler500 of the urls. The page
is rendered without a request context: the context processors (user, permissions, messages)
would ask the database again."""

import logging
import sys
import threading
import time
from types import SimpleNamespace

from django import db
from django.http import HttpResponse
from django.template import loader

from familjeombud.views import server_error as ordinary_server_error

logger = logging.getLogger("familjeombud.database")

RETRY_AFTER_SECONDS = 30
TEMPLATE = "503.html"
OUTAGE_STARTED = "Databasen svarar inte (%s): sidorna svarar 503 tills den är tillbaka."
OUTAGE_ENDED = "Databasen svarar igen efter %d s; %d svar blev 503 under tiden."

try:  # Django wraps the driver's errors in its own; one that escapes unwrapped counts too.
    import psycopg

    DRIVER_ERRORS: tuple[type[Exception], ...] = (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # pragma: no cover - psycopg is a dependency
    DRIVER_ERRORS = ()

DATABASE_ERRORS = (db.OperationalError, db.InterfaceError, *DRIVER_ERRORS)


def is_database_unavailable(exception: BaseException | None) -> bool:
    """Lost or refused connections, timeouts and similar: the database, not the request, is at
    fault. Errors in the query itself (ProgrammingError, IntegrityError) remain bugs: a 500."""
    return isinstance(exception, DATABASE_ERRORS)


def describe(exception: BaseException) -> str:
    """The error's kind and SQLSTATE only: the driver's message can quote query values."""
    cause = exception.__cause__ or exception
    sqlstate = getattr(cause, "sqlstate", None)
    name = type(exception).__name__
    return f"{name}, SQLSTATE {sqlstate}" if sqlstate else name


class OutageLog:
    """One warning when the first request fails, one line when a request succeeds again;
    nothing in between, however many requests fail. Per process (each worker logs its own)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.since: float | None = None
        self.failed = 0

    def failure(self, exception: BaseException) -> None:
        with self._lock:
            self.failed += 1
            if self.since is not None:
                return
            self.since = time.monotonic()
        logger.warning(OUTAGE_STARTED, describe(exception))

    def success(self) -> None:
        if self.since is None:  # the usual case: no lock, no work
            return
        with self._lock:
            if self.since is None:
                return
            seconds, failed = time.monotonic() - self.since, self.failed
            self.since, self.failed = None, 0
        logger.info(OUTAGE_ENDED, seconds, failed)


OUTAGE = OutageLog()


def database_unavailable_response(request, exception: BaseException) -> HttpResponse:
    OUTAGE.failure(exception)
    # Only the path reaches the template (the menu marks the current page, the footer's
    # report link names it): request.user and request.session would query the database.
    context = {"request": SimpleNamespace(path=request.path)}
    response = HttpResponse(loader.get_template(TEMPLATE).render(context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_unavailable = True
    # django.request would log every one of these with the path; OUTAGE logs the outage once.
    response._has_been_logged = True
    return response


def server_error(request):
    """handler500: the 503 page when the error was the database's (e.g. saving the session
    after the view), else the ordinary 500 page. Called inside Django's exception handling, so
    the exception being handled is the one that caused the 500."""
    exception = sys.exception()
    if is_database_unavailable(exception):
        return database_unavailable_response(request, exception)
    return ordinary_server_error(request)
