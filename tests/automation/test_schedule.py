"""The schedule in one place, each run queued once for its day and retried when it fails."""

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from automation import runs, schedule
from automation.mail import REMINDER_SUBJECT
from automation.models import JobRun, JobStatus
from automation.schedule import BY_NAME, SCHEDULE, due_runs

from .conftest import NOW, STOCKHOLM, run_queue


def at(day: str, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=STOCKHOLM)


def names(now, *, monthly=False):
    """The due runs; the monthly report (due all month until done) only when asked for."""
    return [
        (job.name, day.isoformat())
        for job, day in due_runs(now)
        if monthly or job.day_of_month is None
    ]


def test_the_schedule_declares_every_job_with_its_time():
    assert [job.describe() for job in SCHEDULE] == [
        "Gallring av avslutade samverkansärenden: varje dag kl. 02.15",
        "Öppna ärenden som inte har ändrats på länge, till den som har ärendet: måndagar kl. 06.00",
        "Påminnelser per e-post: varje dag kl. 06.30",
        "Logguppföljningens månadsrapport till granskarna: den 1:e varje månad kl. 07.00",
    ]


def test_a_daily_job_is_due_from_its_time_on_its_day_only():
    assert names(at("2026-03-10", 2, 14)) == []
    assert names(at("2026-03-10", 2, 15)) == [("purge_cases", "2026-03-10")]
    assert names(at("2026-03-10", 23, 59)) == [
        ("purge_cases", "2026-03-10"),
        ("reminders", "2026-03-10"),
    ]


def test_the_weekly_job_is_due_on_mondays_and_the_monthly_one_until_the_month_ends():
    assert ("stale_cases", "2026-03-09") in names(at("2026-03-09", 6, 0))
    assert "stale_cases" not in dict(names(at("2026-03-10", 6, 0)))
    report = ("log_review_report", "2026-03-01")
    assert report not in names(at("2026-03-01", 6, 59), monthly=True)
    assert report in names(at("2026-03-01", 7, 0), monthly=True)
    # Nothing ran on the 1st: the month's report is still due, for the 1st, on the 3rd.
    assert report in names(at("2026-03-03", 1, 0), monthly=True)


def test_the_time_is_the_portals_time_zone_not_utc():
    utc = datetime.datetime(2026, 3, 10, 1, 20, tzinfo=datetime.UTC)  # 02.20 in Stockholm
    assert names(utc) == [("purge_cases", "2026-03-10")]


@pytest.mark.django_db
def test_a_due_run_is_queued_once_however_often_the_scheduler_asks():
    first = runs.queue_due_runs(at("2026-03-10", 7))
    again = runs.queue_due_runs(at("2026-03-10", 8))
    assert sorted(r.job for r in first) == ["log_review_report", "purge_cases", "reminders"]
    assert again == []
    assert JobRun.objects.count() == 3
    assert DBTaskResult.objects.count() == 3
    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        "automation.tasks.run_scheduled_job"
    }


@pytest.mark.django_db
def test_the_worker_runs_the_queued_jobs_and_records_them(world, smtp):
    runs.queue_due_runs(at("2026-03-10", 7))
    run_queue()
    records = {r.job: r for r in JobRun.objects.all()}
    assert {job: r.status for job, r in records.items()} == dict.fromkeys(
        ["log_review_report", "purge_cases", "reminders"], JobStatus.DONE
    )
    assert records["reminders"].result == "4 påminnelser skickade"
    assert records["purge_cases"].result == "0 avslutade ärenden raderade"
    assert records["reminders"].attempts == 1
    assert len(smtp.messages) == 5  # four reminders, one log review report
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.django_db
def test_a_run_done_is_not_done_again_when_its_task_comes_twice(world, smtp):
    runs.queue_due_runs(at("2026-03-10", 7))
    run_queue()
    day = datetime.date(2026, 3, 10)
    assert runs.execute("reminders", day, NOW) == runs.ALREADY_DONE
    assert len(smtp.messages) == 5


@pytest.fixture
def failing_purge(monkeypatch):
    calls = []

    def purge(now):
        calls.append(now)
        raise RuntimeError("barnet 201212121212 i felmeddelandet")

    job = BY_NAME["purge_cases"]
    monkeypatch.setitem(BY_NAME, "purge_cases", schedule.Job(job.name, job.label, job.at, purge))
    return calls


