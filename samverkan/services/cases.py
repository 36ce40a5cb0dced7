"""Transitions from a first concern to complete consent, plus closing and sharing a case.
Order in every function: transaction, the case's row lock (`lock_case`), guard,
save(update_fields), audit entry, side effects. The guard comes after the lock, so that two
tabs or a double click read the state the first of them left."""

import datetime
import logging

from django.contrib.auth import get_user_model
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
    ConsentMethod,
    Custody,
    Guardian,
    GuardianRole,
    OrganisationType,
    Supersession,
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


# The case's own columns a guard may read; foreign keys stay out so that the relations the
# caller selected with the case (created_by, municipality) are not thrown away.
_GUARDED_FIELDS = [
    f.attname for f in Case._meta.concrete_fields if not f.is_relation and not f.primary_key
]


def lock_case(case: Case) -> None:
    """Takes the case row for the rest of the transaction and reads it again, so that two tabs
    or a double click cannot both pass a guard that only one of them may pass. Called first in
    every transition's atomic block, before its guard; what was prefetched is dropped, so the
    guard reads the case's parts (guardians, meetings, plan) as they are under the lock."""
    case.refresh_from_db(
        fields=[f for f in _GUARDED_FIELDS if f not in case.get_deferred_fields()],
        from_queryset=Case.objects.select_for_update(),
    )
    case._prefetched_objects_cache = {}


def ensure_transition(case: Case, target: str) -> None:
    if case.is_closed:
        raise StepNotAvailable(errors.CASE_CLOSED)
    if not case.can_move_to(target):
        raise StepNotAvailable(errors.WRONG_STATE.format(state=case.get_state_display()))


class DuplicateOpenCase(CaseError):
    """The actor may already see an open case for the same child; carries those cases."""

    def __init__(self, cases: list[Case]):
        super().__init__(errors.DUPLICATE_OPEN_CASE)
        self.cases = cases


def open_cases_for_child(*, actor: AbstractBaseUser, identity: ChildIdentity) -> list[Case]:
    """Open cases for the same child that the actor may see (their own and those shared with
    them). A case someone else has not shared is never among them: the warning gives no
    hint of it."""
    return list(
        Case.objects.visible_to(actor)
        .open()
        .for_child_number(identity.number)
        .select_related("created_by")
        .order_by("-created_at")
    )


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
    duplicate_confirmed: bool = False,
) -> Case:
    """`identity` from the form; callers with only a number pass `child_personnummer`.
    Either way the number goes through the one identity rule. When the actor may already see
    an open case for the child, DuplicateOpenCase is raised unless they confirmed that a new
    case is needed after the routine's check with Barnens bästa-ansvarig."""
    if identity is None:
        try:
            identity = child_identity(entry=IdEntry.NUMBER, number=child_personnummer)
        except IdentityError as error:
            raise CaseError(str(error)) from None
    with transaction.atomic():
        # The new case has no row to lock yet: the actor's own row is what two tabs (or a
        # double click) creating a case for one child share, so the second one waits and then
        # finds the first case. A new case is nobody else's until it is shared.
        get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
        duplicates = open_cases_for_child(actor=actor, identity=identity)
        if duplicates and not duplicate_confirmed:
            raise DuplicateOpenCase(duplicates)
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
        detail = CREATED_DESPITE_DUPLICATE if duplicates else CREATED
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail=detail)
    logger.info("Samverkansärende %s skapat", case.short_ref)
    return case


CREATED = "Ärendet skapades."
CREATED_DESPITE_DUPLICATE = (
    "Ärendet skapades efter varning om ett öppet ärende för samma barn (avstämning bekräftad)."
)


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
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "assessment")
        outcome = _assessment_outcome(
            noticed=noticed,
            own_care_sufficient=own_care_sufficient,
            other_org_alone=other_org_alone,
            referral_mode=referral_mode,
            referral_organisation=referral_organisation,
            referral_consent_on=referral_consent_on,
            together=together,
        )
        target = CaseState.CONSENT if outcome == AssessmentOutcome.ACTIVATE else CaseState.CLOSED
        ensure_transition(case, target)
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


