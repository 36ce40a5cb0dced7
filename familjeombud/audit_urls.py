"""Log extracts for a case and the systematic log review (issue 10, items 4 and 5). The extract
lives under the case's own address; only the opaque case uuid appears in it."""

from django.urls import path

from familjeombud.auditlog import views

app_name = "auditlog"

extract = views.CaseExtractView.as_view()
urlpatterns = [
    path("samverkan/<uuid:pk>/loggutdrag.pdf", extract, {"fmt": "pdf"}, name="case_extract_pdf"),
    path("samverkan/<uuid:pk>/loggutdrag.csv", extract, {"fmt": "csv"}, name="case_extract_csv"),
    path("logguppfoljning/", views.ReviewListView.as_view(), name="review_list"),
    path("logguppfoljning/granska/", views.ReviewMarkView.as_view(), name="review_mark"),
]
