"""A liveness probe for load balancers, and the floor that `make bench` measures pages against.

It touches neither the database nor the session, so its speed is what Django itself costs.
/halsa/databas/ is the readiness probe for monitoring: one `SELECT 1`, and the 503 page of
familjeombud.outage when the database cannot be reached (docs/operations.md says which to use
where)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def database(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# Included by the root urls as "halsa/", so the shared urls.py needs one line and no import.
urlpatterns = [
    path("", health, name="health"),
    path("databas/", database, name="health_database"),
]
