"""The portal's urls plus views that fail the way a lost database makes them fail."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import include, path

from familjeombud.urls import handler400, handler403, handler404, handler500  # noqa: F401


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


def other_bug(request):
    raise ValueError("ett vanligt programfel")


def writes_session(request):
    request.session["senast_sedd"] = "idag"
    return HttpResponse("ok")


urlpatterns = [
    path("test/databasen-borta/", database_gone),
    path("test/programfel/", other_bug),
    path("test/sessionen/", writes_session),
    path("", include("familjeombud.urls")),
]
