"""Barnets plan: every save is a new version, the previous ones stay readable."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from samverkan.models import (
    AuditAction,
    Case,
    CaseState,
    OrganisationType,
    PlanItem,
    PlanVersion,
    WheelArea,
)
from samverkan.steps import require_step

from . import errors
from .audit import audit
from .cases import ensure_transition, lock_case
from .errors import CaseError


class PlanStale(CaseError):
    """The plan has a newer version than the one the form was opened from."""

    def __init__(self, number: int):
        super().__init__(errors.PLAN_STALE.format(number=number))
        self.number = number


@dataclass(frozen=True)
class PlanItemData:
    area: WheelArea
    need: str
    action: str
    organisation: OrganisationType
    person: str
    due_on: object


def case_save_plan(
    *,
    case: Case,
    actor: AbstractBaseUser,
    items: list[PlanItemData],
    child_view: str,
    guardians_view: str,
    participants: str,
    based_on: int | None = None,
) -> PlanVersion:
    """`based_on` is the number of the version the form was opened from (0: no plan yet).
    A save based on an older version than the current one is refused, so that one
    colleague's save never silently replaces another's."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "plan_edit")
        if not items:
            raise CaseError(errors.PLAN_NO_ITEMS)
        chosen = set(case.areas.values_list("pk", flat=True))
        if any(item.area.pk not in chosen for item in items):
            raise CaseError(errors.PLAN_AREA_NOT_CHOSEN)
        target = CaseState.FOLLOW_UP if case.state == CaseState.FOLLOW_UP else CaseState.PLAN
        ensure_transition(case, target)
        last = case.plan_versions.aggregate(n=Max("number"))["n"] or 0
        if based_on is not None and based_on != last:
            raise PlanStale(last)
        _refuse_new_past_deadlines(case, items, last)
        case.plan_versions.update(is_current=False)
        version = PlanVersion.objects.create(
            case=case,
            number=last + 1,
            child_view=child_view,
            guardians_view=guardians_view,
            participants=participants,
            created_by=actor,
        )
        PlanItem.objects.bulk_create(
            PlanItem(
                version=version,
                area=i.area,
                need=i.need,
                action=i.action,
                organisation=i.organisation,
                person=i.person,
                due_on=i.due_on,
            )
            for i in items
        )
        case.state = target
        case.save(update_fields=["state", "updated_at"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Barnets plan sparad som version {version.number}.",
        )
    return version


def _item_key(area_id, need, action, organisation_id, person, due_on) -> tuple:
    return (area_id, need.strip(), action.strip(), organisation_id, person.strip(), due_on)


def _refuse_new_past_deadlines(case: Case, items: list[PlanItemData], last: int) -> None:
    """A deadline in the past is refused unless the action is carried over unchanged from the
    current version (an overdue action stays in the plan until it is done or changed)."""
    today = timezone.localdate()
    past = [i for i in items if i.due_on < today]
    if not past:
        return
    kept = {
        _item_key(*row)
        for row in PlanItem.objects.filter(version__case=case, version__number=last).values_list(
            "area_id", "need", "action", "organisation_id", "person", "due_on"
        )
    }
    for i in past:
        if (
            _item_key(i.area.pk, i.need, i.action, i.organisation.pk, i.person, i.due_on)
            not in kept
        ):
            raise CaseError(errors.PLAN_DEADLINE_PAST)


def current_plan(case: Case) -> PlanVersion | None:
    return (
        case.plan_versions.filter(is_current=True)
        .prefetch_related("items__area", "items__organisation")
        .first()
    )


def default_coordinator(version: PlanVersion | None) -> OrganisationType | None:
    """The organisation with most actions usually coordinates next (ties: first listed)."""
    if version is None:
        return None
    counts = Counter(item.organisation for item in version.items.all())
    if not counts:
        return None
    return max(counts, key=lambda org: (counts[org], -org.order))
