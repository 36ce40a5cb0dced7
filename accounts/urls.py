from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("nekad/", views.RefusedView.as_view(), name="refused"),
    path("ingen-roll/", views.NoRoleView.as_view(), name="no_role"),
]
