"""Every change to a unit's readiness goes through one of these functions.

Each function guards first (raising ReadinessError with a message constant), then changes the
database inside one transaction and writes its history row, so a refused change saves nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from mandates.models import ChecklistItem
from organisation.models import Membership, MembershipRole, Unit

from .errors import (
    DAYS_OUT_OF_RANGE,
    EVENT_IN_FUTURE,
    INVALID_STATUS,
    ITEM_NOT_IN_CHECKLIST,
    NO_PREVIOUS_YEAR,
    NOT_A_MEMBER,
    NOT_ALLOWED_DAYS,
    NOT_FAMILJEOMBUD,
    REASON_REQUIRED,
    TEXT_TOO_LONG,
    TRANSITION_NOT_ALLOWED,
    YEAR_EXISTS,
    YEAR_OUT_OF_RANGE,
    ReadinessError,
)
from .models import (
    ALLOWED_TRANSITIONS,
    Assessment,
    EventAttendance,
    ItemAssessment,
    ItemStatus,
    RegionEvent,
    StatusChange,
)
from .selectors import awaiting_confirmation

FIRST_YEAR = 2020
MAX_TEXT = 2000


def can_edit_unit(user: AbstractBaseUser, unit: Unit) -> bool:
    return Unit.objects.editable_by(user).filter(pk=unit.pk).exists()


def last_allowed_year() -> int:
    return timezone.localdate().year + 1


def assessment_start_year(
    *, unit: Unit, year: int, by: AbstractBaseUser, copy_previous: bool
) -> Assessment:
    """A unit starts a year empty or from its latest earlier year's statuses (its own choice)."""
    if not can_edit_unit(by, unit):
        raise ReadinessError(NOT_A_MEMBER)
    if not FIRST_YEAR <= year <= last_allowed_year():
        raise ReadinessError(YEAR_OUT_OF_RANGE.format(first=FIRST_YEAR, last=last_allowed_year()))
    if Assessment.objects.filter(unit=unit, year=year).exists():
        raise ReadinessError(YEAR_EXISTS.format(year=year))
    previous = None
    if copy_previous:
        previous = unit.assessments.filter(year__lt=year).order_by("-year").first()
        if previous is None:
            raise ReadinessError(NO_PREVIOUS_YEAR)

    now = timezone.now()
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                unit=unit, year=year, created_by=by, copied_from=previous
            )
            old = {e.item_id: e for e in previous.entries.all()} if previous else {}
            items = list(ChecklistItem.objects.published().only("pk"))
            entries = []
            for item in items:
                source = old.get(item.pk)
                entries.append(
                    ItemAssessment(
                        assessment=assessment,
                        item=item,
                        status=source.status if source else ItemStatus.NOT_STARTED,
                        reason=source.reason if source else "",
                        comment=source.comment if source else "",
                        changed_by=by if source else None,
                        changed_at=now if source else None,
                    )
                )
            ItemAssessment.objects.bulk_create(entries)
            if previous:
                created = assessment.entries.exclude(status=ItemStatus.NOT_STARTED, comment="")
                StatusChange.objects.bulk_create(
                    StatusChange(
                        entry=entry,
                        from_status=ItemStatus.NOT_STARTED,
                        to_status=entry.status,
                        reason=entry.reason,
                        comment=entry.comment,
                        copied=True,
                        changed_by=by,
                        changed_at=now,
                    )
                    for entry in created
                )
    except IntegrityError as exc:
        # Two members pressed "start" at the same moment; the first one won.
        raise ReadinessError(YEAR_EXISTS.format(year=year)) from exc
    return assessment


