"""Times and profiles logged-in pages in-process with the test client (no gunicorn, no wrk).

    DJANGO_SETTINGS_MODULE=familjeombud.settings.test DATABASE_URL=sqlite:////tmp/prof.sqlite3 \
        .venv/bin/python -m bench.profile_page --build          # once: schema + 1× bench data
    ... .venv/bin/python -m bench.profile_page unit case -n 200  # median ms per page
    ... .venv/bin/python -m bench.profile_page unit --profile    # cProfile, sorted by cumulative
    ... CACHE_URL=dbcache://django_cache .venv/bin/python -m bench.profile_page ...  # production
    ... .venv/bin/python -m bench.profile_page case --includes  # ms per {% include %}, own time

Pages: floor (/halsa/), unit, case, dashboard (signed in as make bench does) and home, area,
search, films (not signed in). With --runs N the pages are timed in turn N times, so a drifting
machine weighs on all alike.

For finding where a page's own time goes; the figures to report come from `make bench`."""

import argparse
import collections
import contextlib
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

import django


def build() -> None:
    from django.conf import settings
    from django.core.management import call_command

    from bench import generate
    from bench.prepare import BASE_CASES, BASE_UNITS, YEARS, analyze

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    fixtures = [str(p) for p in sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))]
    call_command("loaddata", *fixtures, verbosity=0)
    generate.multiply_content(1)
    call_command("seed_demo_units", "--units", str(BASE_UNITS), "--years", str(YEARS))
    generate.add_cases(BASE_CASES)
    analyze()


def pages() -> dict:
    """What `make bench` loads, as bench/prepare.py picks it; None = not signed in."""
    from django.urls import reverse

    from bench.prepare import SEARCH_QUERY, bench_user, pick_area, pick_case, pick_unit

    unit, member = pick_unit()
    case = pick_case()
    area = pick_area()
    return {
        "floor": (reverse("health"), None),
        "unit": (reverse("checklists:unit_detail", args=[unit.pk]), member),
        "case": (reverse("samverkan:case_detail", args=[case.pk]), case.created_by),
        "dashboard": (reverse("checklists:dashboard"), bench_user("bench-strateg", region=True)),
        "home": (reverse("home"), None),
        "area": (reverse("mandates:area_detail", args=[area.slug]), None),
        "search": (reverse("mandates:search") + f"?q={SEARCH_QUERY}", None),
        "films": (reverse("mandates:area_films", args=[area.slug]), None),
    }


@contextlib.contextmanager
def include_timer(own: collections.Counter, calls: collections.Counter):
    """Times every {% include %} by template name, less the includes inside it: cProfile spreads
    an include's cost over Django's node classes, which name no template."""
    from django.template import loader_tags

    original = loader_tags.IncludeNode.render
    nested = []

    def render(node, context):
        name = str(getattr(node.template, "token", node.template))
        started = time.perf_counter()
        nested.append(0.0)
        try:
            return original(node, context)
        finally:
            took = time.perf_counter() - started
            own[name] += took - nested.pop()
            calls[name] += 1
            if nested:
                nested[-1] += took

    loader_tags.IncludeNode.render = render
    try:
        yield
    finally:
        loader_tags.IncludeNode.render = original


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*", default=["unit", "case"])
    parser.add_argument("--build", action="store_true")
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--limit", type=int, default=45)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--includes", action="store_true", help="own ms of every include")
    parser.add_argument("--runs", type=int, default=1, help="the pages in turn, this many times")
    args = parser.parse_args(argv)
    django.setup()
    if args.build:
        build()
        return
    from django.test import Client

    found = pages()
    print(f"load average: {os.getloadavg()}", file=sys.stderr)
    for key in [k for _ in range(args.runs) for k in args.pages]:
        url, user = found[key]
        client = Client()
        if user is not None:
            client.force_login(user)
        for _ in range(5):  # warm: templates compiled, translations loaded
            assert client.get(url).status_code == 200
        size = len(client.get(url).content)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.n):
                client.get(url)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.limit)
            continue
        if args.includes:
            own, calls = collections.Counter(), collections.Counter()
            started = time.perf_counter()
            with include_timer(own, calls):
                for _ in range(args.n):
                    client.get(url)
            whole = (time.perf_counter() - started) * 1000 / args.n
            print(f"{key}: {url} {whole:.2f} ms a request, of which in includes (own time):")
            for name, seconds in own.most_common(args.limit):
                print(f"  {seconds * 1000 / args.n:6.3f} ms  ×{calls[name] // args.n}  {name}")
            continue
        times, cpu = [], []
        for _ in range(args.n):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        times.sort()
        # CPU time of this process: the page's own work, less disturbed by a busy machine.
        print(
            f"{key}: {url} median {statistics.median(times):.2f} ms "
            f"(p10 {times[len(times) // 10]:.2f}, p90 {times[len(times) * 9 // 10]:.2f}), "
            f"CPU median {statistics.median(cpu):.2f} ms, n {args.n}, {size / 1000:.0f} kB"
        )


if __name__ == "__main__":
    main()
