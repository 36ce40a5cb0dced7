"""`make bench`: gunicorn with production settings on a throwaway PostgreSQL, loaded with wrk.

Run by bench/run inside .ci/with-postgres (which exports DATABASE_URL). For each data size it
builds a database (bench/prepare.py), starts gunicorn, measures every page with wrk on loopback,
stops gunicorn, and at the end prints the tables of docs/benchmarks.md."""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

from bench.ahead import AheadResult, ahead_table, measure_ahead_all
from bench.report import (
    PDF,
    Measurement,
    evaluate_targets,
    misses,
    results_table,
    scaling_table,
    summary_line,
    targets_matrix,
)
from bench.server import ROOT, WORKERS, Server, create_database, fetch_status
from bench.wrk import WrkOutputError, parse_wrk_output

LUA = Path(__file__).with_name("p95.lua")
CONNECTIONS = 50
FLOORS = {"floor", "static", "floor_end"}  # measured whatever --pages asks for
BUDGET_S = 9 * 60  # the whole run must end within 10 minutes on 2 cores


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine_info() -> dict[str, str]:
    def run(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    wrk_version = run(["wrk", "--version"]).splitlines()
    free = run(["free", "-h"]).splitlines()
    memory = " ".join(free[1].split()[1:4]) if len(free) > 1 else "?"
    return {
        "datum (UTC)": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "nproc": run(["nproc"]),
        "CPU": cpu,
        "minne (free -h: total, använt, fritt)": memory,
        "load average (start)": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "Python": platform.python_version(),
        "wrk": wrk_version[0] if wrk_version else "?",
        "PostgreSQL": run(["bash", "-c", "ls /usr/lib/postgresql | sort -V | tail -1"]),
    }


def wrk(url: str, *, connections: int, seconds: int, timeout_s: int, cookie: str | None) -> str:
    threads = min(2, connections)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s"]
    cmd += ["--latency", "-s", str(LUA)]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(url)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + timeout_s + 30)
    if done.returncode != 0:
        raise WrkOutputError(done.stderr.strip() or done.stdout.strip())
    return done.stdout


