from django.urls import path

from . import views

app_name = "checklists"

urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("verksamheter/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("verksamheter/<int:pk>/starta-ar/", views.StartYearView.as_view(), name="start_year"),
    path(
        "verksamheter/<int:pk>/<int:year>/punkter/<int:item_pk>/",
        views.EntryUpdateView.as_view(),
        name="entry_update",
    ),
    path(
        "verksamheter/<int:pk>/<int:year>/rapport/",
        views.UnitReportView.as_view(),
        name="unit_report",
    ),
    path(
        "verksamheter/<int:pk>/<int:year>/rapport.pdf",
        views.UnitReportPdfView.as_view(),
        name="unit_report_pdf",
    ),
    path("region/", views.DashboardView.as_view(), name="dashboard"),
    path("region/beredskap.csv", views.DashboardCsvView.as_view(), name="dashboard_csv"),
    path("region/beredskap.xlsx", views.DashboardXlsxView.as_view(), name="dashboard_xlsx"),
    path("familjeombud/", views.EventListView.as_view(), name="events"),
    path("familjeombud/traffar/<int:pk>/", views.EventAttendView.as_view(), name="event_attend"),
    path("familjeombud/tid/<int:pk>/", views.DaysUpdateView.as_view(), name="days_update"),
]