@pytest.mark.django_db
def test_a_failed_job_is_logged_without_its_text_and_tried_again_later(
    failing_purge, settings, caplog
):
    settings.JOB_MAX_ATTEMPTS = 2
    runs.queue_due_runs(at("2026-03-10", 2, 30))
    run_queue()
    run = JobRun.objects.get(job="purge_cases")
    assert (run.status, run.attempts, run.result) == (JobStatus.FAILED, 1, "RuntimeError")
    assert "Jobbet purge_cases för 2026-03-10 misslyckades (försök 1 av 2, RuntimeError)" in (
        caplog.text
    )
    assert "201212121212" not in caplog.text
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > retry.enqueued_at + datetime.timedelta(minutes=14)
    # The retry is due when its time comes; the worker takes it then.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)
    run_queue()
    run.refresh_from_db()
    assert (run.status, run.attempts) == (JobStatus.FAILED, 2)
    assert "ges upp" in caplog.text
    assert not DBTaskResult.objects.filter(status="READY").exists()  # given up after two
    assert len(failing_purge) == 2


@pytest.mark.django_db
def test_a_job_that_fails_once_is_done_by_its_retry(monkeypatch, world, smtp):
    real = BY_NAME["reminders"]
    tries = []

    def flaky(now):
        tries.append(now)
        if len(tries) == 1:
            raise ConnectionError("smtp down")
        return real.run(now)

    monkeypatch.setitem(BY_NAME, "reminders", schedule.Job(real.name, real.label, real.at, flaky))
    runs.queue_due_runs(at("2026-03-10", 6, 40))
    run_queue()
    retry = DBTaskResult.objects.get(status="READY")
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)
    run_queue()
    run = JobRun.objects.get(job="reminders")
    assert (run.status, run.attempts) == (JobStatus.DONE, 2)
    assert tries == [at("2026-03-10", 6, 40)] * 2  # both for the moment it was queued for
    assert len([m for m in smtp.messages if m.subject == REMINDER_SUBJECT]) == 4


def _killed_mid_job(job: str, *, minutes_ago: int, attempts: int = 1) -> JobRun:
    """What a worker killed mid-job leaves behind: the run "running", its queue task gone
    (the queue marks a task whose worker died as nothing it will take again)."""
    from django.utils import timezone

    runs.queue_due_runs(at("2026-03-10", 7))
    DBTaskResult.objects.all().delete()
    JobRun.objects.exclude(job=job).update(status=JobStatus.DONE)
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    JobRun.objects.filter(job=job).update(
        status=JobStatus.RUNNING, attempts=attempts, started_at=started
    )
    return JobRun.objects.get(job=job)


@pytest.mark.django_db
def test_a_run_left_running_by_a_killed_worker_is_queued_again_and_done(world, smtp, caplog):
    _killed_mid_job("reminders", minutes_ago=61)
    requeued = runs.queue_due_runs(at("2026-03-10", 7, 30))
    assert [r.job for r in requeued] == ["reminders"]
    assert JobRun.objects.get(job="reminders").status == JobStatus.QUEUED
    assert "Jobbet reminders för 2026-03-10 avbröts mitt i (försök 1 av 3), läggs i kö igen" in (
        caplog.text
    )
    run_queue()
    run = JobRun.objects.get(job="reminders")
    assert (run.status, run.attempts) == (JobStatus.DONE, 2)
    assert len([m for m in smtp.messages if m.subject == REMINDER_SUBJECT]) == 4
    assert runs.queue_due_runs(at("2026-03-10", 7, 31)) == []


@pytest.mark.django_db
def test_a_run_still_within_its_time_is_left_to_its_worker():
    _killed_mid_job("reminders", minutes_ago=5)
    assert runs.queue_due_runs(at("2026-03-10", 7, 30)) == []
    assert JobRun.objects.get(job="reminders").status == JobStatus.RUNNING
    assert not DBTaskResult.objects.exists()
    assert runs.execute("reminders", datetime.date(2026, 3, 10), NOW) == runs.ALREADY_DONE


@pytest.mark.django_db
def test_a_run_abandoned_on_its_last_attempt_is_given_up_as_failed(settings, caplog):
    settings.JOB_MAX_ATTEMPTS = 2
    _killed_mid_job("purge_cases", minutes_ago=120, attempts=2)
    assert runs.queue_due_runs(at("2026-03-10", 7, 30)) == []
    run = JobRun.objects.get(job="purge_cases")
    assert (run.status, run.result) == (JobStatus.FAILED, runs.ABANDONED)
    assert not DBTaskResult.objects.exists()
    assert "avbröts mitt i (försök 2 av 2), ges upp" in caplog.text
