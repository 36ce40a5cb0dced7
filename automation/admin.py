from django.contrib import admin

from .models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """The scheduled runs, read only; deleting a failed run lets the scheduler queue it again
    the same day (docs/operations.md)."""

    list_display = ["job", "day", "status", "attempts", "result", "started_at", "finished_at"]
    list_filter = ["job", "status"]
    date_hierarchy = "day"
    readonly_fields = [
        "job",
        "day",
        "status",
        "attempts",
        "queued_at",
        "started_at",
        "finished_at",
        "result",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
