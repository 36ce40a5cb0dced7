"""Transitions from a first concern to complete consent, plus closing and sharing a case.
Order in every function: guard, transaction, save(update_fields), audit entry, side effects."""

import datetime
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from organisation.models import Municipality
from samverkan.access import may_open_cases
from samverkan.identity import ChildIdentity, IdentityError, IdEntry, child_identity
from samverkan.models import (
    AgeGroup,
    AssessmentOutcome,
    AuditAction,
    Case,
    CaseState,
    Consent,
    Guardian,
    OrganisationType,
)
from samverkan.steps import require_step

from . import errors
from .audit import audit
from .errors import CaseError, StepNotAvailable

logger = logging.getLogger("samverkan")

IDENTIFYING_FIELDS = [
    "child_name",
    "child_personnummer",
    "child_address",
    "noticed",
    "child_no_number_reason",
]


def ensure_transition(case: Case, target: str) -> None:
    if case.is_closed:
        raise StepNotAvailable(errors.CASE_CLOSED)
    if not case.can_move_to(target):
        raise StepNotAvailable(errors.WRONG_STATE.format(state=case.get_state_display()))


def case_create(
    *,
    actor: AbstractBaseUser,
    child_name: str,
    identity: ChildIdentity | None = None,
    child_personnummer: str = "",
    child_address: str = "",
    protected_identity: bool = False,
    child_is_patient: bool = True,
    age_group: str = AgeGroup.SCHOOL,
    municipality: Municipality | None = None,
    unit_name: str = "",
    unit_phone: str = "",
) -> Case:
    """`identity` from the form; callers with only a number pass `child_personnummer`.
    Either way the number goes through the one identity rule."""
    if identity is None:
        try:
            identity = child_identity(entry=IdEntry.NUMBER, number=child_personnummer)
        except IdentityError as error:
            raise CaseError(str(error)) from None
    with transaction.atomic():
        case = Case.objects.create(
            created_by=actor,
            child_name=child_name,
            child_personnummer=identity.number,
            child_id_kind=identity.kind,
            child_birth_date=identity.birth_date,
            child_no_number_reason=identity.no_number_reason,
            child_address="" if protected_identity else child_address,
            protected_identity=protected_identity,
            child_is_patient=child_is_patient,
            age_group=age_group,
            municipality=municipality,
            unit_name=unit_name.strip(),
            unit_phone=unit_phone.strip(),
        )
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Ärendet skapades.")
    logger.info("Samverkansärende %s skapat", case.short_ref)
    return case


def _close(case: Case, *, reason: str, clear_identity: bool) -> list[str]:
    case.state = CaseState.CLOSED
    case.closed_at = timezone.now()
    case.closed_reason = reason
    fields = ["state", "closed_at", "closed_reason", "updated_at"]
    if clear_identity:
        for name in IDENTIFYING_FIELDS:
            setattr(case, name, "")
        case.child_birth_date = None
        fields += [*IDENTIFYING_FIELDS, "child_birth_date"]
        case.guardians.all().delete()
    return fields


def case_record_needs_assessment(
    *,
    case: Case,
    actor: AbstractBaseUser,
    noticed: str,
    own_care_sufficient: bool | None,
    other_org_alone: bool | None = None,
    referral_mode: str = "",
    referral_organisation: OrganisationType | None = None,
    referral_consent_on: datetime.date | None = None,
    together: bool | None = None,
) -> Case:
    """The routine's four questions in order; the first 'yes' decides the outcome."""
    require_step(case, actor, "assessment")
    if not noticed.strip():
        raise CaseError(errors.ASSESSMENT_NOTICED)
    if own_care_sufficient is None:
        raise CaseError(errors.ASSESSMENT_ORDER.format(question="fråga 2."))
    if own_care_sufficient:
        outcome = AssessmentOutcome.OWN_CARE
    elif other_org_alone is None:
        raise CaseError(errors.ASSESSMENT_ORDER.format(question="fråga 3."))
    elif other_org_alone:
        if referral_organisation is None:
            raise CaseError(errors.REFERRAL_ORGANISATION)
        if referral_mode == "family":
            outcome = AssessmentOutcome.REFER_FAMILY
        elif referral_mode == "oral_consent":
            if referral_consent_on is None:
                raise CaseError(errors.REFERRAL_CONSENT_DATE)
            outcome = AssessmentOutcome.REFER_ORAL_CONSENT
        else:
            raise CaseError(errors.REFERRAL_MODE)
    elif together is None:
        raise CaseError(errors.ASSESSMENT_ORDER.format(question="fråga 4."))
    elif together:
        outcome = AssessmentOutcome.ACTIVATE
    else:
        raise CaseError(errors.ASSESSMENT_NO_OUTCOME)

    target = CaseState.CONSENT if outcome == AssessmentOutcome.ACTIVATE else CaseState.CLOSED
    ensure_transition(case, target)
    with transaction.atomic():
        case.noticed = noticed
        case.own_care_sufficient = own_care_sufficient
        case.other_org_alone = None if own_care_sufficient else other_org_alone
        case.together = together if outcome == AssessmentOutcome.ACTIVATE else None
        case.outcome = outcome
        refer = outcome in (AssessmentOutcome.REFER_FAMILY, AssessmentOutcome.REFER_ORAL_CONSENT)
        case.referral_organisation = referral_organisation if refer else None
        case.referral_consent_on = (
            referral_consent_on if outcome == AssessmentOutcome.REFER_ORAL_CONSENT else None
        )
        fields = [
            "noticed",
            "own_care_sufficient",
            "other_org_alone",
            "together",
            "outcome",
            "referral_organisation",
            "referral_consent_on",
            "updated_at",
        ]
        if target == CaseState.CLOSED:
            fields += _close(case, reason=case.get_outcome_display(), clear_identity=True)
        else:
            case.state = target
            fields.append("state")
        case.save(update_fields=sorted(set(fields)))
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Behovsbedömning: {case.get_outcome_display()}",
        )
    return case


