"""Reading a case is audited as changing it is: opening, being refused, listing, exporting and
break-glass are services here, so that views never write the audit log themselves."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS, transaction

from core.compiled import CompiledQuery
from samverkan.access import may_break_glass
from samverkan.models import AuditAction, Case

from . import errors
from .audit import audit, audit_many, audited_export
from .errors import CaseError

CASE_NOT_FOUND = "Ärendet finns inte eller så har du inte tillgång till det."
REFUSED_NOT_MEMBER = "Nekad åtkomst till {path}"
REFUSED_NO_PERMISSION = "Saknar behörighet: {path}"
VIEWED = "Visade {what}"
LIST_VIEWED = "Visade ärendelistan"
STALE_LIST_VIEWED = "Visade listan över ärenden utan aktivitet"
DUPLICATE_SHOWN = "Visades i varningen om öppet ärende för samma barn"

CASE_RELATIONS = ("created_by", "municipality", "next_coordinator", "referral_organisation")


def _visible_case(shape, actor, pk):
    # A stand-in for the actor: visible_to reads only that they are signed in and their id.
    stand_in = get_user_model()(pk=actor)
    cases = Case.objects.select_related(*CASE_RELATIONS).visible_to(stand_in).filter(pk=pk)
    if shape is None:
        return cases
    rows, db = shape
    return cases.annotate(**rows.annotations(db))


# Every case page opens its case through this query: compiled once (core.compiled), because
# building it through the ORM cost more than running it. One shape per set of rows asked for.
_VISIBLE_CASE = CompiledQuery(_visible_case, actor=get_user_model()._meta.pk, pk=Case._meta.pk)


class CaseNotFound(Exception):
    """The same answer whether the case does not exist or the user may not see it."""


def case_access_refused(*, actor: AbstractBaseUser, pk, path: str, detail: str) -> None:
    """A refused attempt on a case that exists is logged; on one that does not, nothing is."""
    existing = Case.objects.filter(pk=pk).only("pk").first()
    if existing is not None:
        audit(
            who=actor,
            case=existing,
            action=AuditAction.REFUSED,
            detail=detail.format(path=path),
        )


def case_open(
    *, actor: AbstractBaseUser, pk, path: str, break_glass: bool = False, rows=None
) -> Case:
    """The case if the actor may see it (creator, colleague, or a running break-glass);
    otherwise the refusal is logged and CaseNotFound raised. `rows` (a core.rows.RowsOfOne of
    the case) come in the same query, for rows.taken_from(case)."""
    base = Case.objects.select_related(*CASE_RELATIONS)
    if actor.is_authenticated:
        db = DEFAULT_DB_ALIAS
        shape = None if rows is None else (rows, db)
        found = _VISIBLE_CASE.instances(actor=actor.pk, pk=pk, shape=shape, db=db)
        case = found[0] if found else None
    else:
        case = base.visible_to(actor).filter(pk=pk).first()
    if case is None and break_glass:
        case = base.filter(pk=pk).first()
    if case is None:
        case_access_refused(actor=actor, pk=pk, path=path, detail=REFUSED_NOT_MEMBER)
        raise CaseNotFound(CASE_NOT_FOUND)
    return case


def case_viewed(*, actor: AbstractBaseUser, case: Case, what: str) -> None:
    audit(who=actor, case=case, action=AuditAction.VIEWED, detail=VIEWED.format(what=what))


def duplicate_cases_shown(*, actor: AbstractBaseUser, cases: list[Case]) -> None:
    """The new-case form's warning lists these cases: that is a view of them."""
    audit_many(who=actor, cases=cases, action=AuditAction.VIEWED, detail=DUPLICATE_SHOWN)


def stale_list_viewed(*, actor: AbstractBaseUser, cases: list[Case]) -> None:
    audit_many(who=actor, cases=cases, action=AuditAction.VIEWED, detail=STALE_LIST_VIEWED)


def case_list_viewed(*, actor: AbstractBaseUser, cases: list[Case]) -> None:
    audit_many(who=actor, cases=cases, action=AuditAction.VIEWED, detail=LIST_VIEWED)


def case_export(*, actor: AbstractBaseUser, case: Case, what: str, render):
    """`render()` runs inside the export's audit transaction; its result is returned."""
    return audited_export(who=actor, case=case, detail=what, render=render)


def case_break_glass(*, actor: AbstractBaseUser, case_id, reason: str) -> Case:
    """An administrator opens a case they are not a member of. The reason is the only free
    text an administrator writes into the log: it is masked like every detail, and the
    child's and guardians' names are taken out too."""
    if not may_break_glass(actor):
        raise CaseError(errors.BREAK_GLASS_NOT_ALLOWED)
    reason = (reason or "").strip()
    case = Case.objects.filter(pk=case_id).first() if case_id else None
    if case is None:
        raise CaseError(errors.BREAK_GLASS_NOT_FOUND)
    if not reason:
        raise CaseError(errors.BREAK_GLASS_REASON)
    with transaction.atomic():
        names = list(case.guardians.values_list("name", flat=True))
        audit(who=actor, case=case, action=AuditAction.BREAK_GLASS, detail=reason, names=names)
    return case
