"""Initiation, invitations, the meeting itself and the follow-up."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from organisation.models import Municipality
from samverkan.models import (
    AuditAction,
    Case,
    CaseState,
    ContactBeforeMeeting,
    Invitation,
    Meeting,
    MeetingMode,
    OrganisationType,
    WheelArea,
)
from samverkan.steps import require_step

from . import errors
from .audit import audit
from .cases import consented_organisation_ids, ensure_transition, lock_case
from .errors import CaseError


def case_record_initiation(
    *,
    case: Case,
    actor: AbstractBaseUser,
    age_group: str,
    municipality: Municipality | None,
    areas: list[WheelArea],
    initiation_note: str = "",
) -> Case:
    """Saving what is already saved changes nothing and records nothing (a second tab)."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "initiation")
        if not areas:
            raise CaseError(errors.INVITE_NO_AREAS)
        unchanged = (
            case.age_group == age_group
            and case.municipality_id == (municipality.pk if municipality else None)
            and case.initiation_note == initiation_note
            and set(case.areas.values_list("pk", flat=True)) == {a.pk for a in areas}
        )
        if unchanged:
            return case
        case.age_group = age_group
        case.municipality = municipality
        case.initiation_note = initiation_note
        case.save(update_fields=["age_group", "municipality", "initiation_note", "updated_at"])
        case.areas.set(areas)
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Initiering: {len(areas)} områden valda.",
        )
    return case


