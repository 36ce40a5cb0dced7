"""Audit details written before the masker was on the way in: mask them now, the way
services/audit.py masks every new one, and take the free text of purged cases' rows."""

from django.db import migrations

from core.masking import mask_text


def mask_existing(apps, schema_editor):
    AuditEntry = apps.get_model("samverkan", "AuditEntry")
    Guardian = apps.get_model("samverkan", "Guardian")
    # A row whose case is gone (purged) keeps who, when and what kind of access only.
    AuditEntry.objects.filter(case__isnull=True, case_ref__isnull=False).exclude(
        detail=""
    ).update(detail="")
    guardians: dict = {}
    for case_id, name in Guardian.objects.values_list("case_id", "name"):
        guardians.setdefault(case_id, []).append(name)
    rows = AuditEntry.objects.exclude(detail="").select_related("case")
    changed = []
    for entry in rows.iterator(chunk_size=2000):
        names = [entry.case.child_name, *guardians.get(entry.case_id, [])] if entry.case else []
        masked = mask_text(entry.detail, names)
        if masked != entry.detail:
            entry.detail = masked
            changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["detail"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("samverkan", "0004_routine_documents")]

    operations = [migrations.RunPython(mask_existing, migrations.RunPython.noop)]