def assessment_set_status(
    *,
    assessment: Assessment,
    item: ChecklistItem,
    status: str,
    by: AbstractBaseUser,
    reason: str = "",
    comment: str = "",
) -> ItemAssessment:
    """Saves one item's status; the row lock makes simultaneous saves queue up, so each change
    records the status it really replaced and none is lost from the history."""
    if not can_edit_unit(by, assessment.unit):
        raise ReadinessError(NOT_A_MEMBER)
    if status not in ItemStatus.values:
        raise ReadinessError(INVALID_STATUS)
    reason, comment = (reason or "").strip(), (comment or "").strip()
    if status == ItemStatus.NOT_APPLICABLE and not reason:
        raise ReadinessError(REASON_REQUIRED)
    if status != ItemStatus.NOT_APPLICABLE:
        reason = ""
    if len(reason) > MAX_TEXT or len(comment) > MAX_TEXT:
        raise ReadinessError(TEXT_TOO_LONG.format(max=MAX_TEXT))
    if not item.published:
        raise ReadinessError(ITEM_NOT_IN_CHECKLIST)

    with transaction.atomic():
        entry = (
            ItemAssessment.objects.select_for_update()
            .filter(assessment=assessment, item=item)
            .first()
        )
        if entry is None:
            # The item was published after the year started.
            ItemAssessment.objects.get_or_create(assessment=assessment, item=item)
            entry = ItemAssessment.objects.select_for_update().get(assessment=assessment, item=item)
        message = TRANSITION_NOT_ALLOWED.format(
            from_status=ItemStatus(entry.status).label, to_status=ItemStatus(status).label
        )
        ALLOWED_TRANSITIONS.check(entry.status, status, ReadinessError(message))
        unchanged = (entry.status, entry.reason, entry.comment) == (status, reason, comment)
        if unchanged and not awaiting_confirmation(entry):
            return entry
        # Saving a carried-over answer unchanged confirms it: a history line of its own.
        from_status = entry.status
        entry.status, entry.reason, entry.comment = status, reason, comment
        entry.changed_by, entry.changed_at = by, timezone.now()
        entry.save(update_fields=["status", "reason", "comment", "changed_by", "changed_at"])
        StatusChange.objects.create(
            entry=entry,
            from_status=from_status,
            to_status=status,
            reason=reason,
            comment=comment,
            changed_by=by,
            changed_at=entry.changed_at,
        )
    return entry


def membership_set_days_per_month(
    *, membership: Membership, days: int | None, by: AbstractBaseUser
) -> Membership:
    """The time set aside is agreed between the familjeombud and their manager."""
    allowed = (
        by.is_superuser
        or membership.user_id == by.pk
        or Membership.objects.filter(
            unit_id=membership.unit_id, user=by, role=MembershipRole.CHEF
        ).exists()
    )
    if not allowed:
        raise ReadinessError(NOT_ALLOWED_DAYS)
    if days is not None and not 0 <= days <= 23:
        raise ReadinessError(DAYS_OUT_OF_RANGE)
    with transaction.atomic():
        membership.days_per_month = days
        membership.save(update_fields=["days_per_month"])
    return membership


def _is_familjeombud(user: AbstractBaseUser) -> bool:
    return Membership.objects.filter(user=user, role=MembershipRole.FAMILJEOMBUD).exists()


def event_register_attendance(
    *, event: RegionEvent, user: AbstractBaseUser, today: datetime.date | None = None
) -> EventAttendance:
    """Attendance is self-reported and counted towards the familjeombud prerequisites."""
    if not _is_familjeombud(user):
        raise ReadinessError(NOT_FAMILJEOMBUD)
    if event.date > (today or timezone.localdate()):
        raise ReadinessError(EVENT_IN_FUTURE)
    with transaction.atomic():
        attendance, _created = EventAttendance.objects.get_or_create(event=event, user=user)
    return attendance


def event_unregister_attendance(*, event: RegionEvent, user: AbstractBaseUser) -> None:
    if not _is_familjeombud(user):
        raise ReadinessError(NOT_FAMILJEOMBUD)
    with transaction.atomic():
        EventAttendance.objects.filter(event=event, user=user).delete()
