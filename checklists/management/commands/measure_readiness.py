"""Queries and in-process render time of the readiness pages, for docs/beredskap.md ("Prestanda").

Not a test (timings on a shared machine are not pass/fail): a measurement to run by hand on a
database filled with `seed_demo_units --units 500 --years 3`, e.g. on a throwaway PostgreSQL:

    bash .ci/with-postgres bash -c 'export DJANGO_SETTINGS_MODULE=familjeombud.settings.local;
      .venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py createcachetable &&
      .venv/bin/python manage.py loaddata fixtures/10_mandate_areas.json
      fixtures/30_checklist_items.json && .venv/bin/python manage.py seed_demo_units
      --units 500 --years 3 && .venv/bin/python manage.py measure_readiness'

Each page is fetched with the Django test client (DEBUG off, plain static storage), the first
request counted separately; then --runs timed requests. --profile NAME prints cProfile's top
functions for one page.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisation.models import Membership, MembershipRole, Unit
from organisation.roles import strateg_group

PAGES = ["unit_list", "unit_detail", "dashboard", "dashboard_csv", "dashboard_xlsx"]


class Command(BaseCommand):
    help = "Mäter frågor och tid för beredskapssidorna (för docs/beredskap.md)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument("--profile", choices=PAGES)
        parser.add_argument("--cold", action="store_true", help="töm cachen före varje anrop")
        parser.add_argument("--sql", action="store_true", help="skriv ut frågorna")

    def handle(self, *args, runs, profile, cold, sql, **options):
        self.sql = sql
        User = get_user_model()
        strateg, _ = User.objects.get_or_create(username="measure.strateg")
        strateg.groups.add(strateg_group())
        membership = (
            Membership.objects.filter(role=MembershipRole.FAMILJEOMBUD)
            .select_related("user", "unit")
            .order_by("pk")
            .first()
        )
        year = timezone.localdate().year
        urls = {
            "unit_list": (strateg, reverse("checklists:unit_list")),
            "unit_detail": (
                membership.user,
                reverse("checklists:unit_detail", args=[membership.unit_id]) + f"?ar={year}",
            ),
            "dashboard": (strateg, reverse("checklists:dashboard") + f"?ar={year}"),
            "dashboard_csv": (strateg, reverse("checklists:dashboard_csv") + f"?ar={year}"),
            "dashboard_xlsx": (strateg, reverse("checklists:dashboard_xlsx") + f"?ar={year}"),
        }
        storages = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        self.stdout.write(
            f"{connection.vendor}, {Unit.objects.count()} verksamheter, år {year}, {runs} körningar"
        )
        with override_settings(DEBUG=False, STORAGES=storages, ALLOWED_HOSTS=["*"]):
            for name in [profile] if profile else PAGES:
                user, url = urls[name]
                client = Client()
                client.force_login(user)
                self.measure(name, client, url, runs, cold, profile == name)

    def measure(self, name, client, url, runs, cold, profile):
        cache.clear()
        with CaptureQueriesContext(connection) as first:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        first_count = len(first)  # now: the next request's start empties the log
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        warm_count = len(warm)
        if self.sql:
            for query in warm.captured_queries:
                self.stdout.write(f"    {query['time']}s {query['sql'][:300]}")
        times = []
        for _ in range(runs):
            if cold:
                cache.clear()
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        self.stdout.write(
            f"{name:15} queries {warm_count} (första {first_count})  "
            f"median {statistics.median(times):7.1f} ms  min {min(times):7.1f} ms  "
            f"max {max(times):7.1f} ms  {len(response.content) // 1024} kB"
        )
        if profile:
            if cold:
                cache.clear()
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(url)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
            self.stdout.write(out.getvalue())
