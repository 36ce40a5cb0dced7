"""Who may do what with Samverkan: one function per rule. Services raise on a False answer,
views, templates and the main menu show or hide by the same answer (a case itself is then seen
only by its clinician and added colleagues, `Case.objects.visible_to`)."""

CLINICIAN_PERMISSION = "samverkan.add_case"
BREAK_GLASS_PERMISSION = "samverkan.break_glass"


def may_open_cases(user) -> bool:
    """Clinicians (the Kliniker role) work with cases; everyone else gets 403 from the views,
    so the menu does not offer them the link."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(CLINICIAN_PERMISSION)


def is_creator(user, case) -> bool:
    return user.is_authenticated and case.created_by_id == user.pk


def can_add_members(user, case) -> bool:
    """The creator answers for who sees the case; colleagues added may work in it, not share it."""
    return is_creator(user, case)
