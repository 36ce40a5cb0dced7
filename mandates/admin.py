from django.contrib import admin

from .models import MandateArea


@admin.register(MandateArea)
class MandateAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "published", "reviewed_on"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "summary"]
