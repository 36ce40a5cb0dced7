"""One data size in the throwaway database: schema, fixtures, demo data, users and sessions,
the URL of every page to measure, and each page's queries counted with the test client.

Run by bench/run.py as `python -m bench.prepare --scale N --out FILE` with DJANGO_SETTINGS_MODULE
=bench.settings; prints progress to stderr and writes JSON for the driver."""

import argparse
import json
import sys
import time
from pathlib import Path

import django

BASE_UNITS = 50  # 1× data; 10× is the "dashboard for 500 units" of the targets
BASE_CASES = 40  # open cases with a plan, ten per clinician-ish (see generate.add_cases)
BASE_SESSIONS = 200
YEARS = 3
SEARCH_QUERY = "barn"

FLOOR, STATIC, PUBLIC, PRIVATE, PDF = "floor", "static", "public", "private", "pdf"

# key, label, kind, URL names to try (first that exists wins), PDF limit in ms.
TARGETS = [
    ("floor", "Golv: /halsa/ (ok)", FLOOR, ["health"], None),
    ("static", "Golv: statisk fil (whitenoise)", STATIC, [], None),
    ("home", "Startsida", PUBLIC, ["home"], None),
    ("area", "Mandatområde", PUBLIC, ["mandates:area_detail"], None),
    ("search", f"Sök (q={SEARCH_QUERY})", PUBLIC, ["mandates:search"], None),
    ("films", "Områdets filmer", PUBLIC, ["mandates:area_films", "mandates:films"], None),
    ("unit", "Verksamhetens checklista", PRIVATE, ["checklists:unit_detail"], None),
    ("dashboard", "Regionens översikt", PRIVATE, ["checklists:dashboard"], None),
    (
        "case",
        "Samverkansärende",
        PRIVATE,
        ["samverkan:case_detail", "samverkan:case"],
        None,
    ),
    (
        "plan_pdf",
        "PDF: Barnets plan",
        PDF,
        ["samverkan:plan_pdf", "samverkan:case_plan_pdf", "samverkan:barnets_plan_pdf"],
        300.0,
    ),
    ("area_pdf", "PDF: ett område", PDF, ["mandates:area_pdf"], 1000.0),
    ("package_pdf", "PDF: hela stödpaketet", PDF, ["mandates:package_pdf"], 3000.0),
    # The machine is shared: the floor again at the end shows how much it drifted meanwhile.
    ("floor_end", "Golv igen, sist", FLOOR, ["health"], None),
]


def log(message: str) -> None:
    print(f"  [förbered] {message}", file=sys.stderr, flush=True)


def url_params(name: str) -> set[str] | None:
    """The keyword arguments a URL name takes, or None when no such URL exists (yet)."""
    from django.urls import get_resolver

    resolver = get_resolver()
    *namespaces, view = name.split(":")
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return None
        resolver = resolver.namespace_dict[namespace][1]
    possibilities = resolver.reverse_dict.getlist(view)
    if not possibilities:
        return None
    return set(possibilities[0][0][0][1])


def command_options(name: str) -> set[str] | None:
    """Option strings a management command accepts, or None when the command does not exist."""
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    if name not in commands:
        return None
    command = load_command_class(commands[name], name)
    parser = command.create_parser("manage.py", name)
    return set(parser._option_string_actions)


def run_seed(name: str, wanted: list[tuple[list[str], str]], notes: list[str]) -> bool:
    """Calls an app's demo-data command with those of the wanted options it has."""
    from django.core.management import call_command

    options = command_options(name)
    if options is None:
        notes.append(f"{name}: {MISSING_TEXT}")
        log(f"{name} saknas")
        return False
    argv: list[str] = []
    for alternatives, value in wanted:
        flag = next((a for a in alternatives if a in options), None)
        if flag is None:
            notes.append(f"{name}: har inget {alternatives[0]}; körd utan")
        elif value:
            argv += [flag, value]
        else:
            argv.append(flag)
    started = time.monotonic()
    call_command(name, *argv)
    log(f"{name} {' '.join(argv)} ({time.monotonic() - started:.1f} s)")
    return True


MISSING_TEXT = "saknas"