def _assessment_outcome(
    *,
    noticed: str,
    own_care_sufficient: bool | None,
    other_org_alone: bool | None,
    referral_mode: str,
    referral_organisation: OrganisationType | None,
    referral_consent_on: datetime.date | None,
    together: bool | None,
) -> str:
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
    return outcome


# Per custody: the role of the parties, how many there are at most, and how the ones not yet
# registered are named in "Samtycke saknas från".
CUSTODY_PARTIES = {
    Custody.TWO_GUARDIANS: (
        GuardianRole.GUARDIAN,
        2,
        ["en vårdnadshavare (inte registrerad)", "den andra vårdnadshavaren (inte registrerad)"],
    ),
    Custody.ONE_GUARDIAN: (GuardianRole.GUARDIAN, 1, ["vårdnadshavaren (inte registrerad)"]),
    Custody.APPOINTED: (
        GuardianRole.APPOINTED,
        2,
        ["den särskilt förordnade vårdnadshavaren (inte registrerad)"],
    ),
    Custody.SOCIAL_SERVICES: (
        GuardianRole.SOCIAL_SERVICES,
        1,
        ["socialtjänsten (inte registrerad)"],
    ),
}


def party_role(case: Case) -> str:
    return CUSTODY_PARTIES[Custody(case.custody)][0] if case.custody else GuardianRole.GUARDIAN


def room_for_party(case: Case, count: int) -> str:
    """Why no further party can be registered, or "": the custody says how many there are;
    before it is stated, at most two guardians may be noted."""
    if not case.custody:
        return errors.CONSENT_TOO_MANY_GUARDIANS if count >= 2 else ""
    most = CUSTODY_PARTIES[Custody(case.custody)][1]
    if count >= most:
        return errors.CUSTODY_FULL.format(custody=case.get_custody_display(), count=count)
    return ""


