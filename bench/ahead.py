"""PDFs made ahead (issue 17), measured against a running gunicorn: right after a content
change, how long the first visitor of each area PDF and of the whole package waits.

Twice per data size: first without a queue worker (the visitor pays the render, as before
issue 17), then with a worker (`manage.py db_worker`) that makes the PDFs for the new content
version; the first request is timed once the worker's task has finished, and the worker's own
time is read from the queue's table."""

import json
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field

import psycopg

from bench.server import ROOT

# An editor's save of one reflection question, as admin does it (one transaction).
CHANGE = (
    "import json; from django.db import transaction; "
    "from mandates.models import ReflectionQuestion as Q; "
    "from mandates.cache import current_version; from mandates.ahead import pdf_paths\n"
    "with transaction.atomic():\n"
    "    q = Q.objects.order_by('pk').first(); q.text = q.text.rstrip() + ' '; q.save()\n"
    "print(json.dumps([current_version(), pdf_paths()]))"
)


@dataclass
class AheadResult:
    scale: int
    pdfs: int = 0
    without_worker_ms: dict[str, float] = field(default_factory=dict)
    with_worker_ms: dict[str, float] = field(default_factory=dict)
    worker_s: float | None = None
    status: str = "ok"


def change_content(env: dict) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CHANGE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    version, paths = json.loads(done.stdout.strip().splitlines()[-1])
    return version, paths


def first_request_ms(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        assert response.headers["Content-Type"] == "application/pdf", url
    return (time.perf_counter() - started) * 1000


def wait_for_task(database_url: str, version: int, timeout: float) -> float:
    """The worker's time for the version's task, once it has finished."""
    deadline = time.monotonic() + timeout
    query = (
        "SELECT status, EXTRACT(EPOCH FROM finished_at - started_at) "
        "FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'mandates.tasks.make_pdfs_ahead' AND args_kwargs->'args'->>0 = %s"
    )
    while time.monotonic() < deadline:
        with psycopg.connect(database_url) as conn:
            row = conn.execute(query, [str(version)]).fetchone()
        if row and row[0] == "SUCCESSFUL":
            return float(row[1])
        if row and row[0] == "FAILED":
            raise RuntimeError("uppgiften misslyckades")
        time.sleep(0.2)
    raise RuntimeError(f"arbetaren blev inte klar inom {timeout:.0f} s")


def measure_ahead(scale: int, base: str, env: dict, timeout: float = 120) -> AheadResult:
    result = AheadResult(scale)
    env = {**env, "SITE_URL": base}
    url = env["DATABASE_URL"]
    _, paths = change_content(env)  # no worker runs: the first visitor of each PDF makes it
    result.pdfs = len(paths)
    for path in paths:
        result.without_worker_ms[path] = first_request_ms(base + path)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        version, _ = change_content(env)
        result.worker_s = wait_for_task(url, version, timeout)
        for path in paths:
            result.with_worker_ms[path] = first_request_ms(base + path)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return result


def measure_ahead_all(servers: dict, envs: dict, seconds_left) -> list[AheadResult]:
    """The phase for each data size's running server, while the run's budget allows."""
    results = []
    for scale, server in servers.items():
        if seconds_left() < 90:
            results.append(AheadResult(scale, status="hoppades över: tiden slut"))
            continue
        try:
            results.append(measure_ahead(scale, server.base, envs[scale]))
        except (subprocess.SubprocessError, RuntimeError, OSError) as exc:
            results.append(AheadResult(scale, status=f"fel: {str(exc).splitlines()[0][:60]}"))
    return results


def ahead_table(results: list[AheadResult]) -> str:
    lines = [
        "| Data | PDF | Första besökaren utan arbetare (ms) | Med arbetare (ms) |",
        "| --- | --- | ---: | ---: |",
    ]
    for r in results:
        if r.status != "ok":
            lines.append(f"| {r.scale}× | – | {r.status} | |")
            continue
        for path, ms in r.without_worker_ms.items():
            name = "hela stödpaketet" if path.endswith(".pdf") else path.split("/")[-3]
            lines.append(f"| {r.scale}× | {name} | {ms:.0f} | {r.with_worker_ms[path]:.0f} |")
        lines.append(
            f"| {r.scale}× | arbetarens tid för alla {r.pdfs} PDF:er | | {r.worker_s * 1000:.0f} |"
        )
    return "\n".join(lines)
