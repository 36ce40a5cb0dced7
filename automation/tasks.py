"""The queue's tasks for the scheduled jobs. Arguments are plain strings (the queue stores them
as JSON in the database): a job's name, its day and the moment it runs for."""

import datetime

from django_tasks import task

from . import runs


@task()
def run_scheduled_job(job: str, day: str, now: str) -> str:
    return runs.execute(job, datetime.date.fromisoformat(day), datetime.datetime.fromisoformat(now))
