"""Site-wide public pages (accessibility statement, personal-data notice), at the site root
without a namespace because the footer of every page links them by these names."""

from django.urls import path

from .pages import routine, views

urlpatterns = [
    path(
        "tillganglighet/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility_statement",
    ),
    path("personuppgifter/", views.PrivacyNoticeView.as_view(), name="privacy_notice"),
    # A page of the support package, composed here because its text and directory are
    # samverkan's (the support package app may not import samverkan).
    path("stodpaket/rutin-for-samverkan/", routine.RoutineView.as_view(), name="routine"),
    path("stodpaket/rutin-for-samverkan.pdf", routine.RoutinePdfView.as_view(), name="routine_pdf"),
]
