"""Barnets plan: every save is a new version, the previous ones stay readable."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max

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
from .cases import ensure_transition
from .errors import CaseError


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
) -> PlanVersion:
    require_step(case, actor, "plan_edit")
    if not items:
        raise CaseError(errors.PLAN_NO_ITEMS)
    chosen = set(case.areas.values_list("pk", flat=True))
    if any(item.area.pk not in chosen for item in items):
        raise CaseError(errors.PLAN_AREA_NOT_CHOSEN)
    target = CaseState.FOLLOW_UP if case.state == CaseState.FOLLOW_UP else CaseState.PLAN
    ensure_transition(case, target)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        last = case.plan_versions.aggregate(n=Max("number"))["n"] or 0
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
