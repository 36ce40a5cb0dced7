"""THE place where the scheduled jobs and their times are declared.

The scheduler (`manage.py run_scheduler`) asks `due_runs(now)` every half minute and queues each
due run once: a run is named by its job and its day (JobRun's unique key), so a job is done once
for its day however many schedulers run. Times are the portal's time zone (Europe/Stockholm).
A run missed while nothing was running is made up for later the same day (a daily job) or the
same month (the monthly one); a daily run that was missed a whole day is not made up, since the
next one does the same work.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from . import jobs


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    at: datetime.time
    run: Callable[[datetime.datetime], str]
    weekday: int | None = None  # 0 = Monday: weekly on that day
    day_of_month: int | None = None  # monthly on that day

    def day_due(self, now: datetime.datetime) -> datetime.date | None:
        """The day whose run is due at `now`, or None."""
        local = timezone.localtime(now)
        today = local.date()
        if self.day_of_month is not None:
            day = today.replace(day=self.day_of_month)
            if today < day:
                return None
        elif self.weekday is not None:
            day = today - datetime.timedelta(days=(today.weekday() - self.weekday) % 7)
            if day != today:
                return None
        else:
            day = today
        if day == today and local.time() < self.at:
            return None
        return day

    def describe(self) -> str:
        if self.day_of_month is not None:
            when = f"den {self.day_of_month}:e varje månad"
        elif self.weekday is not None:
            when = ["måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar", "lördagar",
                    "söndagar"][self.weekday]  # fmt: skip
        else:
            when = "varje dag"
        return f"{self.label}: {when} kl. {self.at:%H.%M}"


SCHEDULE: tuple[Job, ...] = (
    Job(
        "purge_cases",
        "Gallring av avslutade samverkansärenden",
        datetime.time(2, 15),
        jobs.purge_cases,
    ),
    Job(
        "stale_cases",
        "Öppna ärenden som inte har ändrats på länge, till den som har ärendet",
        datetime.time(6, 0),
        jobs.stale_cases,
        weekday=0,
    ),
    Job("reminders", "Påminnelser per e-post", datetime.time(6, 30), jobs.reminders),
    Job(
        "log_review_report",
        "Logguppföljningens månadsrapport till granskarna",
        datetime.time(7, 0),
        jobs.log_review_report,
        day_of_month=1,
    ),
)

BY_NAME = {job.name: job for job in SCHEDULE}


def due_runs(now: datetime.datetime) -> list[tuple[Job, datetime.date]]:
    return [(job, day) for job in SCHEDULE if (day := job.day_due(now)) is not None]