def case_set_custody(*, case: Case, actor: AbstractBaseUser, custody: str) -> Case:
    role, most, _ = CUSTODY_PARTIES[Custody(custody)]
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "custody")
        if case.custody == custody:
            return case  # already so: nothing changes, nothing is recorded (a second tab)
        parties = list(case.guardians.all())
        if len(parties) > most or any(p.role != role for p in parties):
            raise CaseError(errors.CUSTODY_CONFLICT.format(custody=Custody(custody).label))
        case.custody = custody
        case.save(update_fields=["custody", "updated_at"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Vårdnad: {case.get_custody_display()}.",
        )
    return case


def case_add_guardian(
    *, case: Case, actor: AbstractBaseUser, name: str, is_patient: bool = False
) -> Guardian:
    """A party of the kind the custody names; as many as the custody has (the step's
    condition, checked again under the case's row lock)."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "guardian_add")
        role = party_role(case)
        guardian = Guardian.objects.create(case=case, name=name, is_patient=is_patient, role=role)
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Vårdnadshavare tillagd.")
    return guardian


def required_parties(case: Case) -> list[tuple[str, Guardian | None]]:
    """Every party the custody names (registered ones by name, the others described) and the
    young person when age and maturity allow. A described party has no Guardian row yet."""
    parties: list[tuple[str, Guardian | None]] = []
    if case.custody:
        role, most, unregistered = CUSTODY_PARTIES[Custody(case.custody)]
        registered = [g for g in case.guardians.all() if g.role == role]
        parties += [(g.name, g) for g in registered]
        if not registered or case.custody == Custody.TWO_GUARDIANS:
            parties += [(name, None) for name in unregistered[len(registered) : most]]
    if case.youth_consents:
        parties.append((case.child_name or "barnet", None))
    return parties


def active_consents(case: Case) -> list[Consent]:
    """The consents that hold now, the one seam every page, document and guard reads: each
    party's current record (a corrected one is not), less what the party has withdrawn since.
    A consent withdrawn wholly, or for all its organisations, is not among them. Each carries
    `current_organisations`, what it still covers."""
    consents = case.consents.all()
    if "consents" not in getattr(case, "_prefetched_objects_cache", {}):
        consents = consents.prefetch_related("organisations", "withdrawals__organisations")
    result = []
    for consent in consents:
        if consent.superseded_at is not None:
            continue
        withdrawals = list(consent.withdrawals.all())
        if any(w.wholly for w in withdrawals):
            continue
        gone = {o.pk for w in withdrawals for o in w.organisations.all()}
        current = [o for o in consent.organisations.all() if o.pk not in gone]
        if current:
            consent.current_organisations = current
            result.append(consent)
    return result


def consent_of_party(consents: list[Consent], guardian: Guardian | None, by_youth: bool):
    """The party's consent among `consents`: a guardian's by its row, the young person's by
    the flag."""
    for consent in consents:
        if by_youth and consent.by_youth:
            return consent
        if guardian is not None and consent.guardian_id == guardian.pk:
            return consent
    return None


def missing_consents(case: Case) -> list[str]:
    given = active_consents(case)
    missing = []
    youth_name = (case.child_name or "barnet") if case.youth_consents else None
    for name, guardian in required_parties(case):
        if guardian is not None:
            ok = consent_of_party(given, guardian, False) is not None
        elif name == youth_name:
            ok = consent_of_party(given, None, True) is not None
        else:
            ok = False  # a party not yet registered has not consented
        if not ok:
            missing.append(name)
    return missing


def consented_organisation_ids(case: Case) -> set[int]:
    """Only organisations that every required party consented to may be invited."""
    if not case.custody or missing_consents(case):
        return set()
    required = {g.pk for _, g in required_parties(case) if g is not None}
    result: set[int] | None = None
    for consent in active_consents(case):
        if not consent.by_youth and consent.guardian_id not in required:
            continue
        ids = {o.pk for o in consent.current_organisations}
        result = ids if result is None else result & ids
    return result or set()


def consent_gap(case: Case) -> str:
    """Why consent is not complete, or "" when it is: custody stated, every required party's
    consent holding, and at least one organisation that all of them consented to."""
    if not case.custody:
        return errors.CUSTODY_MISSING
    missing = missing_consents(case)
    if missing:
        return errors.CONSENT_INCOMPLETE.format(missing=", ".join(missing))
    if not consented_organisation_ids(case):
        return errors.CONSENT_NO_COMMON_ORGANISATION
    return ""


def consent_sentence(case: Case, organisation: OrganisationType | None = None) -> str:
    """Whom the letter says consented, from the consents that hold only: 'vårdnadshavarna A och
    B', 'vårdnadshavaren A', 'socialtjänsten (A)', each followed by the young person only when
    the young person consented. With `organisation`: only the parties whose consent covers it."""
    consents = active_consents(case)
    if organisation is not None:
        consents = [
            c for c in consents if any(o.pk == organisation.pk for o in c.current_organisations)
        ]
    by_guardian = {c.guardian_id for c in consents if not c.by_youth}
    givers = [g for g in case.guardians.all() if g.pk in by_guardian]
    parts = []
    names = " och ".join(g.name for g in givers)
    if givers and givers[0].role == GuardianRole.SOCIAL_SERVICES:
        parts.append(f"socialtjänsten ({names})")
    elif givers and givers[0].role == GuardianRole.APPOINTED:
        noun = (
            "den särskilt förordnade vårdnadshavaren"
            if len(givers) == 1
            else ("de särskilt förordnade vårdnadshavarna")
        )
        parts.append(f"{noun} {names}")
    elif givers:
        parts.append(f"{'vårdnadshavaren' if len(givers) == 1 else 'vårdnadshavarna'} {names}")
    if case.youth_consents and any(c.by_youth for c in consents):
        parts.append(case.child_name or "barnet")
    return " och ".join(parts)


def case_set_youth_consents(*, case: Case, actor: AbstractBaseUser, youth_consents: bool) -> Case:
    """Setting the answer it already has changes nothing and records nothing (a second tab)."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "youth")
        if case.youth_consents == youth_consents:
            return case
        case.youth_consents = youth_consents
        case.save(update_fields=["youth_consents", "updated_at"])
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Barnet samtycker själv: {'ja' if youth_consents else 'nej'}.",
        )
    return case


