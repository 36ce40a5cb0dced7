"""Who may do what with Samverkan: one function per rule. Services raise on a False answer,
views, templates and the main menu show or hide by the same answer.

Seeing a case at all is `Case.objects.visible_to(user)` (the creator and the colleagues they
added); the rules below come on top of it."""

import datetime

from django.utils import timezone

CLINICIAN_PERMISSION = "samverkan.add_case"
BREAK_GLASS_PERMISSION = "samverkan.break_glass"
BREAK_GLASS_SESSION_KEY = "samverkan_break_glass"
BREAK_GLASS_DURATION = datetime.timedelta(hours=1)


def may_open_cases(user) -> bool:
    """Clinicians (the Kliniker role) work with cases; everyone else gets 403 from the views,
    so the menu does not offer them the link."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(CLINICIAN_PERMISSION)


def is_creator(user, case) -> bool:
    return user.is_authenticated and case.created_by_id == user.pk


def can_add_members(user, case) -> bool:
    """The creator answers for who sees the case; colleagues added may work in it, not share it."""
    return is_creator(user, case)


def may_produce_extract(user, case) -> bool:
    """The owner answers for the case and the extract request; an administrator stands in when
    the owner is gone. Colleagues added to the case may read it but not hand out its log."""
    return user.is_authenticated and (user.is_superuser or is_creator(user, case))


def extract_refusal_hides_case(user, case) -> bool:
    """A clinician who cannot see the case is answered as if it did not exist."""
    from samverkan.models import Case

    return may_open_cases(user) and not Case.objects.visible_to(user).filter(pk=case.pk).exists()


def may_break_glass(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(BREAK_GLASS_PERMISSION)


def break_glass_active(request, pk) -> bool:
    """A break-glass grant lasts an hour, in this session only, for this case only."""
    if not may_break_glass(request.user):
        return False
    until = request.session.get(BREAK_GLASS_SESSION_KEY, {}).get(str(pk))
    return bool(until) and datetime.datetime.fromisoformat(until) > timezone.now()


def grant_break_glass(request, pk) -> None:
    grants = request.session.get(BREAK_GLASS_SESSION_KEY, {})
    grants[str(pk)] = (timezone.now() + BREAK_GLASS_DURATION).isoformat()
    request.session[BREAK_GLASS_SESSION_KEY] = grants
