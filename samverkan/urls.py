app_name = "samverkan"

urlpatterns: list = []
