from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import Account, SignInEvent, UnitClaim

User = get_user_model()


class AccountInline(admin.StackedInline):
    model = Account
    can_delete = False
    fields = ["identifier", "emergency_access"]
    verbose_name_plural = "Inloggning"


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, AccountInline]


@admin.register(UnitClaim)
class UnitClaimAdmin(admin.ModelAdmin):
    list_display = ["value", "unit", "role"]
    search_fields = ["value", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is the record of what happened."""

    list_display = ["when", "username", "identifier", "method", "outcome", "reason", "emergency"]
    list_filter = ["outcome", "method", "emergency", "reason"]
    search_fields = ["username", "identifier"]
    date_hierarchy = "when"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
