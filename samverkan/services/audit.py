"""The one way into the audit log. Only services call it, inside the transaction of the change
or export it records; views call the services (services/reading.py for viewing, refusing and
exporting). Every detail is masked on the way in: a personnummer in any written form, and the
names of the case's child and guardians that the caller hands over, so that the admin's list,
the review page and the log extract never show them."""

from collections.abc import Iterable

from django.db import transaction

from core.masking import mask_text
from samverkan.models import AuditAction, AuditEntry, Case


def _known_names(case: Case | None) -> list[str]:
    """The child's name when the case row carries it (never an extra query)."""
    if case is None or "child_name" in case.get_deferred_fields():
        return []
    return [case.child_name]


def _entry(*, who, case, action: str, detail: str, names: Iterable[str]) -> AuditEntry:
    signed_in = who is not None and who.is_authenticated
    return AuditEntry(
        who=who if signed_in else None,
        who_username=who.get_username() if signed_in else "",
        case=case,
        case_ref=case.pk if case else None,
        action=action,
        detail=mask_text(detail, [*names, *_known_names(case)]),
    )


def audit(
    *, who, case: Case | None, action: str, detail: str = "", names: Iterable[str] = ()
) -> AuditEntry:
    entry = _entry(who=who, case=case, action=action, detail=detail, names=names)
    entry.save()
    return entry


def audit_many(*, who, cases: Iterable[Case], action: str, detail: str) -> list[AuditEntry]:
    """One row per case in one query (the case list shows every listed child's name)."""
    entries = [_entry(who=who, case=c, action=action, detail=detail, names=()) for c in cases]
    return AuditEntry.objects.bulk_create(entries)


def forget_case_text(case_pk) -> int:
    """When a case is purged its audit rows keep who, when and what kind of access, and lose
    the free text. Called in the purge's transaction."""
    return AuditEntry.objects.filter(case_ref=case_pk).exclude(detail="").update(detail="")


def audited_export(*, who, case: Case, detail: str, render):
    """The export's entry first, the rendering inside the same transaction: a rendering that
    fails rolls the entry back, and the log never misses an export that was handed out."""
    with transaction.atomic():
        audit(who=who, case=case, action=AuditAction.EXPORTED, detail=detail)
        return render()


__all__ = ["AuditAction", "audit", "audit_many", "audited_export", "forget_case_text"]
