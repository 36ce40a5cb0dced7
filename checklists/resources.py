"""django-import-export resources: units and their members are kept in spreadsheets today."""

from django.contrib.auth import get_user_model
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from mandates.models import MandateArea

from .models import ChecklistItem, Membership, Unit


class UnitResource(resources.ModelResource):
    class Meta:
        model = Unit
        fields = ("id", "name", "kind", "municipality")
        export_order = fields


class MembershipResource(resources.ModelResource):
    unit = fields.Field(attribute="unit", column_name="unit", widget=ForeignKeyWidget(Unit, "pk"))
    user = fields.Field(
        attribute="user",
        column_name="username",
        widget=ForeignKeyWidget(get_user_model(), "username"),
    )

    class Meta:
        model = Membership
        fields = ("id", "unit", "user", "role", "days_per_month", "started_on")
        import_id_fields = ("unit", "user")


class ChecklistItemResource(resources.ModelResource):
    area = fields.Field(
        attribute="area", column_name="area", widget=ForeignKeyWidget(MandateArea, "slug")
    )

    class Meta:
        model = ChecklistItem
        fields = ("id", "area", "order", "text", "published", "reviewed_on")