def analyze() -> None:
    """Statistics for every table, as a database in use has them from autovacuum. The cases and
    sessions are added after seed_demo_units' ANALYZE, and a table of fewer than 50 new rows
    (the 40 cases) is never analysed by autovacuum: its plans were then made on guesses, and
    changed in the middle of a run when autovacuum reached the other tables."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def bench_user(username: str, *, region: bool = False):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user, _ = get_user_model().objects.get_or_create(username=username)
    if region:
        group = Group.objects.filter(name="Strateg").first()
        if group is not None:
            user.groups.add(group)
        else:
            perm = Permission.objects.filter(
                content_type__app_label="organisation", codename="view_region"
            ).first()
            if perm is not None:
                user.user_permissions.add(perm)
    return user


def login_cookie(user) -> str:
    """A real database session for the user, as a browser would hold after logging in."""
    from django.conf import settings
    from django.test import Client

    backend = "django.contrib.auth.backends.ModelBackend"
    client = Client()
    if backend in settings.AUTHENTICATION_BACKENDS:
        client.force_login(user, backend=backend)
    else:
        client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def pick_area():
    from django.db.models import Count

    from mandates.models import MandateArea

    areas = MandateArea.objects.published()
    if hasattr(MandateArea, "films"):
        areas = areas.annotate(n=Count("films")).order_by("-n", "order")
    return areas.first()


def pick_unit():
    """A unit with a member who can open it the way its staff do; else any unit."""
    from organisation.models import Unit

    unit = Unit.objects.filter(memberships__isnull=False).order_by("pk").first()
    if unit is None:
        return Unit.objects.order_by("pk").first(), None
    return unit, unit.memberships.order_by("pk").first().user


def pick_case():
    """An open case with a current Barnets plan when there is one (the plan PDF needs it)."""
    from samverkan.models import Case

    with_plan = Case.objects.filter(plan_versions__isnull=False).order_by("created_at").first()
    return with_plan or Case.objects.order_by("created_at").first()


def resolve(args, notes: list[str]) -> list[dict]:
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.urls import reverse

    region_user = bench_user("bench-strateg", region=True)
    context: dict[str, dict] = {}
    users: dict[str, object] = {}
    area = pick_area()
    if area is not None:
        for key in ("area", "films", "area_pdf"):
            context[key] = {"slug": area.slug, "area_slug": area.slug}
    try:
        unit, member = pick_unit()
    except Exception as exc:  # the checklists app may be mid-build
        unit, member = None, None
        notes.append(f"verksamhet kunde inte väljas: {exc}")
    if unit is not None:
        context["unit"] = {"pk": unit.pk, "unit_pk": unit.pk, "unit_id": unit.pk}
        users["unit"] = member or region_user
    users["dashboard"] = region_user
    try:
        case = pick_case()
    except Exception as exc:
        case = None
        notes.append(f"ärende kunde inte väljas: {exc}")
    if case is not None:
        plan = case.plan_versions.filter(is_current=True).first()
        for key in ("case", "plan_pdf"):
            context[key] = {"pk": case.pk, "case_pk": case.pk, "case_id": case.pk, "id": case.pk}
            if plan is not None:
                context[key]["number"] = plan.number
            users[key] = case.created_by
    cookies: dict[int, str] = {}

    resolved = []
    for key, label, kind, names, limit in TARGETS:
        entry = {"key": key, "label": label, "kind": kind, "url": None, "status": MISSING_TEXT}
        entry["pdf_limit_ms"] = limit
        if kind == STATIC:
            try:
                entry["url"] = staticfiles_storage.url("css/portal.css")
                entry["status"] = "ok"
            except ValueError as exc:
                entry["status"] = f"fel: {exc}"
        for name in names:
            params = url_params(name)
            if params is None:
                continue
            values = context.get(key, {})
            if not params <= set(values):
                entry["status"] = f"{MISSING_TEXT} (inga data för {', '.join(sorted(params))})"
                break
            entry["url"] = reverse(name, kwargs={p: values[p] for p in params})
            entry["url_name"] = name
            entry["status"] = "ok"
            break
        if key == "search" and entry["url"]:
            entry["url"] += f"?q={SEARCH_QUERY}"
        user = users.get(key)
        if user is not None and entry["url"]:
            if user.pk not in cookies:
                cookies[user.pk] = login_cookie(user)
            entry["cookie"] = cookies[user.pk]
            entry["user"] = user.get_username()
        elif kind in (PRIVATE,) and entry["url"] and user is None:
            entry["status"] = f"{MISSING_TEXT} (ingen användare)"
        resolved.append(entry)
    return resolved


def uncached_ms(client, url: str, budget_s: float = 8.0) -> float | None:
    """The page's own rendering time, with the cache emptied before each request (in-process).

    Under load the server mostly answers from the cache; this is what a visitor waits for after
    an editor's change, and what a PDF costs to make. Median of up to three, within budget_s."""
    from django.core.cache import cache

    from mandates.cache import clear_local

    def clear() -> None:  # the shared cache and this process's copies of public pages
        cache.clear()
        clear_local()

    times: list[float] = []
    spent = 0.0
    while len(times) < 3 and spent < budget_s:
        clear()
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - started
        spent += elapsed
        if response.status_code != 200:
            return None
        times.append(elapsed * 1000)
    clear()
    times.sort()
    return times[(len(times) - 1) // 2] if times else None


def count_queries(entries: list[dict]) -> None:
    """The separate pass of the issue: each page twice with the test client, queries counted.

    The second request is what the server sees under load (caches warm); the first is shown too
    when it differs."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for entry in entries:
        if entry["status"] != "ok":
            continue
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
        if entry.get("cookie"):
            client.cookies[settings.SESSION_COOKIE_NAME] = entry["cookie"]
        counts, statuses = [], []
        started = time.monotonic()
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(entry["url"])
                if hasattr(response, "streaming_content"):
                    body = b"".join(response.streaming_content)
                else:
                    body = response.content
            counts.append(len(captured.captured_queries))
            statuses.append(response.status_code)
        entry["queries_cold"], entry["queries"] = counts
        entry["bytes"] = len(body)
        # For the owners: what a page asks the database, in the JSON (bench/run.py --json).
        entry["sql"] = [q["sql"][:300] for q in captured.captured_queries]
        entry["content_type"] = response.get("Content-Type", "")
        if statuses[-1] != 200:
            where = response.get("Location", "")
            entry["status"] = f"HTTP {statuses[-1]}" + (f" → {where}" if where else "")
        elif entry["kind"] == PDF and "pdf" not in entry["content_type"]:
            entry["status"] = f"ingen PDF ({entry['content_type']})"
        log(
            f"{entry['key']}: {entry['url']} HTTP {statuses[-1]}, frågor {counts[1]} "
            f"(kall {counts[0]}), {time.monotonic() - started:.1f} s"
        )


def data_counts() -> dict[str, int]:
    from django.apps import apps

    wanted = [
        "organisation.Unit",
        "organisation.Membership",
        "checklists.Assessment",
        "checklists.AssessmentEntry",
        "samverkan.Case",
        "samverkan.PlanVersion",
        "sessions.Session",
        "auth.User",
    ]
    counts = {}
    for label in wanted:
        try:
            counts[label] = apps.get_model(label)._default_manager.count()
        except LookupError:
            continue
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--collectstatic", action="store_true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    django.setup()

    from django.conf import settings
    from django.core.management import call_command

    from bench import generate

    notes: list[str] = []
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    log(f"migrate ({time.monotonic() - started:.1f} s)")
    if args.collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
        log(f"collectstatic till {settings.STATIC_ROOT}")
    fixtures = [str(p) for p in sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))]
    if fixtures:
        call_command("loaddata", *fixtures, verbosity=0)
    content = generate.multiply_content(args.scale)
    log(f"innehåll ×{args.scale}: {sum(content.values())} rader")
    run_seed(
        "seed_demo_units",
        [(["--units"], str(BASE_UNITS * args.scale)), (["--years"], str(YEARS))],
        notes,
    )
    try:
        cases = generate.add_cases(BASE_CASES * args.scale)
        log(f"ärenden: {cases}")
    except (ImportError, LookupError, RuntimeError) as exc:
        notes.append(f"ärenden kunde inte skapas: {exc}")
    generate.add_sessions(BASE_SESSIONS * args.scale)
    analyze()
    entries = resolve(args, notes)
    count_queries(entries)
    counts = data_counts()
    counts.update(content)
    result = {"scale": args.scale, "targets": entries, "data": counts, "notes": notes}
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    log(f"klart på {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
