"""Administrators read sessions and correct mistakes; the workflow itself runs in the portal."""

from django.contrib import admin

from .models import Action, SessionItem, SessionLogEntry, TrainingSession


class SessionItemInline(admin.TabularInline):
    model = SessionItem
    extra = 0
    fields = ("position", "kind", "presentation", "film", "question", "title", "minutes", "notes")
    raw_id_fields = ("presentation", "film", "question")


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ("what", "who", "due_on", "checklist_item", "status", "done_at")
    readonly_fields = ("status", "done_at")


class LogInline(admin.TabularInline):
    model = SessionLogEntry
    extra = 0
    can_delete = False
    fields = ("at", "event", "from_status", "to_status", "by", "action")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ("date", "start_time", "unit", "title", "status", "participants")
    list_filter = ("status", "areas", "date")
    search_fields = ("title", "unit__name")
    date_hierarchy = "date"
    readonly_fields = ("status", "created_by", "created_at", "recorded_at")
    filter_horizontal = ("areas",)
    inlines = [SessionItemInline, ActionInline, LogInline]
    list_select_related = ("unit",)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("what", "who", "due_on", "status", "session")
    list_filter = ("status",)
    search_fields = ("what", "who", "session__unit__name")
    readonly_fields = ("status", "done_at")
    list_select_related = ("session", "session__unit")
