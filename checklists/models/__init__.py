"""Readiness of units (verksamheter) against each mandate area's checklist.

Split by concern so each module stays small; import from ``checklists.models`` only."""

from .items import ChecklistItem
from .units import Membership, Unit, UnitQuerySet

__all__ = ["ChecklistItem", "Membership", "Unit", "UnitQuerySet"]
