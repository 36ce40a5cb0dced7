from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Inloggning och konton"

    def ready(self):
        # Django's own auth signals feed the sign-in trail (no other app's signals are used).
        from . import audit  # noqa: F401
