from django.urls import path

from . import views

app_name = "mandates"

urlpatterns = [
    path("omraden/<slug:slug>/", views.AreaDetailView.as_view(), name="area_detail"),
    path("omraden/<slug:slug>/filmer/", views.AreaFilmsView.as_view(), name="area_films"),
    path("omraden/<slug:slug>/pdf/", views.AreaPdfView.as_view(), name="area_pdf"),
    path("hela-stodpaketet.pdf", views.package_pdf, name="package_pdf"),
    path("familjeombudets-uppdrag/", views.RoleView.as_view(), name="role"),
    path("kontakt/", views.ContactListView.as_view(), name="contacts"),
    path("sok/", views.SearchView.as_view(), name="search"),
]
