"""Readiness of units (verksamheter) against each mandate area's checklist.

Split by concern so each module stays small; import from ``checklists.models`` only."""

from .assessments import (
    ALLOWED_TRANSITIONS,
    Assessment,
    ItemAssessment,
    ItemStatus,
    StatusChange,
)
from .events import EventAttendance, EventKind, RegionEvent
from .items import ChecklistItem
from .units import (
    REGION_PERMISSION,
    Membership,
    MembershipRole,
    Municipality,
    Unit,
    UnitKind,
    UnitQuerySet,
    strateg_group,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "REGION_PERMISSION",
    "Assessment",
    "ChecklistItem",
    "EventAttendance",
    "EventKind",
    "ItemAssessment",
    "ItemStatus",
    "Membership",
    "MembershipRole",
    "Municipality",
    "RegionEvent",
    "StatusChange",
    "Unit",
    "UnitKind",
    "UnitQuerySet",
    "strateg_group",
]
