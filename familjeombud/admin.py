from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import (
    AccessibilityReport,
    AccessibilityStatement,
    AuditReview,
    BurdenExemption,
    DataProtectionContacts,
    InaccessibleContent,
    OutOfScopeContent,
)
from .pages import services

MSG_CONTACTS_UNVERIFIED = _(
    "Kontaktuppgifterna för dataskydd är platshållare som inte är kontrollerade. Fyll i "
    "Region Kronobergs kontaktuppgifter och dataskyddsombudets, och kryssa sedan i "
    "'kontaktuppgifterna är kontrollerade'. Tills dess visar sidan Personuppgifter att "
    "uppgifterna saknas."
)


class SingletonAdmin(admin.ModelAdmin):
    """The public page reads one row; a second could never be shown, so none can be added."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return not self.model.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


class InaccessibleInline(admin.StackedInline):
    model = InaccessibleContent
    extra = 0
    fields = ["order", "content", "description", "criteria", "planned_fix"]


class BurdenInline(admin.StackedInline):
    model = BurdenExemption
    extra = 0
    fields = ["order", "content", "description"]


class OutOfScopeInline(admin.StackedInline):
    model = OutOfScopeContent
    extra = 0
    fields = ["order", "content", "description"]


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(SingletonAdmin):
    list_display = ["service_name", "compliance", "assessed_on", "updated_on"]
    inlines = [InaccessibleInline, BurdenInline, OutOfScopeInline]
    fieldsets = [
        (None, {"fields": ["public_body", "service_name"]}),
        (_("Förenlighet"), {"fields": ["compliance", "compliance_explanation"]}),
        (
            _("Bedömning"),
            {"fields": ["evaluation_method", "prepared_on", "assessed_on", "updated_on"]},
        ),
        (
            _("Kontakt och tillsyn"),
            {"fields": ["feedback_text", "enforcement_text", "digg_report_url"]},
        ),
    ]


@admin.register(AccessibilityReport)
class AccessibilityReportAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "page",
        "status",
        "wants_accessible_version",
        "answered_on",
        "has_email",
    ]
    list_filter = ["status", "wants_accessible_version", "reports_problem"]
    search_fields = ["page", "description"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "page",
        "description",
        "email",
        "reports_problem",
        "wants_accessible_version",
        "status",
        "answered_on",
        "handled_by",
    ]
    fields = [*readonly_fields, "note"]
    actions = ["mark_answered", "mark_fixed"]

    def has_add_permission(self, request):
        # Reports come from visitors through the form only.
        return False

    @admin.display(boolean=True, description=_("vill ha svar"))
    def has_email(self, obj):
        return bool(obj.email)

    def _apply(self, request, queryset, transition, done_message):
        done = 0
        for report in queryset:
            try:
                transition(report=report, by=request.user.get_username())
            except services.ReportError as error:
                self.message_user(request, f"{report}: {error}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Markera som besvarad (dagens datum)"))
    def mark_answered(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.report_mark_answered,
            _("%(n)d meddelanden markerade som besvarade."),
        )

    @admin.action(description=_("Markera som åtgärdad"))
    def mark_fixed(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.report_mark_fixed,
            _("%(n)d meddelanden markerade som åtgärdade."),
        )


@admin.register(DataProtectionContacts)
class DataProtectionContactsAdmin(SingletonAdmin):
    list_display = ["controller_name", "verified", "updated_on"]
    fields = [
        "controller_name",
        "controller_email",
        "controller_phone",
        "controller_address",
        "dpo_email",
        "dpo_phone",
        "more_info_url",
        "verified",
    ]

    def _warn_if_unverified(self, request):
        obj = DataProtectionContacts.current()
        if obj is None or not obj.verified:
            self.message_user(request, MSG_CONTACTS_UNVERIFIED, messages.WARNING)

    def changelist_view(self, request, extra_context=None):
        self._warn_if_unverified(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self._warn_if_unverified(request)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AuditReview)
class AuditReviewAdmin(admin.ModelAdmin):
    """Reviews are written from the review page and never changed: admin only reads them."""

    list_display = ["reviewed_at", "reviewer_username", "kind", "finding_key", "comment"]
    list_filter = ["kind", "reviewed_at"]
    search_fields = ["reviewer_username", "finding_key", "comment"]
    date_hierarchy = "reviewed_at"
    readonly_fields = [f.name for f in AuditReview._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
