"""Site-wide public pages (accessibility statement, personal-data notice)."""

urlpatterns: list = []
