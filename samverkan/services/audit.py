from samverkan.models import AuditAction, AuditEntry


def audit(*, who, case, action: str, detail: str = "") -> AuditEntry:
    """Detail text is written by code, never copied from a form, so no personnummer enters."""
    return AuditEntry.objects.create(
        who=who if who and who.is_authenticated else None,
        who_username=who.get_username() if who and who.is_authenticated else "",
        case=case,
        case_ref=case.pk if case else None,
        action=action,
        detail=detail,
    )


__all__ = ["AuditAction", "audit"]
