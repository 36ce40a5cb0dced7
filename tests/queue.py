"""The task queue run in the test's own process, for tests of what a task does."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


def run_queue() -> None:
    """Runs what is due in the queue with the library's own worker loop (db_worker --batch),
    in this process. Reconnecting between tasks is left out: it would end the test's
    transaction (Django's test client leaves it out of requests for the same reason)."""
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-in-process",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
