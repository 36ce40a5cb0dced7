"""Queueing and running the scheduled jobs: each run once for its day, retried when it fails.

The run record (JobRun, unique per job and day) is written in the same transaction as the
queue's task row (the queue is in the same database), so a run is either queued exactly once or
not at all, whichever scheduler gets there first.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import JobRun, JobStatus
from .schedule import BY_NAME, due_runs

logger = logging.getLogger("automation.jobs")

ALREADY_DONE = "redan gjort för dagen"
ABANDONED = "Avbruten: arbetaren stannade mitt i jobbet"


def queue_due_runs(now: datetime.datetime) -> list[JobRun]:
    from .tasks import run_scheduled_job

    queued = []
    for job, day in due_runs(now):
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, day=day)
                run_scheduled_job.enqueue(job.name, day.isoformat(), now.isoformat())
        except IntegrityError:  # queued before, by this or another scheduler
            continue
        logger.info("Jobbet %s för %s är lagt i kö", job.name, day)
        queued.append(run)
    return queued + requeue_abandoned_runs()


def requeue_abandoned_runs() -> list[JobRun]:
    """A worker killed mid-job (out of memory, a machine gone) leaves its run "running" for
    ever, and no queue task is left to finish it: after JOB_RUNNING_TIMEOUT_SECONDS the run is
    queued again as one more attempt, or given up after JOB_MAX_ATTEMPTS like a failure."""
    from .tasks import run_scheduled_job

    cutoff = timezone.now() - datetime.timedelta(seconds=settings.JOB_RUNNING_TIMEOUT_SECONDS)
    requeued = []
    stuck = JobRun.objects.filter(status=JobStatus.RUNNING, started_at__lt=cutoff)
    for pk in stuck.values_list("pk", flat=True):
        with transaction.atomic():
            run = JobRun.objects.select_for_update().get(pk=pk)
            if run.status != JobStatus.RUNNING or run.started_at >= cutoff:
                continue  # finished, or taken again by another scheduler, meanwhile
            retry = run.attempts < settings.JOB_MAX_ATTEMPTS
            run.status = JobStatus.QUEUED if retry else JobStatus.FAILED
            run.result = "" if retry else ABANDONED
            run.finished_at = None if retry else timezone.now()
            run.save(update_fields=["status", "result", "finished_at"])
            if retry:
                run_scheduled_job.enqueue(run.job, run.day.isoformat(), timezone.now().isoformat())
        logger.warning(
            "Jobbet %s för %s avbröts mitt i (försök %s av %s)%s",
            run.job,
            run.day,
            run.attempts,
            settings.JOB_MAX_ATTEMPTS,
            ", läggs i kö igen" if retry else ", ges upp",
        )
        if retry:
            requeued.append(run)
    return requeued


def execute(job_name: str, day: datetime.date, now: datetime.datetime) -> str:
    """Runs one queued run. A task that reaches a second worker (or is queued again by hand)
    finds the run done and does nothing."""
    job = BY_NAME[job_name]
    with transaction.atomic():
        run = JobRun.objects.select_for_update().get(job=job_name, day=day)
        if run.status in (JobStatus.DONE, JobStatus.RUNNING):
            return ALREADY_DONE
        run.status = JobStatus.RUNNING
        run.attempts += 1
        run.started_at = timezone.now()
        run.save(update_fields=["status", "attempts", "started_at"])
    try:
        summary = job.run(now)
    except Exception as error:
        _failed(run, error, now)
        raise
    run.status = JobStatus.DONE
    run.result = summary[:200]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "result", "finished_at"])
    logger.info("Jobbet %s för %s är klart: %s", job_name, day, run.result)
    return summary


def _failed(run: JobRun, error: Exception, now: datetime.datetime) -> None:
    from .tasks import run_scheduled_job

    run.status = JobStatus.FAILED
    run.result = type(error).__name__[:200]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "result", "finished_at"])
    retry = run.attempts < settings.JOB_MAX_ATTEMPTS
    # Only the exception's type: its text may quote data, and logs must never hold any.
    logger.error(
        "Jobbet %s för %s misslyckades (försök %s av %s, %s)%s",
        run.job,
        run.day,
        run.attempts,
        settings.JOB_MAX_ATTEMPTS,
        type(error).__name__,
        ", görs om" if retry else ", ges upp",
    )
    if retry:
        later = timezone.now() + datetime.timedelta(seconds=settings.JOB_RETRY_SECONDS)
        run_scheduled_job.using(run_after=later).enqueue(
            run.job, run.day.isoformat(), now.isoformat()
        )
