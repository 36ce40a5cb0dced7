"""django-import-export resources: every content model out to CSV/XLSX/JSON and back.

Rows are matched on id, so exporting and importing again changes nothing; every row is
validated with full_clean and the whole file is one transaction, so one bad row imports nothing.
"""

from django.db import models, transaction
from import_export import resources, widgets

from .models import CONTENT_MODELS

DERIVED_FIELDS = {
    "lawreference": ["citation"],
    "film": ["duration_min_seconds", "duration_max_seconds", "parts"],
}


class ContentResource(resources.ModelResource):
    """Empty text cells (CSV, XLSX) come back as "" like the rows had, not as NULL."""

    def import_data(self, dataset, *args, **kwargs):
        """All or nothing: a row that fails validation also undoes the rows before it."""
        with transaction.atomic():
            result = super().import_data(dataset, *args, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.TextField) and django_field.blank:
            kwargs.update({"coerce_to_string": True, "allow_blank": True})
        return kwargs


def resource_for(model) -> type[resources.ModelResource]:
    derived = DERIVED_FIELDS.get(model._meta.model_name, [])
    fields = [f.name for f in model._meta.concrete_fields if f.name not in derived]
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": fields,
            "export_order": fields,
            "import_id_fields": ["id"],
            "clean_model_instances": True,
            "skip_unchanged": False,
            "use_transactions": True,
        },
    )
    return type(f"{model.__name__}Resource", (ContentResource,), {"Meta": meta})


RESOURCES = {model: resource_for(model) for model in CONTENT_MODELS}