def case_book_meeting(
    *,
    case: Case,
    actor: AbstractBaseUser,
    form: str,
    starts_at: datetime.datetime,
    room: str = "",
    link: str = "",
    is_follow_up: bool = False,
) -> Meeting:
    """A case has one meeting at a given time: a second booking of the same time (a double
    click, a second tab) is refused under the case's row lock."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "meeting_book")
        if form == MeetingMode.PHYSICAL and not room.strip():
            raise CaseError(errors.MEETING_ROOM)
        if form == MeetingMode.DIGITAL and not link.strip():
            raise CaseError(errors.MEETING_LINK)
        if starts_at < timezone.now():
            raise CaseError(errors.MEETING_IN_PAST)
        if case.meetings.filter(starts_at=starts_at, held=False).exists():
            raise CaseError(
                errors.MEETING_DUPLICATE.format(
                    when=timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")
                )
            )
        meeting = Meeting.objects.create(
            case=case,
            form=form,
            room=room.strip() if form == MeetingMode.PHYSICAL else "",
            link=link.strip() if form == MeetingMode.DIGITAL else "",
            starts_at=starts_at,
            is_follow_up=is_follow_up,
        )
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Möte bokat.")
    return meeting


def next_meeting(case: Case) -> Meeting | None:
    return case.meetings.filter(held=False).order_by("starts_at").first()


def case_invite(
    *,
    case: Case,
    actor: AbstractBaseUser,
    organisation: OrganisationType,
    recipient: str,
    recipient_address: str = "",
) -> Invitation:
    """Nobody is invited without consent for that very organisation."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "invite")
        if organisation.pk not in consented_organisation_ids(case):
            raise CaseError(errors.INVITE_WITHOUT_CONSENT.format(organisation=organisation.name))
        if not case.areas.exists():
            raise CaseError(errors.INVITE_NO_AREAS)
        meeting = next_meeting(case)
        if meeting is None:
            raise CaseError(errors.INVITE_NO_MEETING)
        ensure_transition(case, CaseState.INVITED)
        if meeting.invitations.filter(organisation=organisation, withdrawn_at=None).exists():
            raise CaseError(errors.INVITE_DUPLICATE.format(organisation=organisation.name))
        invitation = Invitation.objects.create(
            case=case,
            meeting=meeting,
            organisation=organisation,
            recipient=recipient,
            recipient_address=recipient_address,
            channel=organisation.channel,
            created_by=actor,
        )
        case.state = CaseState.INVITED
        case.save(update_fields=["state", "updated_at"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Inbjudan till {organisation.name} ({invitation.get_channel_display()}).",
        )
    return invitation


def case_record_contact(
    *,
    case: Case,
    actor: AbstractBaseUser,
    organisation: OrganisationType,
    purpose: str,
    shared_was_proportionate: bool,
    no_support_agreed: bool,
) -> ContactBeforeMeeting:
    """The same contact (organisation and purpose) is noted once a day: a double click or a
    second tab does not note it twice."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "contact")
        if organisation.pk not in consented_organisation_ids(case):
            raise CaseError(errors.CONTACT_WITHOUT_CONSENT.format(organisation=organisation.name))
        if not (shared_was_proportionate and no_support_agreed):
            raise CaseError(errors.CONTACT_RULE)
        if _same_contact_today(case, organisation, purpose):
            raise CaseError(errors.CONTACT_DUPLICATE.format(organisation=organisation.name))
        contact = ContactBeforeMeeting.objects.create(
            case=case,
            organisation=organisation,
            purpose=purpose,
            shared_was_proportionate=True,
            no_support_agreed=True,
            recorded_by=actor,
        )
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Kontakt före mötet med {organisation.name}.",
        )
    return contact


def _same_contact_today(case: Case, organisation: OrganisationType, purpose: str) -> bool:
    today = timezone.localdate()
    return any(
        timezone.localdate(c.recorded_at) == today and c.purpose.strip() == purpose.strip()
        for c in case.contacts.filter(organisation=organisation)
    )


def case_record_meeting(*, case: Case, actor: AbstractBaseUser, guide_confirmed: bool) -> Case:
    """The meeting is held once the clinician confirms each step of the meeting guide."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "meeting_held")
        if not guide_confirmed:
            raise CaseError(errors.MEETING_GUIDE)
        ensure_transition(case, CaseState.MEETING_HELD)
        meeting = next_meeting(case)  # require_step refused a case without one or before its day
        meeting.held = True
        meeting.save(update_fields=["held"])
        case.state = CaseState.MEETING_HELD
        case.save(update_fields=["state", "updated_at"])
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Samverkansmöte hållet.")
    return case


def case_record_follow_up(
    *,
    case: Case,
    actor: AbstractBaseUser,
    coordinator: OrganisationType,
    next_meeting_at: datetime.datetime,
    form: str,
    room: str = "",
    link: str = "",
    parties_next_time: str = "",
) -> Meeting:
    """The next meeting is booked in the same transaction: a second post for the same time is
    refused by the booking's rule and leaves nothing behind."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "follow_up")
        ensure_transition(case, CaseState.FOLLOW_UP)
        case.next_coordinator = coordinator
        case.parties_next_time = parties_next_time
        case.state = CaseState.FOLLOW_UP
        case.save(update_fields=["next_coordinator", "parties_next_time", "state", "updated_at"])
        meeting = case_book_meeting(
            case=case,
            actor=actor,
            form=form,
            starts_at=next_meeting_at,
            room=room,
            link=link,
            is_follow_up=True,
        )
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Fortsatt samordning: {coordinator.name}.",
        )
    return meeting


def case_withdraw_invitation(
    *, case: Case, actor: AbstractBaseUser, invitation: Invitation, reason: str
) -> Invitation:
    """The invitation stays on record, marked withdrawn; the organisation may be invited again."""
    with transaction.atomic():
        lock_case(case)
        if case.is_closed:
            raise CaseError(errors.CASE_CLOSED)
        if not reason.strip():
            raise CaseError(errors.INVITATION_WITHDRAW_REASON)
        invitation = Invitation.objects.select_related("organisation").get(
            pk=invitation.pk, case=case
        )
        if invitation.is_withdrawn:
            raise CaseError(errors.INVITATION_ALREADY_WITHDRAWN)
        invitation.withdrawn_at = timezone.now()
        invitation.withdrawn_reason = reason.strip()
        invitation.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Inbjudan till {invitation.organisation.name} tillbakadragen.",
        )
    return invitation
