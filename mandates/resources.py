"""django-import-export resources: every content model out to CSV/XLSX/JSON and back.

Rows are matched on id, so exporting and importing again changes nothing; every row is
validated with full_clean and the whole file is one transaction, so one bad row imports nothing.
"""

from import_export import resources

from .models import CONTENT_MODELS

DERIVED_FIELDS = {
    "lawreference": ["citation"],
    "film": ["duration_min_seconds", "duration_max_seconds", "parts"],
}


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
    return type(f"{model.__name__}Resource", (resources.ModelResource,), {"Meta": meta})


RESOURCES = {model: resource_for(model) for model in CONTENT_MODELS}
