"""Editors keep the package up to date here: each area with its items in order, import/export,
and a list of what has not been reviewed for twelve months."""

from datetime import timedelta

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV, JSON, XLSX

from core.admin_import_export import ImportExportModelAdmin

from .admin_labels import LabelledChangelistMixin
from .models import (
    CONTENT_MODELS,
    ChecklistItem,
    Contact,
    EmployerResource,
    Film,
    FilmGroup,
    FurtherReading,
    GoverningDocument,
    LawReference,
    MandateArea,
    Presentation,
    ReflectionQuestion,
    RoleItem,
    WebCourse,
)
from .resources import RESOURCES

REVIEW_MONTHS = 12


def may_change(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


def review_cutoff():
    return timezone.localdate() - timedelta(days=365)


def stale(queryset):
    """Rows never reviewed or reviewed more than twelve months ago."""
    from django.db.models import Q

    return queryset.filter(Q(reviewed_on__lt=review_cutoff()) | Q(reviewed_on__isnull=True))


class ReviewFilter(admin.SimpleListFilter):
    title = _("granskning")
    parameter_name = "granskning"

    def lookups(self, request, model_admin):
        return [
            ("gammal", _("Äldre än 12 månader eller aldrig granskad")),
            ("aktuell", _("Aktuell")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "gammal":
            return stale(queryset)
        if self.value() == "aktuell":
            return queryset.filter(reviewed_on__gte=review_cutoff())
        return queryset


# Addresses typed without a scheme are the region's https pages (Django 6's default, chosen now).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ContentAdmin(LabelledChangelistMixin, ImportExportModelAdmin):
    formats = [CSV, XLSX, JSON]
    formfield_overrides = HTTPS_URLS
    list_filter = ["published", ReviewFilter]
    list_editable = ["order", "published"]
    actions = ["mark_reviewed_today"]

    def get_resource_classes(self, request):
        return [RESOURCES[self.model]]

    @admin.action(description=_("Markera som granskade i dag"))
    def mark_reviewed_today(self, request, queryset):
        # save() per row, so the content version goes up and cached pages refresh.
        for obj in queryset:
            obj.reviewed_on = timezone.localdate()
            obj.save(update_fields=["reviewed_on"])


class AreaItemAdmin(ContentAdmin):
    list_display = ["title", "area", "order", "published", "reviewed_on"]
    list_filter = ["area", "published", ReviewFilter]
    list_select_related = ["area"]
    search_fields = ["title", "url"]


def inline(model_, fields_):
    return type(
        f"{model_.__name__}Inline",
        (admin.TabularInline,),
        {
            "model": model_,
            "fields": fields_,
            "extra": 0,
            "ordering": ["order", "pk"],
            "show_change_link": True,
            "formfield_overrides": HTTPS_URLS,
        },
    )


LINK_FIELDS = ["order", "title", "url", "published", "reviewed_on"]


@admin.register(MandateArea)
class MandateAreaAdmin(ContentAdmin):
    list_display = ["name", "order", "published", "reviewed_on"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "summary", "law_text"]
    inlines = [
        inline(
            LawReference,
            [
                "order",
                "law",
                "chapter",
                "section",
                "code",
                "as_written",
                "published",
                "reviewed_on",
            ],
        ),
        inline(GoverningDocument, [*LINK_FIELDS[:3], "description", *LINK_FIELDS[3:]]),
        inline(Presentation, LINK_FIELDS),
        inline(FilmGroup, [*LINK_FIELDS[:3], "intro", *LINK_FIELDS[3:]]),
        inline(
            Film,
            [
                "order",
                "group",
                "title",
                "provider",
                "url",
                "duration_text",
                "announced",
                "published",
                "reviewed_on",
            ],
        ),
        inline(FurtherReading, LINK_FIELDS),
        inline(WebCourse, LINK_FIELDS),
        inline(EmployerResource, LINK_FIELDS),
        inline(ReflectionQuestion, ["order", "text", "published", "reviewed_on"]),
    ]

    def get_urls(self):
        extra = [
            path(
                "granskning/", self.admin_site.admin_view(self.review_view), name="mandates_review"
            ),
        ]
        return extra + super().get_urls()

    def review_view(self, request):
        """Every content row whose review is more than twelve months old, per kind, for the
        kinds the user may change (issue 20: being staff is not enough)."""
        models = [m for m in CONTENT_MODELS if may_change(request.user, m)]
        if not models:
            raise PermissionDenied
        groups = []
        for model in models:
            rows = list(stale(model.objects.all()).order_by("reviewed_on", "pk")[:500])
            if rows:
                info = (model._meta.app_label, model._meta.model_name)
                groups.append(
                    {
                        "name": model._meta.verbose_name_plural,
                        "rows": [
                            (row, reverse("admin:{}_{}_change".format(*info), args=[row.pk]))
                            for row in rows
                        ],
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Innehåll att granska"),
            "groups": groups,
            "months": REVIEW_MONTHS,
        }
        return TemplateResponse(request, "mandates/admin/review.html", context)


@admin.register(LawReference)
class LawReferenceAdmin(ContentAdmin):
    list_display = ["citation", "area", "as_written", "order", "published", "reviewed_on"]
    list_filter = ["area", "law", "published", ReviewFilter]
    list_select_related = ["area"]
    search_fields = ["citation", "law", "as_written", "code"]


@admin.register(Film)
class FilmAdmin(AreaItemAdmin):
    list_display = [
        "title",
        "area",
        "group",
        "duration_text",
        "duration_min_seconds",
        "duration_max_seconds",
        "announced",
        "order",
        "published",
        "reviewed_on",
    ]
    list_filter = ["area", "group", "announced", "published", ReviewFilter]
    list_select_related = ["area", "group"]
    search_fields = ["title", "provider", "url", "note", "discussion_questions"]


@admin.register(ReflectionQuestion)
class ReflectionQuestionAdmin(ContentAdmin):
    list_display = ["text", "area", "order", "published", "reviewed_on"]
    list_filter = ["area", "published", ReviewFilter]
    list_select_related = ["area"]
    search_fields = ["text"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ContentAdmin):
    list_display = ["text", "area", "order", "published", "reviewed_on"]
    list_filter = ["area", "published", ReviewFilter]
    list_select_related = ["area"]
    search_fields = ["text"]


@admin.register(RoleItem)
class RoleItemAdmin(ContentAdmin):
    list_display = ["text", "kind", "order", "published", "reviewed_on"]
    list_filter = ["kind", "published", ReviewFilter]
    search_fields = ["text"]


@admin.register(Contact)
class ContactAdmin(ContentAdmin):
    list_display = ["name", "role", "email", "phone", "order", "published", "reviewed_on"]
    search_fields = ["name", "role", "email"]


for _model in [
    GoverningDocument,
    Presentation,
    FilmGroup,
    FurtherReading,
    WebCourse,
    EmployerResource,
]:
    admin.site.register(_model, AreaItemAdmin)
