"""The search page without cache at 1× and at 10× content, in-process, on one database.

    bash .ci/with-postgres .venv/bin/python -m bench.search_scale          # PostgreSQL
    DATABASE_URL=sqlite:////tmp/s.sqlite3 .venv/bin/python -m bench.search_scale

Not part of `make bench` (which times the same page under gunicorn and wrk, among all pages):
this one runs in a minute, so a change to search can be checked alone. Loads the fixtures, times
each query (median of N, the cache emptied before each request, the index already current), then
adds nine copies of every content row (bench/generate.py), rebuilds the index once (timed) and
times the same queries again."""

import argparse
import os
import statistics
import time
from pathlib import Path

import django

QUERIES = ["barn", "våld", "hedersrelaterat vald", '"barn som närstående"', "vlad"]


def timed(client, url: str, runs: int) -> float:
    from django.core.cache import cache

    from mandates.cache import clear_local

    client.get(url)  # warm: the first request after a change of data is not what is compared
    times = []
    for _ in range(runs):
        cache.clear()
        clear_local()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=9)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familjeombud.settings.test")
    django.setup()
    from urllib.parse import urlencode

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from bench import generate
    from mandates.models import SearchDocument
    from mandates.search_index import ensure_current

    setup_test_environment()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    fixtures = [str(p) for p in sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))]
    call_command("loaddata", *fixtures, verbosity=0)
    client = Client()
    urls = {q: reverse("mandates:search") + "?" + urlencode({"q": q}) for q in QUERIES}
    results = {}
    for scale in (1, 10):
        if scale > 1:
            generate.multiply_content(scale)
        started = time.perf_counter()
        ensure_current()
        rebuild = (time.perf_counter() - started) * 1000
        documents = SearchDocument.objects.count()
        results[scale] = {q: timed(client, url, args.n) for q, url in urls.items()}
        print(f"{scale}×: {documents} documents, rebuild {rebuild:.0f} ms ({connection.vendor})")
    print("| query | 1× ms | 10× ms | 10×/1× |\n| --- | --- | --- | --- |")
    for q in QUERIES:
        one, ten = results[1][q], results[10][q]
        print(f"| {q} | {one:.1f} | {ten:.1f} | {ten / one:.2f} |")


if __name__ == "__main__":
    main()
