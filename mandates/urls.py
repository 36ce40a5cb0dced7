from django.urls import path

from . import views

app_name = "mandates"

urlpatterns = [
    path("omraden/<slug:slug>/", views.AreaDetailView.as_view(), name="area_detail"),
]
