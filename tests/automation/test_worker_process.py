"""A worker in its own process, as production runs it, against the test database (SQLite and
PostgreSQL), sending to the real SMTP server on loopback."""

import datetime
import subprocess
import threading
import time

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from automation import runs
from automation.mail import REMINDER_SUBJECT
from automation.models import JobRun, JobStatus
from familjeombud.models import AccessibilityReport
from familjeombud.pages.tasks import mail_accessibility_report
from samverkan.models import Case, CaseState

from .conftest import NOW, SECRET_WORDS, WORKER, database_for_another_process, process_env

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_process_runs_the_due_jobs_once_and_mails_no_personal_data(world, smtp):
    old = Case.objects.create(
        created_by=world.clinician,
        state=CaseState.CLOSED,
        child_name="Gammal Avslutad",
        child_personnummer="201010101010",
    )
    Case.objects.filter(pk=old.pk).update(closed_at=NOW - datetime.timedelta(days=120))
    queued = runs.queue_due_runs(NOW.replace(hour=6, minute=40))
    assert sorted(r.job for r in queued) == ["log_review_report", "purge_cases", "reminders"]
    with database_for_another_process() as url:
        done = subprocess.run(
            [*WORKER, "--batch"],
            cwd=settings.BASE_DIR,
            env=process_env(url, **smtp.env()),
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    assert {r.job: r.status for r in JobRun.objects.all()} == dict.fromkeys(
        ["log_review_report", "purge_cases", "reminders"], JobStatus.DONE
    ), (list(JobRun.objects.values_list("job", "result")), done.stderr[-4000:])
    assert JobRun.objects.get(job="purge_cases").result == "1 avslutade ärenden raderade"
    assert not Case.objects.filter(pk=old.pk).exists()
    workers = {tuple(ids) for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)}
    assert len(workers) == 1 and "test-in-process" not in str(workers)
    reminders = [m for m in smtp.messages if m.subject == REMINDER_SUBJECT]
    assert sorted(m.recipients[0] for m in reminders) == sorted(
        u.email for u in (world.clinician, world.colleague, world.familjeombud, world.head)
    )
    [report] = [m for m in smtp.messages if m.subject != REMINDER_SUBJECT]
    assert report.recipients == [world.reviewer.email]
    for message in smtp.messages:
        for word in (*SECRET_WORDS, "Gammal Avslutad", world.case.short_ref):
            assert word not in message.text
    # The scheduler asks again (another machine, a restart): nothing more is queued or sent.
    assert runs.queue_due_runs(NOW.replace(hour=9)) == []


class Worker:
    """`manage.py db_worker` running until stopped; its output read as it comes."""

    def __init__(self, env: dict, worker_id: str):
        self.process = subprocess.Popen(
            [*WORKER, "--interval", "0.2", "--worker-id", worker_id],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_until_started(self, timeout=120):
        deadline = time.monotonic() + timeout
        while not any("Starting worker" in line for line in self.lines):
            assert self.process.poll() is None, "".join(self.lines)[-3000:]
            assert time.monotonic() < deadline, "".join(self.lines)[-3000:]
            time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.reader.join(timeout=10)


@pytest.mark.postgres_only
def test_two_workers_on_postgresql_share_one_queue_and_do_every_task_exactly_once(
    db_vendor_postgresql, smtp
):
    count = 40
    smtp.delay = 0.05  # a slowish mail server, so both workers are busy at once
    with database_for_another_process() as url:
        env = process_env(url, ACCESSIBILITY_REPORT_EMAIL="tillganglighet@example.se", **smtp.env())
        workers = [Worker(env, "arbetare-a"), Worker(env, "arbetare-b")]
        try:
            for worker in workers:
                worker.wait_until_started()
            reports = [
                AccessibilityReport.objects.create(page="/", description=f"Brist {n}")
                for n in range(count)
            ]
            for report in reports:
                mail_accessibility_report.enqueue(report.pk)
            deadline = time.monotonic() + 180
            while DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
                assert time.monotonic() < deadline, [w.lines[-5:] for w in workers]
                time.sleep(0.2)
        finally:
            for worker in workers:
                worker.stop()
    subjects = sorted(m.subject for m in smtp.messages)
    assert subjects == sorted(f"Meddelad brist i tillgängligheten (nr {r.pk})" for r in reports)
    results = list(DBTaskResult.objects.values_list("status", "worker_ids"))
    assert [status for status, _ in results] == ["SUCCESSFUL"] * count
    assert all(len(ids) == 1 for _, ids in results)  # each task claimed by one worker only
    by_worker = {ids[0] for _, ids in results}
    assert by_worker == {"arbetare-a", "arbetare-b"}


@pytest.fixture
def db_vendor_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED between processes is PostgreSQL's; SQLite has one writer")
