"""Who may open the Samverkan pages at all: the one rule that the views, the services and the
main menu read (a case itself is then seen only by its clinician and added colleagues)."""

CLINICIAN_PERMISSION = "samverkan.add_case"


def may_open_cases(user) -> bool:
    """Clinicians (the Kliniker role) work with cases; everyone else gets 403 from the views,
    so the menu does not offer them the link."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(CLINICIAN_PERMISSION)
