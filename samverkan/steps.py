"""What may be done next on a case: the one table of steps.

Each step names the states it is allowed in. The services guard with `require_step`, the step
views check `step_refusal` before showing or accepting a form, and the case page shows exactly
`available_steps(case, user)`. TRANSITIONS (models/case.py) stays the table of state moves; a
step that moves the state is only allowed in states whose move TRANSITIONS permits (a test walks
every state to hold the two tables together)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.models import Case, CaseState
from samverkan.services import errors
from samverkan.services.errors import StepNotAvailable

S = CaseState
OPEN = frozenset(s for s in CaseState if s != S.CLOSED)
# From complete consent until the meeting: choose areas, book, invite, contact beforehand.
PLANNING = frozenset({S.INITIATION, S.INVITED, S.FOLLOW_UP})
# States in which the case page shows the initiation, meeting and plan sections.
PAST_CONSENT = frozenset(CaseState) - {S.ASSESSMENT, S.CONSENT}


def _has_plan(case: Case) -> bool:
    # .all() reads the case page's prefetch when there is one.
    if _prefetched(case, "plan_versions"):
        return bool(case.plan_versions.all())
    return case.plan_versions.exists()


def _guardian_count(case: Case) -> int:
    if _prefetched(case, "guardians"):
        return len(case.guardians.all())
    return case.guardians.count()


def _prefetched(case: Case, relation: str) -> bool:
    return relation in getattr(case, "_prefetched_objects_cache", {})


def _room_for_guardian(case: Case, user) -> str:
    from samverkan.services.cases import room_for_party

    return room_for_party(case, _guardian_count(case))


def _guardian_registered(case: Case, user) -> str:
    # Consent is the parties' own: none can be recorded before a party with custody is named.
    return "" if _guardian_count(case) else errors.CONSENT_NO_GUARDIAN


def _creator_only(case: Case, user) -> str:
    # Imported here: access.py reads this module's table for its own answers.
    from samverkan.access import can_add_members

    return "" if can_add_members(user, case) else errors.MEMBER_ONLY_CREATOR


def _not_yet_protected(case: Case, user) -> str:
    return errors.ALREADY_PROTECTED if case.protected_identity else ""


def _meeting_day_has_come(case: Case, user) -> str:
    """A meeting is held on or after its date; held earlier, it is rebooked first."""
    from django.utils import timezone

    from samverkan.services.meetings import next_meeting

    if _prefetched(case, "meetings"):  # the case page's prefetch: no query of its own
        waiting = sorted((m for m in case.meetings.all() if not m.held), key=lambda m: m.starts_at)
        meeting = waiting[0] if waiting else None
    else:
        meeting = next_meeting(case)
    if meeting is None:
        return errors.INVITE_NO_MEETING
    booked_for = timezone.localdate(meeting.starts_at)
    if booked_for > timezone.localdate():
        return errors.MEETING_NOT_YET.format(date=booked_for.isoformat())
    return ""


def _some_consent_holds(case: Case, user) -> str:
    from samverkan.services.cases import active_consents

    return "" if active_consents(case) else errors.CONSENT_WITHDRAW_NONE_HOLDING


def _plan_saved(case: Case, user) -> str:
    return "" if _has_plan(case) else errors.FOLLOW_UP_NO_PLAN


@dataclass(frozen=True)
class Step:
    name: str
    states: frozenset[str]
    url_name: str
    label: str
    # Where the case page shows the link, and whether as the section's main button.
    section: str
    primary: bool = False
    # The label once the step has been done before (a plan is edited, not written anew).
    label_again: str = ""
    # A further condition besides the state: returns the refusal, or "" when allowed.
    condition: Callable[[Case, object], str] | None = None


STEPS: tuple[Step, ...] = (
    Step(
        "assessment",
        frozenset({S.ASSESSMENT}),
        "samverkan:assessment",
        _("Gör behovsbedömningen"),
        "assessment",
        primary=True,
    ),
    Step(
        "custody",
        frozenset({S.CONSENT}),
        "samverkan:custody",
        _("Ange vem som har vårdnaden"),
        "guardians",
    ),
    Step(
        "guardian_add",
        frozenset({S.CONSENT}),
        "samverkan:guardian_add",
        _("Lägg till vårdnadshavare"),
        "guardians",
        condition=_room_for_guardian,
    ),
    Step(
        "youth",
        frozenset({S.CONSENT}),
        "samverkan:youth",
        _("Ange om barnet själv samtycker"),
        "guardians",
    ),
    Step(
        "consent",
        frozenset({S.CONSENT}),
        "samverkan:consent",
        _("Registrera samtycke"),
        "consent",
        primary=True,
        condition=_guardian_registered,
    ),
    Step(
        "consent_complete",
        frozenset({S.CONSENT}),
        "samverkan:consent_complete",
        _("Samtycket är komplett"),
        "consent",
    ),
    Step(
        "consent_withdraw",
        OPEN - {S.ASSESSMENT},
        "samverkan:consent_withdraw",
        _("Registrera att ett samtycke återkallas"),
        "consent",
        condition=_some_consent_holds,
    ),
    Step(
        "initiation",
        PLANNING,
        "samverkan:initiation",
        _("Välj områden och stäm av"),
        "initiation",
        primary=True,
    ),
    Step(
        "meeting_book",
        PLANNING | {S.PLAN},
        "samverkan:meeting_book",
        _("Boka möte"),
        "meeting",
    ),
    Step(
        "invite",
        PLANNING,
        "samverkan:invite",
        _("Bjud in en verksamhet"),
        "invitations",
        primary=True,
    ),
    Step(
        "contact",
        PLANNING,
        "samverkan:contact",
        _("Anteckna en kontakt"),
        "contacts",
    ),
    Step(
        "meeting_held",
        frozenset({S.INVITED, S.FOLLOW_UP}),
        "samverkan:meeting_held",
        _("Mötesguide: registrera mötet"),
        "meeting_held",
        primary=True,
        condition=_meeting_day_has_come,
    ),
    Step(
        "plan_edit",
        frozenset({S.MEETING_HELD, S.PLAN, S.FOLLOW_UP}),
        "samverkan:plan_edit",
        _("Anteckna Barnets plan"),
        "plan",
        primary=True,
        label_again=_("Ändra Barnets plan (ny version)"),
    ),
    Step(
        "follow_up",
        frozenset({S.PLAN, S.FOLLOW_UP}),
        "samverkan:follow_up",
        _("Bestäm samordnare och nästa möte"),
        "follow_up",
        primary=True,
        condition=_plan_saved,
    ),
    Step(
        "add_member",
        OPEN,
        "samverkan:add_member",
        _("Lägg till kollega"),
        "sharing",
        condition=_creator_only,
    ),
    Step("close", OPEN, "samverkan:close", _("Avsluta ärendet"), "sharing"),
    Step(
        "protect",
        OPEN,
        "samverkan:protect",
        _("Markera skyddade personuppgifter"),
        "sharing",
        condition=_not_yet_protected,
    ),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}


def step_refusal(case: Case, user, name: str) -> str:
    """Why the step cannot be done now, or "" when it can."""
    step = STEPS_BY_NAME[name]
    if case.is_closed:
        return errors.CASE_CLOSED
    if case.state not in step.states:
        # The label as get_state_display() gives it, without its hashing of every choice:
        # the case page asks this for each of the routine's steps.
        return errors.WRONG_STATE.format(state=CaseState(case.state).label)
    return step.condition(case, user) if step.condition else ""


def require_step(case: Case, user, name: str) -> None:
    refusal = step_refusal(case, user, name)
    if refusal:
        raise StepNotAvailable(refusal)


@dataclass(frozen=True)
class OfferedStep:
    step: Step
    url: str
    label: str

    @property
    def primary(self) -> bool:
        return self.step.primary


def available_steps(case: Case, user) -> list[OfferedStep]:
    """The steps the case page offers, in the routine's order."""
    offered = []
    for step in STEPS:
        if step_refusal(case, user, step.name):
            continue
        label = step.label_again if step.label_again and _has_plan(case) else step.label
        offered.append(OfferedStep(step, reverse(step.url_name, kwargs={"pk": case.pk}), label))
    return offered


def steps_by_section(case: Case, user) -> dict[str, list[OfferedStep]]:
    sections: dict[str, list[OfferedStep]] = {}
    for offered in available_steps(case, user):
        sections.setdefault(offered.step.section, []).append(offered)
    return sections


def past_consent(case: Case) -> bool:
    """Whether the case page shows the initiation, meeting and plan sections: past the consent
    step, or back at it after a withdrawal with meetings or a plan to show."""
    if case.state in PAST_CONSENT:
        return True
    if case.state != S.CONSENT:
        return False
    if _prefetched(case, "meetings"):
        return bool(case.meetings.all()) or _has_plan(case)
    return case.meetings.exists() or _has_plan(case)