# The form in one word, for the audit log.
METHOD_WORD = {ConsentMethod.WRITTEN: "skriftligt", ConsentMethod.ORAL: "muntligt"}


def case_record_consent(
    *,
    case: Case,
    actor: AbstractBaseUser,
    guardian: Guardian | None,
    by_youth: bool,
    method: str,
    given_on: datetime.date,
    organisations: list[OrganisationType],
    correction_reason: str = "",
) -> Consent:
    """Records one party's consent; the case moves on once every required party has one.
    A party's earlier record stays, replaced: corrected when it still held (recorded by
    mistake), renewed when the party had withdrawn it."""
    require_step(case, actor, "consent")  # also: a party with custody is registered
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
        # Two tabs posting one party's consent leave one current record, not two.
        lock_case(case)
        require_step(case, actor, "consent")
        earlier = (
            case.consents.filter(superseded_at=None, guardian=guardian, by_youth=by_youth)
            .select_for_update()
            .first()
        )
        corrected = earlier is not None and consent_of_party(
            active_consents(case), guardian, by_youth
        )
        if earlier is not None:
            earlier.superseded_at = timezone.now()
            earlier.superseded_by = actor
            earlier.supersession = Supersession.CORRECTED if corrected else Supersession.RENEWED
            earlier.correction_reason = correction_reason.strip() if corrected else ""
            earlier.save(
                update_fields=[
                    "superseded_at",
                    "superseded_by",
                    "supersession",
                    "correction_reason",
                ]
            )
        consent = Consent.objects.create(
            case=case,
            guardian=guardian,
            by_youth=by_youth,
            method=method,
            given_on=given_on,
            recorded_by=actor,
        )
        consent.organisations.set(organisations)
        if earlier is not None:
            earlier.replaced_by = consent
            earlier.save(update_fields=["replaced_by"])
        who = "barnet" if by_youth else "vårdnadshavare"
        what = "rättat" if corrected else "registrerat"
        audit(
            who=actor,
            case=case,
            action=AuditAction.CHANGED,
            detail=f"Samtycke {what} ({METHOD_WORD[ConsentMethod(method)]}, {who}).",
        )
    return consent


def case_complete_consent(*, case: Case, actor: AbstractBaseUser) -> Case:
    """Complete only when every party the custody names, and the young person where age and
    maturity allow, has consented; the error names who is missing. Under the case's row lock,
    so that parallel posts apply it once."""
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "consent_complete")
        return _complete_consent(case, actor)


def _complete_consent(case: Case, actor: AbstractBaseUser) -> Case:
    if case.custody and not case.guardians.exists() and not missing_consents(case):
        raise CaseError(errors.CONSENT_NO_GUARDIAN)
    gap = consent_gap(case)
    if gap:
        raise CaseError(gap)
    ensure_transition(case, CaseState.INITIATION)
    with transaction.atomic():
        case.state = CaseState.INITIATION
        case.save(update_fields=["state", "updated_at"])
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Samtycke komplett.")
    return case


def case_close(*, case: Case, actor: AbstractBaseUser, reason: str) -> Case:
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "close")
        if not reason.strip():
            raise CaseError(errors.CLOSE_REASON)
        ensure_transition(case, CaseState.CLOSED)
        fields = _close(case, reason=reason.strip(), clear_identity=False)
        case.save(update_fields=fields)
        audit(who=actor, case=case, action=AuditAction.CHANGED, detail="Ärendet avslutades.")
    return case


def case_add_member(*, case: Case, actor: AbstractBaseUser, colleague: AbstractBaseUser) -> Case:
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "add_member")
        if not colleague.is_active or not may_open_cases(colleague):
            raise CaseError(errors.MEMBER_NOT_CLINICIAN)
        if colleague.pk == case.created_by_id or case.members.filter(pk=colleague.pk).exists():
            raise CaseError(errors.MEMBER_ALREADY)
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
    with transaction.atomic():
        lock_case(case)
        require_step(case, actor, "protect")
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
