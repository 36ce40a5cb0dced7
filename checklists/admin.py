from django.contrib import admin

from .models import Assessment, EventAttendance, ItemAssessment, RegionEvent, StatusChange


class ReadOnlyMixin:
    """History is written only by the service functions; admin shows it and never edits it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = StatusChange
    fields = ["from_status", "to_status", "reason", "comment", "copied", "changed_by", "changed_at"]
    readonly_fields = fields
    extra = 0


class ItemAssessmentInline(ReadOnlyMixin, admin.TabularInline):
    model = ItemAssessment
    fields = ["item", "status", "reason", "comment", "changed_by", "changed_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "created_at", "created_by"]
    list_filter = ["year", "unit__municipality"]
    search_fields = ["unit__name"]
    readonly_fields = ["unit", "year", "copied_from", "created_at", "created_by"]
    inlines = [ItemAssessmentInline]
    list_select_related = ["unit", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(ItemAssessment)
class ItemAssessmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["assessment", "item", "status", "changed_by", "changed_at"]
    list_filter = ["status", "assessment__year"]
    search_fields = ["assessment__unit__name", "item__text"]
    inlines = [StatusChangeInline]
    list_select_related = ["assessment__unit", "item", "changed_by"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("checklists.view_itemassessment") or request.user.has_perm(
            "checklists.view_assessment"
        )


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["entry", "from_status", "to_status", "changed_by", "changed_at", "copied"]
    list_filter = ["to_status", "copied"]
    search_fields = ["entry__assessment__unit__name"]
    list_select_related = ["entry__assessment__unit", "entry__item", "changed_by"]


class EventAttendanceInline(admin.TabularInline):
    model = EventAttendance
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(RegionEvent)
class RegionEventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["title"]
    inlines = [EventAttendanceInline]


@admin.register(EventAttendance)
class EventAttendanceAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "registered_at"]
    list_filter = ["event__kind"]
    search_fields = ["user__username", "event__title"]
    autocomplete_fields = ["event", "user"]
    list_select_related = ["event", "user"]
