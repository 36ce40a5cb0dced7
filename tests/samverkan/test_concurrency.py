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
