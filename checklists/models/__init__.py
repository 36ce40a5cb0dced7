"""Readiness of units (verksamheter) against each mandate area's checklist.

Split by concern so each module stays small; import from ``checklists.models`` only. Units and
their members are `organisation`'s, the checklist lines are package content (`mandates`)."""

from .assessments import (
    ALLOWED_TRANSITIONS,
    Assessment,
    ItemAssessment,
    ItemStatus,
    StatusChange,
)
from .events import EventAttendance, EventKind, RegionEvent

__all__ = [
    "ALLOWED_TRANSITIONS",
    "Assessment",
    "EventAttendance",
    "EventKind",
    "ItemAssessment",
    "ItemStatus",
    "RegionEvent",
    "StatusChange",
]
