"""django-import-export resources: units and their members are kept in spreadsheets today."""

from django.contrib.auth import get_user_model
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import Membership, Municipality, Unit


class MunicipalityResource(resources.ModelResource):
    class Meta:
        model = Municipality
        fields = ("id", "code", "name", "switchboard")


class UnitResource(resources.ModelResource):
    municipality = fields.Field(
        attribute="municipality",
        column_name="municipality",
        widget=ForeignKeyWidget(Municipality, "code"),
    )

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
