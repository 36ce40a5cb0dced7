from django.contrib import admin

from core.admin_import_export import ImportExportModelAdmin

from .models import Membership, Municipality, Unit
from .resources import MembershipResource, MunicipalityResource, UnitResource


@admin.register(Municipality)
class MunicipalityAdmin(ImportExportModelAdmin):
    resource_classes = [MunicipalityResource]
    list_display = ["name", "code", "switchboard"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin):
    resource_classes = [UnitResource]
    list_display = ["name", "kind", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ImportExportModelAdmin):
    resource_classes = [MembershipResource]
    list_display = ["unit", "user", "role", "days_per_month", "started_on"]
    list_filter = ["role", "unit__municipality"]
    search_fields = ["unit__name", "user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["unit", "user"]
    list_select_related = ["unit", "user"]
