from django.urls import path

from . import views

app_name = "automation"

urlpatterns = [
    path("", views.ReminderSettingsView.as_view(), name="settings"),
]