def warm_up(url: str, cookie: str | None) -> None:
    """Two requests per worker, all answered, so that no worker's first request (imports,
    template compilation, font loading for PDFs) is measured and nothing is left queued."""
    threads = [
        threading.Thread(target=fetch_status, args=(url, cookie)) for _ in range(2 * WORKERS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def drain(row: Measurement) -> None:
    """Waits while gunicorn answers the requests wrk abandoned when its time ran out (up to one
    per connection), so the next page starts on an idle server."""
    service_s = (row.single.p50_ms or 0) / 1000 if row.single else 0
    time.sleep(min(20.0, CONNECTIONS * service_s / WORKERS * 1.2 + 0.2))


class Timer:
    """bench/timer.py for one data size: the page's time in-process with the cache emptied."""

    def __init__(self, env: dict[str, str]):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.timer"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def uncached_ms(self, url: str, cookie: str | None) -> float | None:
        from bench.timer import PREFIX

        self.proc.stdin.write(json.dumps({"url": url, "cookie": cookie}) + "\n")
        self.proc.stdin.flush()
        for line in self.proc.stdout:
            if line.startswith(PREFIX):
                return json.loads(line[len(PREFIX) :])["uncached_ms"]
        return None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


class Budget:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()


def measure(entry: dict, server: Server, durations: dict, budget: Budget) -> Measurement:
    row = Measurement(
        key=entry["key"],
        label=entry["label"],
        kind=entry["kind"],
        url=entry.get("url"),
        status=entry["status"],
        queries=entry.get("queries"),
        queries_cold=entry.get("queries_cold"),
        size_bytes=entry.get("bytes"),
        pdf_limit_ms=entry.get("pdf_limit_ms"),
    )
    if row.status != "ok":
        return row
    if row.kind == PDF:
        needed = durations["pdf"] + 15
    else:
        needed = durations["load"] + durations["single"] + 5
    if budget.left() < needed + 5:
        row.status = "hoppad (tidsgräns)"
        return row
    url = server.base + entry["url"]
    cookie = f"sessionid={entry['cookie']}" if entry.get("cookie") else None
    status = fetch_status(url, cookie)
    if status != 200:
        row.status = f"HTTP {status} från gunicorn"
        return row
    try:
        warm_up(url, cookie)
        if row.kind == PDF:
            row.single = parse_wrk_output(
                wrk(url, connections=1, seconds=durations["pdf"], timeout_s=60, cookie=cookie)
            )
        else:
            # One connection first: after the many-connection run the server still works off
            # requests wrk abandoned, which would count as this page's time.
            row.single = parse_wrk_output(
                wrk(url, connections=1, seconds=durations["single"], timeout_s=10, cookie=cookie)
            )
            row.load = parse_wrk_output(
                wrk(
                    url,
                    connections=CONNECTIONS,
                    seconds=durations["load"],
                    timeout_s=10,
                    cookie=cookie,
                )
            )
            row.load_connections = CONNECTIONS
            drain(row)
    except (WrkOutputError, subprocess.TimeoutExpired) as exc:
        row.status = f"wrk-fel: {str(exc)[:60]}"
    main = row.main
    if main is not None:
        log(
            f"  {row.label}: {main.requests_per_s:.1f} req/s, p50 {main.p50_ms} ms, "
            f"p95 {main.p95_ms} ms, fel {main.errors}/{main.requests}"
        )
    return row


def prepare_scale(scale: int, env: dict, budget: Budget, workdir: Path, collect: bool) -> dict:
    out = workdir / f"prepare-{scale}x.json"
    log(f"{scale}×: bygger databasen")
    cmd = [sys.executable, "-m", "bench.prepare", "--scale", str(scale), "--out", str(out)]
    if collect:
        cmd.append("--collectstatic")
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, timeout=max(60, budget.left()))
    return json.loads(out.read_text())


def measure_all(
    prepared: dict[int, dict],
    envs: dict[int, dict],
    durations: dict,
    budget: Budget,
    workdir,
    ahead: list | None = None,
    only: set[str] | None = None,
) -> dict[int, list[Measurement]]:
    """One gunicorn per data size, side by side; each page is measured at 1× and at once at 10×,
    so the machine's drifting load (it is shared) weighs on both sizes alike."""
    servers: dict[int, Server] = {}
    timers: dict[int, Timer] = {}
    rows: dict[int, list[Measurement]] = {scale: [] for scale in prepared}
    try:
        for scale in prepared:
            servers[scale] = Server(envs[scale], workdir / f"gunicorn-{scale}x.log")
            timers[scale] = Timer(envs[scale])
        for scale, server in servers.items():
            server.wait_ready()
            log(f"{scale}×: gunicorn ({WORKERS} arbetare) på {server.base}")
        by_key = {scale: {t["key"]: t for t in p["targets"]} for scale, p in prepared.items()}
        first = next(iter(prepared.values()))
        for key in [t["key"] for t in first["targets"]]:
            if only and key not in only and key not in FLOORS:
                continue
            for scale, server in servers.items():
                rows[scale].append(measure(by_key[scale][key], server, durations, budget))
            for scale, timer in timers.items():
                row, entry = rows[scale][-1], by_key[scale][key]
                if row.status == "ok" and budget.left() > 30:
                    row.uncached_ms = timer.uncached_ms(entry["url"], entry.get("cookie"))
        if ahead is not None:
            ahead.extend(measure_ahead_all(servers, envs, budget.left))
    finally:
        for server in servers.values():
            server.stop()
        for timer in timers.values():
            timer.stop()
    return rows


def measure_with_redis(
    prepared: dict[int, dict],
    envs: dict[int, dict],
    redis_url: str,
    durations,
    budget,
    workdir,
    only: set[str] | None = None,
) -> list[Measurement]:
    """The smallest data size again, its database unchanged, with Redis as the shared cache."""
    scale = min(prepared)
    folder = workdir / "redis"
    folder.mkdir()
    env = {**envs[scale], "CACHE_URL": redis_url}
    try:
        single = {scale: prepared[scale]}
        return measure_all(single, {scale: env}, durations, budget, folder, only=only)[scale]
    except (subprocess.SubprocessError, RuntimeError, OSError) as exc:
        log(f"mätningen med Redis avbröts: {exc}")
        return failed_scale(str(exc))[0]


def failed_scale(reason: str) -> tuple[list[Measurement], dict]:
    from bench.prepare import TARGETS

    status = f"fel: {reason.splitlines()[0][:50]}" if reason else "fel"
    rows = [Measurement(key=t[0], label=t[1], kind=t[2], status=status) for t in TARGETS]
    return rows, {"data": {}, "notes": [f"avbrutet: {reason}"], "targets": []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="korta körningar (för utveckling)")
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--json", help="skriv alla mätvärden som JSON hit")
    parser.add_argument(
        "--pages",
        default="",
        help="bara dessa sidor (nycklar ur bench/prepare.py TARGETS, t.ex. unit,dashboard) och "
        "golvet; hoppar över PDF:erna efter en ändring",
    )
    parser.add_argument("--no-redis", action="store_true", help="hoppa över passet med Redis")
    args = parser.parse_args(argv)
    only = {p for p in args.pages.split(",") if p} or None
    # `timeout` or Ctrl-C: leave through the finally blocks, which stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("DATABASE_URL till PostgreSQL saknas: kör via `make bench`.", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk saknas: kör via `make bench` (installerar Debians paket wrk).", file=sys.stderr)
        return 2
    durations = (
        {"load": 2, "single": 1, "pdf": 3} if args.quick else {"load": 4, "single": 2, "pdf": 5}
    )
    budget = Budget(BUDGET_S)
    started = time.monotonic()
    info = machine_info()
    workdir = Path(tempfile.mkdtemp(prefix="familjeombud-bench."))
    base_url = os.environ["DATABASE_URL"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: the HTTPS redirect and secure-only cookies would stop wrk.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
    }
    # .ci/with-redis exports CACHE_URL: the main run keeps the database cache (the default a
    # region starts with); the same 1× database is then measured once more with Redis.
    redis_url = env.pop("CACHE_URL", None)
    redis_rows: list[Measurement] = []
    redis_scale = 0
    results: dict[int, tuple[list[Measurement], dict]] = {}
    ahead: list[AheadResult] = []
    prepared: dict[int, dict] = {}
    envs: dict[int, dict] = {}
    try:
        for i, scale in enumerate(int(s) for s in args.scales.split(",")):
            try:
                url = base_url if i == 0 else create_database(base_url, f"familjeombud_{scale}x")
                envs[scale] = {**env, "DATABASE_URL": url}
                prepared[scale] = prepare_scale(scale, envs[scale], budget, workdir, i == 0)
            except (subprocess.SubprocessError, RuntimeError, OSError) as exc:
                # Print what was measured, and say where this size stopped.
                log(f"{scale}×: avbrutet: {exc}")
                results[scale] = failed_scale(str(exc))
        if prepared:
            try:
                measured = measure_all(
                    prepared, envs, durations, budget, workdir, None if only else ahead, only
                )
                for scale, rows in measured.items():
                    results[scale] = (rows, prepared[scale])
            except (subprocess.SubprocessError, RuntimeError, OSError) as exc:
                log(f"mätningen avbröts: {exc}")
                for scale in prepared:
                    results[scale] = failed_scale(str(exc))
        if prepared and redis_url and not args.no_redis:
            redis_scale = min(prepared)
            redis_rows = measure_with_redis(
                prepared, envs, redis_url, durations, budget, workdir, only
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results = dict(sorted(results.items()))

    elapsed = time.monotonic() - started
    info["load average (slut)"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print()
    print("## Maskin")
    for key, value in info.items():
        print(f"- {key}: {value}")
    print(
        f"- gunicorn {WORKERS} arbetare (sync) per datastorlek, sidorna växelvis 1× och 10×; "
        f"wrk -c{CONNECTIONS} -d{durations['load']}s; "
        f"1 anslutn. -d{durations['single']}s; PDF 1 anslutn. -d{durations['pdf']}s"
    )
    for scale, (rows, prepared) in results.items():
        print(f"\n## {scale}× data")
        data = ", ".join(f"{k.split('.')[-1]} {v}" for k, v in prepared["data"].items())
        print(f"Data: {data}")
        for note in prepared["notes"]:
            print(f"Not: {note}")
        print()
        print(results_table(rows))
    scales = sorted(results)
    if len(scales) >= 2:
        one, ten = results[scales[0]][0], results[scales[-1]][0]
        print(f"\n## {scales[-1]}× mot {scales[0]}×")
        print(scaling_table(one, ten))
        verdicts = evaluate_targets(one, ten)
        print("\n## Mål (1× · 10×)")
        print(targets_matrix(verdicts))
        print()
        for line in misses(verdicts):
            print(line)
        print(summary_line(verdicts))
    if redis_rows:
        print(f"\n## {redis_scale}× data, Redis som cache (CACHE_URL, sessioner i cached_db)")
        print()
        print(results_table(redis_rows))
    if ahead:
        print("\n## PDF:er direkt efter en ändring i innehållet (issue 17)")
        print(ahead_table(ahead))
    print(f"\nTotal tid: {elapsed:.0f} s")
    if args.json:
        payload = {
            "machine": info,
            "durations": durations,
            "elapsed_s": round(elapsed),
            "scales": {
                str(s): {"rows": [asdict(r) for r in rows], "prepared": prepared}
                for s, (rows, prepared) in results.items()
            },
        }
        payload["redis"] = [asdict(r) for r in redis_rows]
        for scale_data in payload["scales"].values():
            for t in scale_data["prepared"]["targets"]:
                t.pop("cookie", None)
        Path(args.json).write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
