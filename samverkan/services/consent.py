"""Withdrawing consent, and what follows from it. Consent can be withdrawn at any time, wholly or
for some organisations, by any party who gave it. What the consents still cover is read, as
everywhere, from `active_consents` (services/cases.py); this module only records withdrawals
and draws their consequences: invitations no longer covered are withdrawn, whom to inform is
kept on the case until the clinician has done it, and a case whose consent is no longer complete
goes back to the consent step."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from samverkan.models import (
    AuditAction,
    Case,
    CaseState,
    ConsentMethod,
    ConsentWithdrawal,
    ContactBeforeMeeting,
    Guardian,
    Invitation,
    OrganisationType,
)
from samverkan.steps import require_step

from . import errors
from .audit import audit
from .cases import (
    METHOD_WORD,
    active_consents,
    consent_gap,
    consent_of_party,
    consented_organisation_ids,
    ensure_transition,
    lock_case,
)
from .errors import CaseError

INVITATION_REASON = "Samtycket återkallades {date}."


@dataclass(frozen=True)
class WithdrawalOutcome:
    withdrawal: ConsentWithdrawal
    organisations: list[OrganisationType]  # what the withdrawal covers
    withdrawn_invitations: list[Invitation]
    # The consent's gap afterwards ("" while consent is still complete).
    gap: str
    back_to_consent: bool


def inform_message(withdrawal: ConsentWithdrawal) -> str:
    """The one sentence that tells the clinician whom to inform, after the post and on the case
    page until it is marked done."""
    if not withdrawal.to_inform:
        return errors.CONSENT_WITHDRAWN_NOBODY_TO_INFORM
    return errors.CONSENT_WITHDRAWN_INFORM.format(whom=withdrawal.to_inform)


def _to_inform(invitations: list[Invitation], contacts: list[ContactBeforeMeeting]) -> str:
    """The invited people by organisation, then organisations contacted before the meeting that
    were not invited; each once."""
    seen: dict[str, None] = {}
    for invitation in invitations:
        seen[f"{invitation.organisation.name} ({invitation.recipient})"] = None
    invited = {i.organisation_id for i in invitations}
    for contact in contacts:
        if contact.organisation_id not in invited:
            seen[f"{contact.organisation.name} (kontaktad före mötet)"] = None
    return ", ".join(seen)


def case_withdraw_consent(
    *,
    case: Case,
    actor: AbstractBaseUser,
    guardian: Guardian | None,
    by_youth: bool,
    wholly: bool,
    organisations: list[OrganisationType],
    withdrawn_on: datetime.date,
    method: str,
) -> WithdrawalOutcome:
    require_step(case, actor, "consent_withdraw")
    if by_youth == (guardian is not None):
        raise CaseError(errors.CONSENT_PARTY)
    if guardian is not None and guardian.case_id != case.pk:
        raise CaseError(errors.CONSENT_PARTY)
    if not wholly and not organisations:
        raise CaseError(errors.CONSENT_WITHDRAW_NOTHING)
    if withdrawn_on > timezone.localdate():
        raise CaseError(errors.CONSENT_WITHDRAW_FUTURE_DATE)
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "consent_withdraw")
        consent = consent_of_party(active_consents(case), guardian, by_youth)
        if consent is None:
            raise CaseError(errors.CONSENT_WITHDRAW_NO_CONSENT)
        if withdrawn_on < consent.given_on:
            raise CaseError(
                errors.CONSENT_WITHDRAW_BEFORE_GIVEN.format(date=consent.given_on.isoformat())
            )
        current = {o.pk: o for o in consent.current_organisations}
        if not wholly:
            stray = [o for o in organisations if o.pk not in current]
            if stray:
                raise CaseError(
                    errors.CONSENT_WITHDRAW_NOT_GIVEN.format(organisation=stray[0].name)
                )
            wholly = {o.pk for o in organisations} == set(current)
        covered_before = consented_organisation_ids(case)
        withdrawal = ConsentWithdrawal.objects.create(
            case=case,
            consent=consent,
            wholly=wholly,
            withdrawn_on=withdrawn_on,
            method=method,
            recorded_by=actor,
        )
        withdrawn = list(current.values()) if wholly else organisations
        withdrawal.organisations.set(withdrawn)

        covered = consented_organisation_ids(case)  # read again: the withdrawal now counts
        invitations = list(
            case.invitations.filter(withdrawn_at=None)
            .exclude(organisation_id__in=covered)
            .select_related("organisation")
        )
        Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
            withdrawn_at=timezone.now(),
            withdrawn_reason=INVITATION_REASON.format(date=withdrawn_on.isoformat()),
        )
        lost = covered_before - covered
        contacts = list(
            case.contacts.filter(organisation_id__in=lost).select_related("organisation")
        )
        withdrawal.to_inform = _to_inform(invitations, contacts)
        withdrawal.save(update_fields=["to_inform"])

        gap = consent_gap(case)
        back = bool(gap) and case.state != CaseState.CONSENT
        if back:
            # No new invitation without complete consent: the case waits at the consent step.
            ensure_transition(case, CaseState.CONSENT)
            case.state = CaseState.CONSENT
            case.save(update_fields=["state", "updated_at"])
        what = "helt" if wholly else "för " + ", ".join(o.name for o in withdrawn)
        detail = (
            f"Samtycke återkallat ({METHOD_WORD[ConsentMethod(method)]}, "
            f"{'barnet' if by_youth else 'vårdnadshavare'}) {what}. "
            f"Inbjudningar tillbakadragna: {len(invitations)}."
        )
        if gap:
            detail += " Samtycket är inte längre komplett."
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=detail,
        )
    return WithdrawalOutcome(withdrawal, withdrawn, invitations, gap, back)


def informed_refusal(case: Case) -> str:
    """Not a step of the table: the reminder may be handled whenever the case is open."""
    return errors.CASE_CLOSED if case.is_closed else ""


def case_mark_informed(
    *, case: Case, actor: AbstractBaseUser, withdrawal: ConsentWithdrawal
) -> ConsentWithdrawal:
    """The clinician has told everyone the withdrawal concerned; the reminder goes away."""
    with transaction.atomic():
        lock_case(case)
        refusal = informed_refusal(case)
        if refusal:
            raise CaseError(refusal)
        withdrawal = ConsentWithdrawal.objects.select_for_update().get(pk=withdrawal.pk, case=case)
        if withdrawal.informed_at is not None:
            raise CaseError(errors.CONSENT_WITHDRAWAL_ALREADY_INFORMED)
        withdrawal.informed_at = timezone.now()
        withdrawal.informed_by = actor
        withdrawal.save(update_fields=["informed_at", "informed_by"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail="Återkallat samtycke: de berörda är meddelade.",
        )
    return withdrawal


def consent_history(case: Case) -> list:
    """Every consent record of the case, each with `status` ("holds", "withdrawn" or
    "superseded") and, while it holds, `current_organisations` from active_consents."""
    holding = {c.pk: c for c in active_consents(case)}
    rows = list(case.consents.all())
    for consent in rows:
        if consent.pk in holding:
            consent.status = "holds"
            consent.current_organisations = holding[consent.pk].current_organisations
        else:
            consent.status = "superseded" if consent.superseded_at else "withdrawn"
    return rows


def party_name(case: Case, guardian: Guardian | None) -> str:
    """The party as pages name it: the guardian, or the young person (by name when known)."""
    return guardian.name if guardian is not None else (case.child_name or "barnet")


def _giver(case: Case, consent) -> str:
    return party_name(case, None if consent.by_youth else consent.guardian)


def withdrawals_of(case: Case) -> list[ConsentWithdrawal]:
    """The case's withdrawals in date order, each with `giver`, the name of the party who
    withdrew. Read through the consents (the case page's prefetch: no query of its own)."""
    if "consents" not in getattr(case, "_prefetched_objects_cache", {}):
        rows = list(
            case.consent_withdrawals.select_related("consent__guardian").prefetch_related(
                "organisations"
            )
        )  # one query, and one more for their organisations when there are any
        for w in rows:
            w.giver = _giver(case, w.consent)
        return rows
    rows = []
    for consent in case.consents.all():
        for w in consent.withdrawals.all():
            w.giver = _giver(case, consent)
            rows.append(w)
    return sorted(rows, key=lambda w: (w.withdrawn_on, w.pk))


def pending_to_inform(case: Case) -> list[ConsentWithdrawal]:
    """Withdrawals whose people the clinician has yet to inform."""
    return [w for w in withdrawals_of(case) if w.to_inform and w.informed_at is None]