def case_add_guardian(
    *, case: Case, actor: AbstractBaseUser, name: str, is_patient: bool = False
) -> Guardian:
    require_step(case, actor, "guardian_add")
    with transaction.atomic():
        guardian = Guardian.objects.create(case=case, name=name, is_patient=is_patient)
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Vårdnadshavare tillagd.")
    return guardian


def required_parties(case: Case) -> list[tuple[str, Guardian | None]]:
    """Both guardians unless there is only one, and the young person when mature enough."""
    parties: list[tuple[str, Guardian | None]] = [(g.name, g) for g in case.guardians.all()]
    if case.youth_consents:
        parties.append((case.child_name or "barnet", None))
    return parties


def missing_consents(case: Case) -> list[str]:
    given = list(case.consents.all())
    missing = []
    for name, guardian in required_parties(case):
        if guardian is None:
            ok = any(c.by_youth for c in given)
        else:
            ok = any(c.guardian_id == guardian.pk for c in given)
        if not ok:
            missing.append(name)
    return missing


def consented_organisation_ids(case: Case) -> set[int]:
    """Only organisations that every required party consented to may be invited."""
    parties = required_parties(case)
    if not parties or missing_consents(case):
        return set()
    result: set[int] | None = None
    for consent in case.consents.all():
        ids = {o.pk for o in consent.organisations.all()}
        result = ids if result is None else result & ids
    return result or set()


def case_set_youth_consents(*, case: Case, actor: AbstractBaseUser, youth_consents: bool) -> Case:
    require_step(case, actor, "youth")
    with transaction.atomic():
        case.youth_consents = youth_consents
        case.save(update_fields=["youth_consents", "updated_at"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Barnet samtycker själv: {'ja' if youth_consents else 'nej'}.",
        )
    return case


def case_record_consent(
    *,
    case: Case,
    actor: AbstractBaseUser,
    guardian: Guardian | None,
    by_youth: bool,
    method: str,
    given_on: datetime.date,
    organisations: list[OrganisationType],
) -> Consent:
    """Records one party's consent; the case moves on once every required party has one."""
    require_step(case, actor, "consent")
    if not case.guardians.exists():
        raise CaseError(errors.CONSENT_NO_GUARDIAN)
    if by_youth == (guardian is not None):
        raise CaseError(errors.CONSENT_PARTY)
    if guardian is not None and guardian.case_id != case.pk:
        raise CaseError(errors.CONSENT_PARTY)
    if by_youth and not case.youth_consents:
        raise CaseError(errors.CONSENT_NO_YOUTH)
    if not organisations:
        raise CaseError(errors.CONSENT_NO_ORGANISATION)
    if given_on > timezone.localdate():
        raise CaseError(errors.CONSENT_FUTURE_DATE)
    with transaction.atomic():
        case.consents.filter(guardian=guardian, by_youth=by_youth).delete()
        consent = Consent.objects.create(
            case=case,
            guardian=guardian,
            by_youth=by_youth,
            method=method,
            given_on=given_on,
            recorded_by=actor,
        )
        consent.organisations.set(organisations)
        who = "barnet" if by_youth else "vårdnadshavare"
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Samtycke registrerat ({consent.get_method_display().lower()}, {who}).",
        )
    return consent


def case_complete_consent(*, case: Case, actor: AbstractBaseUser) -> Case:
    require_step(case, actor, "consent_complete")
    missing = missing_consents(case)
    if not case.guardians.exists():
        raise CaseError(errors.CONSENT_NO_GUARDIAN)
    if missing:
        raise CaseError(errors.CONSENT_INCOMPLETE.format(missing=", ".join(missing)))
    if not consented_organisation_ids(case):
        raise CaseError(errors.CONSENT_NO_COMMON_ORGANISATION)
    ensure_transition(case, CaseState.INITIATION)
    with transaction.atomic():
        case.state = CaseState.INITIATION
        case.save(update_fields=["state", "updated_at"])
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Samtycke komplett.")
    return case


def case_close(*, case: Case, actor: AbstractBaseUser, reason: str) -> Case:
    require_step(case, actor, "close")
    if not reason.strip():
        raise CaseError(errors.CLOSE_REASON)
    ensure_transition(case, CaseState.CLOSED)
    with transaction.atomic():
        fields = _close(case, reason=reason.strip(), clear_identity=False)
        case.save(update_fields=fields)
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Ärendet avslutades.")
    return case


def case_add_member(*, case: Case, actor: AbstractBaseUser, colleague: AbstractBaseUser) -> Case:
    require_step(case, actor, "add_member")
    if not colleague.is_active or not may_open_cases(colleague):
        raise CaseError(errors.MEMBER_NOT_CLINICIAN)
    with transaction.atomic():
        case.members.add(colleague)
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Kollega tillagd: {colleague.get_username()}.",
        )
    return case


def case_mark_protected(*, case: Case, actor: AbstractBaseUser) -> Case:
    """Protected identity learnt after the case was created: the address goes at once.
    One way only: lifting protection is a matter for the population register, not for us."""
    require_step(case, actor, "protect")
    with transaction.atomic():
        case.protected_identity = True
        case.child_address = ""
        case.save(update_fields=["protected_identity", "child_address", "updated_at"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail="Markerat: skyddade personuppgifter (adressen raderad).",
        )
    return case
