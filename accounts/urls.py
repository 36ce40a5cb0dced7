from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("nekad/", views.refused_view, name="refused"),
    path("ingen-roll/", views.no_role_view, name="no_role"),
]
