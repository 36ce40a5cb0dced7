"""Site-wide public pages (accessibility statement, personal-data notice), at the site root
without a namespace because the footer of every page links them by these names."""

from django.urls import path

from .pages import views

urlpatterns = [
    path(
        "tillganglighet/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility_statement",
    ),
    path("personuppgifter/", views.PrivacyNoticeView.as_view(), name="privacy_notice"),
]
