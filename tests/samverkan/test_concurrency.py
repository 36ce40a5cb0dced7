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
