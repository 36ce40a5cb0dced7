"""The directory is editable (with import/export); the audit log is read-only. Cases are
deliberately not registered: administrators reach a case only through audited break-glass."""

from django.contrib import admin, messages
from import_export import resources

from core.admin_import_export import ImportExportModelAdmin

from .models import (
    AuditEntry,
    BvcUnit,
    MunicipalContact,
    OrganisationType,
    RoutineDocument,
    WheelArea,
)

UNCONFIRMED_WARNING = (
    "{count} områden i Barnets bästa-hjulet har namn som väntar på bekräftelse mot Region "
    "Kronobergs Barnens bästa-hjul. Rätta namnet och avmarkera ”väntar på bekräftelse”."
)


class BvcUnitResource(resources.ModelResource):
    class Meta:
        model = BvcUnit


class OrganisationTypeResource(resources.ModelResource):
    class Meta:
        model = OrganisationType


class WheelAreaResource(resources.ModelResource):
    class Meta:
        model = WheelArea


@admin.register(BvcUnit)
class BvcUnitAdmin(ImportExportModelAdmin):
    resource_classes = [BvcUnitResource]
    list_display = ["name", "municipality", "email"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "email"]


@admin.register(OrganisationType)
class OrganisationTypeAdmin(ImportExportModelAdmin):
    resource_classes = [OrganisationTypeResource]
    list_display = ["name", "order", "channel", "call_municipality_for_address"]
    list_filter = ["channel"]


@admin.register(WheelArea)
class WheelAreaAdmin(ImportExportModelAdmin):
    resource_classes = [WheelAreaResource]
    list_display = ["order", "name", "awaiting_confirmation"]
    list_display_links = ["name"]
    list_filter = ["awaiting_confirmation"]

    def changelist_view(self, request, extra_context=None):
        count = WheelArea.objects.filter(awaiting_confirmation=True).count()
        if count:
            messages.warning(request, UNCONFIRMED_WARNING.format(count=count))
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        area = self.get_object(request, object_id)
        if area is not None and area.awaiting_confirmation:
            messages.warning(request, UNCONFIRMED_WARNING.format(count=1))
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["when", "who_username", "action", "case_ref", "detail"]
    list_filter = ["action", "when"]
    search_fields = ["who_username", "case_ref", "detail"]
    date_hierarchy = "when"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoutineDocumentResource(resources.ModelResource):
    class Meta:
        model = RoutineDocument


class MunicipalContactResource(resources.ModelResource):
    class Meta:
        model = MunicipalContact


@admin.register(RoutineDocument)
class RoutineDocumentAdmin(ImportExportModelAdmin):
    resource_classes = [RoutineDocumentResource]
    list_display = ["title", "step", "order", "url"]
    list_filter = ["step"]
    search_fields = ["title", "url"]


@admin.register(MunicipalContact)
class MunicipalContactAdmin(ImportExportModelAdmin):
    resource_classes = [MunicipalContactResource]
    list_display = ["name", "school_age_only", "order"]
