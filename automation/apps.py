from django.apps import AppConfig


class AutomationConfig(AppConfig):
    """Scheduled jobs, reminders and the tasks behind them. It composes the other apps (it
    reads samverkan, training, checklists and the audit log); none of them imports it."""

    name = "automation"
    verbose_name = "Schemalagda jobb och påminnelser"
    default_auto_field = "django.db.models.BigAutoField"
