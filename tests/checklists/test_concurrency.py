"""Two members saving at the same moment, on two real database connections."""

import threading

import pytest
from django.db import connection, connections

from checklists.models import ItemAssessment, StatusChange
from checklists.services import assessment_set_status

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writes, so two connections never overlap; needs PostgreSQL.",
    ),
]


def run_together(*jobs):
    """Start every job at the same barrier, each in its own thread (own connection)."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def wrap(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrap, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []


def test_two_members_ticking_different_items_at_once_both_persist(
    assessment, member, other_member, items
):
    run_together(
        lambda: assessment_set_status(
            assessment=assessment, item=items[0], status="klar", by=member
        ),
        lambda: assessment_set_status(
            assessment=assessment, item=items[1], status="pagar", by=other_member
        ),
    )
    statuses = dict(
        ItemAssessment.objects.filter(assessment=assessment, item__in=items[:2]).values_list(
            "item_id", "status"
        )
    )
    assert statuses == {items[0].pk: "klar", items[1].pk: "pagar"}
    assert StatusChange.objects.count() == 2


def test_two_members_ticking_the_same_item_at_once_both_land_in_the_history(
    assessment, member, other_member, items
):
    for _ in range(5):  # repeat: an overlap must happen at least once and never lose a change
        StatusChange.objects.all().delete()
        ItemAssessment.objects.filter(assessment=assessment).update(status="ej_paborjad")
        run_together(
            lambda: assessment_set_status(
                assessment=assessment, item=items[0], status="klar", by=member
            ),
            lambda: assessment_set_status(
                assessment=assessment, item=items[0], status="pagar", by=other_member
            ),
        )
        history = list(StatusChange.objects.filter(entry__item=items[0]).order_by("pk"))
        assert len(history) == 2
        first, second = history
        # The row lock queued the saves: the second recorded the status the first left.
        assert first.from_status == "ej_paborjad"
        assert second.from_status == first.to_status
        final = ItemAssessment.objects.get(assessment=assessment, item=items[0]).status
        assert final == second.to_status
        assert {first.changed_by, second.changed_by} == {member, other_member}
