"""Log extracts for a case and the systematic log review (issue 10, items 4 and 5)."""

app_name = "auditlog"

urlpatterns: list = []
