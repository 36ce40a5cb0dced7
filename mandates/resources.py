"""django-import-export resources: every content model out to CSV/XLSX/JSON and back.

Rows are matched on id, so exporting and importing again changes nothing; every row is
validated with full_clean and the whole file is one transaction, so one bad row imports nothing.
References are written as people know them: an area by its slug (its name is also read), a
film group by its title; a reference that matches nothing is a Swedish error on that row, and
every bad row is listed with its line.
"""

from django.db import models, transaction
from import_export import fields, resources, widgets

from .models import CONTENT_MODELS, ChecklistItem, MandateArea

REFERENCE_MISSING = "{label} ”{value}” finns inte. Skriv {hint}."
REFERENCE_AMBIGUOUS = "{label} ”{value}” passar flera. Skriv {hint}."
# Model: (field written in exports, other fields read on import, label, hint)
REFERENCES = {
    "mandatearea": (
        "slug",
        ("name",),
        "Mandatområdet",
        "områdets kortnamn (slug, t.ex. ”barn-som-far-illa”) eller hela namnet",
    ),
    "filmgroup": ("title", (), "Filmgruppen", "gruppens rubrik exakt som i administrationen"),
}


class ReferenceWidget(widgets.ForeignKeyWidget):
    """A foreign key in a file by slug, name or title instead of a database id."""

    def __init__(self, model, field, alternatives=(), label="", hint=""):
        super().__init__(model, field=field)
        self.lookups = (field, *alternatives)
        self.label, self.hint = label, hint

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        queryset = self.get_queryset(value, row, **kwargs)
        for lookup in self.lookups:
            found = list(queryset.filter(**{f"{lookup}__iexact": text})[:2])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                message = REFERENCE_AMBIGUOUS
                break
        else:
            message = REFERENCE_MISSING
        raise ValueError(message.format(label=self.label, value=text[:80], hint=self.hint))


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
    def field_from_django_field(cls, field_name, django_field, readonly):
        reference = django_field.is_relation and REFERENCES.get(
            django_field.related_model._meta.model_name
        )
        if not reference:
            return super().field_from_django_field(field_name, django_field, readonly)
        field, alternatives, label, hint = reference
        return fields.Field(
            attribute=field_name,
            column_name=field_name,
            widget=ReferenceWidget(django_field.related_model, field, alternatives, label, hint),
            readonly=readonly,
            default=None,
        )

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


class ChecklistItemResource(ContentResource):
    """Checklist lines name their area by slug, as the region's spreadsheets do."""

    area = fields.Field(
        attribute="area", column_name="area", widget=widgets.ForeignKeyWidget(MandateArea, "slug")
    )

    class Meta:
        model = ChecklistItem
        fields = ("id", "area", "order", "text", "published", "reviewed_on")
        clean_model_instances = True
        use_transactions = True


RESOURCES = {model: resource_for(model) for model in CONTENT_MODELS}
RESOURCES[ChecklistItem] = ChecklistItemResource
