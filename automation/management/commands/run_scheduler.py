"""Queues the scheduled jobs when they are due (automation/schedule.py); the queue's workers
(`manage.py db_worker`) run them. Safe to run on several machines at once: each run is queued
once for its day (JobRun's unique key)."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections
from django.utils import timezone

from automation.runs import queue_due_runs
from automation.schedule import SCHEDULE


class Command(BaseCommand):
    help = "Lägger schemalagda jobb i kön när det är dags (automation/schedule.py)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Kontrollera en gång och avsluta.")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Sekunder mellan kontrollerna."
        )

    def handle(self, *args, once=False, interval=30.0, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        if options["verbosity"] > 0:
            for job in SCHEDULE:
                self.stdout.write(f"Schema: {job.describe()}")
        while self.running:
            close_old_connections()
            try:
                for run in queue_due_runs(timezone.now()):
                    self.stdout.write(f"I kö: {run.job} för {run.day:%Y-%m-%d}")
            except OperationalError as error:  # database away or locked: try next time
                self.stderr.write(f"Databasen svarar inte ({type(error).__name__}); försöker igen")
            if once:
                return
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(min(1.0, interval))

    def _stop(self, signum, frame):
        self.running = False
