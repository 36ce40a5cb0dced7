"""Parallel requests on PostgreSQL (row locks are what is tested; SQLite serialises every write
and proves nothing, so these run on PostgreSQL only)."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from samverkan.models import PlanVersion
from samverkan.services import errors
from samverkan.services.errors import CaseError
from samverkan.services.plan import PlanItemData, case_save_plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def in_parallel(count, work):
    """Runs work(i) in `count` threads released at once; returns what each returned or raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # the refusal is the result
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_parallel_plan_saves_keep_one_and_refuse_the_other(planned_case, clinician, org):
    area = planned_case.areas.first()
    due = timezone.localdate() + datetime.timedelta(days=10)

    def save(i):
        return case_save_plan(
            case=planned_case,
            actor=clinician,
            items=[PlanItemData(area, "n", f"Insats {i}", org("Skola"), "p", due)],
            child_view="",
            guardians_view="",
            participants="x",
            based_on=1,
        )

    results = in_parallel(2, save)
    saved = [r for r in results if isinstance(r, PlanVersion)]
    refused = [r for r in results if isinstance(r, CaseError)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert str(refused[0]) == errors.PLAN_STALE.format(number=2)
    assert PlanVersion.objects.filter(case=planned_case).count() == 2
    current = PlanVersion.objects.get(case=planned_case, is_current=True)
    assert current.items.get().action == saved[0].items.get().action


def test_ten_parallel_posts_of_consent_complete_apply_it_once(activated_case, clinician, org):
    from django.test import Client
    from django.urls import reverse

    from samverkan.models import AuditEntry, CaseState
    from samverkan.services import cases as cs

    cs.case_set_custody(case=activated_case, actor=clinician, custody="one")
    guardian = cs.case_add_guardian(case=activated_case, actor=clinician, name="Vera")
    cs.case_record_consent(
        case=activated_case,
        actor=clinician,
        guardian=guardian,
        by_youth=False,
        method="oral",
        given_on=timezone.localdate(),
        organisations=[org("Skola")],
    )
    url = reverse("samverkan:consent_complete", kwargs={"pk": activated_case.pk})

    def post(i):
        client = Client()
        client.force_login(clinician)
        return client.post(url).status_code

    codes = in_parallel(10, post)
    assert all(isinstance(c, int) and c < 500 for c in codes), codes
    activated_case.refresh_from_db()
    assert activated_case.state == CaseState.INITIATION
    done = AuditEntry.objects.filter(case=activated_case, detail="Samtycke komplett.")
    assert done.count() == 1
    # The others are refused: by the step check before the lock (redirect with the message)
    # or by the guard under it (the form again with the message); none applied it.
    assert set(codes) <= {200, 302}


def test_parallel_guardian_posts_never_exceed_what_the_custody_allows(activated_case, clinician):
    from django.test import Client
    from django.urls import reverse

    from samverkan.services import cases as cs

    cs.case_set_custody(case=activated_case, actor=clinician, custody="two")
    url = reverse("samverkan:guardian_add", kwargs={"pk": activated_case.pk})

    def post(i):
        client = Client()
        client.force_login(clinician)
        return client.post(url, {"name": f"Vårdnadshavare {i}"}).status_code

    in_parallel(5, post)
    assert activated_case.guardians.count() == 2


# Ten parallel posts of each transition, through its page: the transition is applied once.
# Each row: the case fixture, the step's URL name, what its form posts, the audit detail the
# transition writes (exactly one such row afterwards) and what else must exist exactly once.
def _soon(days=5):
    when = timezone.localtime() + datetime.timedelta(days=days)
    return {"date": when.date().isoformat(), "time": "10:00"}


def _meeting_today(case):
    case.meetings.update(starts_at=timezone.now())
    return {
        "family_first": "on",
        "proportionate": "on",
        "areas": "on",
        "views": "on",
        "solutions": "on",
    }


def _plan_post(case):
    from samverkan.models import OrganisationType

    return {
        "participants": "Rektor",
        "based_on": "1",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "3",
        "items-0-area": str(case.areas.order_by("order").first().pk),
        "items-0-need": "Behov",
        "items-0-action": "Ny insats",
        "items-0-organisation": str(OrganisationType.objects.get(name="Skola").pk),
        "items-0-person": "Rektor",
        "items-0-due_on": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }


def _orgs(*names):
    from samverkan.models import OrganisationType

    return {n: OrganisationType.objects.get(name=n).pk for n in names}


TRANSITIONS = {
    "assessment": (
        "new_case",
        lambda case, ctx: {
            "noticed": "Oro",
            "own_care_sufficient": "nej",
            "other_org_alone": "nej",
            "together": "ja",
        },
        "Behovsbedömning: Kronobarnsmodellen aktiveras",
        lambda case: case.state == "consent",
    ),
    "custody": (
        "activated_case",
        lambda case, ctx: {"custody": "one"},
        "Vårdnad: En vårdnadshavare (ensam vårdnad).",
        lambda case: case.custody == "one",
    ),
    "youth": (
        "activated_case",
        lambda case, ctx: {"youth_consents": "on"},
        "Barnet samtycker själv: ja.",
        lambda case: case.youth_consents,
    ),
    "initiation": (
        "consented_case",
        lambda case, ctx: {
            "age_group": "school",
            "municipality": str(case.municipality_id),
            "areas": [str(a.pk) for a in ctx["areas"]],
        },
        "Initiering: 2 områden valda.",
        lambda case: case.areas.count() == 2,
    ),
    "meeting_book": (
        "consented_case",
        lambda case, ctx: {"form": "physical", "room": "Rum 1", **_soon()},
        "Möte bokat.",
        lambda case: case.meetings.count() == 1,
    ),
    "contact": (
        "consented_case",
        lambda case, ctx: {
            "organisation": str(_orgs("Skola")["Skola"]),
            "purpose": "Avgöra om skolan ska bjudas in",
            "shared_was_proportionate": "on",
            "no_support_agreed": "on",
        },
        "Kontakt före mötet med Skola.",
        lambda case: case.contacts.count() == 1,
    ),
    "invite": (
        "invited_case",
        lambda case, ctx: {
            "organisation": str(_orgs("Socialtjänsten")["Socialtjänsten"]),
            "recipient": "Mottagningen",
        },
        "Inbjudan till Socialtjänsten (Link).",
        lambda case: case.invitations.filter(organisation__name="Socialtjänsten").count() == 1,
    ),
    "meeting_held": (
        "invited_case",
        lambda case, ctx: _meeting_today(case),
        "Samverkansmöte hållet.",
        lambda case: case.state == "meeting_held" and case.meetings.filter(held=True).count() == 1,
    ),
    "plan_edit": (
        "planned_case",
        lambda case, ctx: _plan_post(case),
        "Barnets plan sparad som version 2.",
        lambda case: case.plan_versions.count() == 2,
    ),
    "follow_up": (
        "planned_case",
        lambda case, ctx: {
            "coordinator": str(_orgs("Skola")["Skola"]),
            "form": "physical",
            "room": "Rum 2",
            **_soon(30),
        },
        "Fortsatt samordning: Skola.",
        lambda case: (
            case.state == "follow_up" and case.meetings.filter(is_follow_up=True).count() == 1
        ),
    ),
    "add_member": (
        "activated_case",
        lambda case, ctx: {"username": ctx["colleague"].username},
        "Kollega tillagd: kollegan.",
        lambda case: list(case.members.values_list("username", flat=True)) == ["kollegan"],
    ),
    "protect": (
        "activated_case",
        lambda case, ctx: {},
        "Markerat: skyddade personuppgifter (adressen raderad).",
        lambda case: case.protected_identity and case.child_address == "",
    ),
    "close": (
        "activated_case",
        lambda case, ctx: {"reason": "Familjen flyttade"},
        "Ärendet avslutades.",
        lambda case: case.state == "closed",
    ),
}


@pytest.mark.parametrize("step", list(TRANSITIONS))
def test_ten_parallel_posts_of_a_transition_apply_it_once(step, request, clinician, make_clinician):
    from django.test import Client
    from django.urls import reverse

    from samverkan.models import AuditEntry, Case, WheelArea

    fixture, data_of, detail, applied = TRANSITIONS[step]
    case = request.getfixturevalue(fixture)
    case = case() if callable(case) else case  # new_case makes one
    ctx = {
        "areas": list(WheelArea.objects.filter(order__in=[2, 4])),
        "colleague": make_clinician("kollegan"),
    }
    data = data_of(case, ctx)
    url = reverse(f"samverkan:{step}", kwargs={"pk": case.pk})
    before = AuditEntry.objects.filter(case=case, detail=detail).count()

    def post(i):
        client = Client()
        client.force_login(clinician)
        return client.post(url, data).status_code

    codes = in_parallel(10, post)
    assert all(isinstance(c, int) and c < 500 for c in codes), codes
    case = Case.objects.get(pk=case.pk)
    assert applied(case), step
    assert AuditEntry.objects.filter(case=case, detail=detail).count() == before + 1


def test_ten_parallel_withdrawals_of_an_invitation_withdraw_it_once(invited_case, clinician):
    from django.test import Client
    from django.urls import reverse

    from samverkan.models import AuditEntry

    invitation = invited_case.invitations.get()
    url = reverse(
        "samverkan:invitation_withdraw",
        kwargs={"pk": invited_case.pk, "invitation_id": invitation.pk},
    )

    def post(i):
        client = Client()
        client.force_login(clinician)
        return client.post(url, {"reason": f"Fel mottagare {i}"}).status_code

    codes = in_parallel(10, post)
    assert all(isinstance(c, int) and c < 500 for c in codes), codes
    invitation.refresh_from_db()
    assert invitation.is_withdrawn
    done = AuditEntry.objects.filter(case=invited_case, detail__endswith="tillbakadragen.")
    assert done.count() == 1


def test_ten_parallel_withdrawal_posts_apply_it_once(planned_case, clinician):
    from django.test import Client
    from django.urls import reverse

    from samverkan.models import AuditEntry, CaseState, ConsentWithdrawal

    guardian = planned_case.guardians.get()
    url = reverse("samverkan:consent_withdraw", kwargs={"pk": planned_case.pk})
    data = {
        "party": f"g{guardian.pk}",
        "scope": "wholly",
        "withdrawn_on": timezone.localdate().isoformat(),
        "method": "oral",
        "confirm": "1",
    }

    def post(i):
        client = Client()
        client.force_login(clinician)
        return client.post(url, data).status_code

    codes = in_parallel(10, post)
    assert all(isinstance(c, int) and c < 500 for c in codes), codes
    assert ConsentWithdrawal.objects.filter(case=planned_case).count() == 1
    done = AuditEntry.objects.filter(case=planned_case, detail__startswith="Samtycke återkallat")
    assert done.count() == 1
    planned_case.refresh_from_db()
    assert planned_case.state == CaseState.CONSENT
    assert planned_case.invitations.filter(withdrawn_at=None).count() == 0


def test_two_parallel_consent_posts_for_one_party_leave_one_current_consent(
    activated_case, clinician, org
):
    from django.test import Client
    from django.urls import reverse

    from samverkan.models import Consent
    from samverkan.services import cases as cs

    cs.case_set_custody(case=activated_case, actor=clinician, custody="one")
    guardian = cs.case_add_guardian(case=activated_case, actor=clinician, name="Vera")
    url = reverse("samverkan:consent", kwargs={"pk": activated_case.pk})

    def post(i):
        client = Client()
        client.force_login(clinician)
        return client.post(
            url,
            {
                "party": f"g{guardian.pk}",
                "method": "oral",
                "given_on": timezone.localdate().isoformat(),
                "organisations": [org("Skola").pk],
            },
        ).status_code

    codes = in_parallel(2, post)
    assert all(isinstance(c, int) and c < 500 for c in codes), codes
    current = Consent.objects.filter(case=activated_case, superseded_at=None)
    assert current.count() == 1
    assert Consent.objects.filter(case=activated_case).count() == 2  # the earlier one kept


def test_ten_parallel_new_cases_for_one_child_create_one_and_warn_the_rest(new_case):
    from samverkan.models import Case
    from samverkan.services.cases import DuplicateOpenCase

    results = in_parallel(10, lambda i: new_case(child_name=f"Barn {i}", duplicate_confirmed=False))
    created = [r for r in results if isinstance(r, Case)]
    warned = [r for r in results if isinstance(r, DuplicateOpenCase)]
    assert len(created) == 1 and len(warned) == 9, results
    assert Case.objects.count() == 1
