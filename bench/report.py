"""The tables `make bench` prints. Pure functions over measurements, tested in tests/bench/."""

from dataclasses import dataclass, field

from .wrk import WrkResult

FLOOR = "floor"
STATIC = "static"
PUBLIC = "public"
PRIVATE = "private"
PDF = "pdf"

MISSING = "saknas"

# The targets of issue 8, in one place so the table and the doc say the same.
PUBLIC_MIN_FLOOR_RATIO = 0.5
PRIVATE_MIN_FLOOR_RATIO = 0.2
P95_MAX_MS = 50.0
MAX_QUERIES = 8
DASHBOARD_MAX_MS = 100.0
SCALE_MAX_RATIO = 1.5


@dataclass
class Measurement:
    """One page at one data size: `load` at many connections, `single` at one (service time)."""

    key: str
    label: str
    kind: str
    url: str | None = None
    status: str = "ok"
    load: WrkResult | None = None
    load_connections: int = 0
    single: WrkResult | None = None
    queries: int | None = None
    queries_cold: int | None = None
    uncached_ms: float | None = None
    size_bytes: int | None = None
    pdf_limit_ms: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def measured(self) -> bool:
        return self.status == "ok" and (self.load is not None or self.single is not None)

    @property
    def main(self) -> WrkResult | None:
        return self.load or self.single

    @property
    def main_connections(self) -> int:
        return self.load_connections if self.load is not None else 1


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}"


def fmt_kb(size: int | None) -> str:
    return "–" if size is None else f"{size / 1024:.0f}"


def fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table padded to line up in a terminal too."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(widths[i]) for i, c in enumerate(cells)) + " |"

    rule = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def floor_rps(rows: list[Measurement]) -> float | None:
    """The mean of the floor's runs (first and last), since the shared machine's load drifts."""
    values = [r.load.requests_per_s for r in rows if r.kind == FLOOR and r.measured and r.load]
    return sum(values) / len(values) if values else None


def floor_ratio(row: Measurement, floor: float | None) -> float | None:
    """Only throughput at the same concurrency as the floor compares; PDFs run at one connection."""
    if not floor or not row.measured or row.load is None:
        return None
    return row.load.requests_per_s / floor


def fmt_queries(row: Measurement) -> str:
    if row.queries is None:
        return "–"
    if row.queries_cold is not None and row.queries_cold != row.queries:
        return f"{row.queries} (kall {row.queries_cold})"
    return str(row.queries)


def results_table(rows: list[Measurement]) -> str:
    headers = [
        "sida",
        "anslutn.",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "fel",
        "× golv",
        "p50 ms 1 anslutn.",
        "ms utan cache",
        "frågor/req",
    ]
    floor = floor_rps(rows)
    body = []
    for row in rows:
        if not row.measured:
            cells = [row.label, "–", row.status, *["–"] * 7, fmt_queries(row)]
            cells[-2] = fmt_ms(row.uncached_ms)
            body.append(cells)
            continue
        main = row.main
        body.append(
            [
                row.label,
                str(row.main_connections),
                f"{main.requests_per_s:.1f}",
                fmt_ms(main.p50_ms),
                fmt_ms(main.p95_ms),
                fmt_ms(main.p99_ms),
                f"{main.errors}/{main.requests}",
                fmt_ratio(floor_ratio(row, floor)),
                fmt_ms(row.single.p50_ms if row.single else None),
                fmt_ms(row.uncached_ms),
                fmt_queries(row),
            ]
        )
    return markdown_table(headers, body)


def service_ms(row: Measurement | None) -> float | None:
    """A page's own time: the median with one connection, so queueing does not count."""
    if row is None or not row.measured or row.single is None:
        return None
    return row.single.p50_ms


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or a <= 0:
        return None
    return b / a


def scale_ratio(one: Measurement | None, ten: Measurement | None) -> float | None:
    return _ratio(service_ms(one), service_ms(ten))


def uncached_ratio(one: Measurement | None, ten: Measurement | None) -> float | None:
    return _ratio(one.uncached_ms if one else None, ten.uncached_ms if ten else None)


def scaling_table(rows_1x: list[Measurement], rows_10x: list[Measurement]) -> str:
    by_key = {r.key: r for r in rows_10x}
    headers = [
        "sida",
        "p50 ms 1×",
        "p50 ms 10×",
        "tid 10×/1×",
        "utan cache ms 1× → 10×",
        "utan cache 10×/1×",
        "kB 1× → 10×",
        "req/s 1×",
        "req/s 10×",
        "frågor 1×",
        "frågor 10×",
    ]
    body = []
    for one in rows_1x:
        ten = by_key.get(one.key)
        if not one.measured and not (ten and ten.measured):
            body.append([one.label, one.status, *["–"] * 9])
            continue

        def rps(row: Measurement | None) -> str:
            return f"{row.load.requests_per_s:.1f}" if row and row.measured and row.load else "–"

        ratio = scale_ratio(one, ten)
        body.append(
            [
                one.label,
                fmt_ms(service_ms(one)),
                fmt_ms(service_ms(ten)) if ten and ten.measured else (ten.status if ten else "–"),
                fmt_ratio(ratio),
                f"{fmt_ms(one.uncached_ms)} → {fmt_ms(ten.uncached_ms if ten else None)}",
                fmt_ratio(uncached_ratio(one, ten)),
                f"{fmt_kb(one.size_bytes)} → {fmt_kb(ten.size_bytes if ten else None)}",
                rps(one),
                rps(ten),
                fmt_queries(one),
                fmt_queries(ten) if ten else "–",
            ]
        )
    return markdown_table(headers, body)


@dataclass(frozen=True)
class Verdict:
    target: str
    page: str
    scale: str
    measured: str
    limit: str
    ok: bool | None  # None: could not be measured

    @property
    def word(self) -> str:
        return MISSING if self.ok is None else ("OK" if self.ok else "MISS")


def _check(value: float | None, limit: float, *, at_least: bool) -> bool | None:
    if value is None:
        return None
    return value >= limit if at_least else value <= limit


def evaluate_targets(rows_1x: list[Measurement], rows_10x: list[Measurement]) -> list[Verdict]:
    verdicts: list[Verdict] = []
    ten_by_key = {r.key: r for r in rows_10x}
    for scale, rows in (("1×", rows_1x), ("10×", rows_10x)):
        floor = floor_rps(rows)
        for row in rows:
            if row.kind in (PUBLIC, PRIVATE):
                need = PUBLIC_MIN_FLOOR_RATIO if row.kind == PUBLIC else PRIVATE_MIN_FLOOR_RATIO
                ratio = floor_ratio(row, floor)
                verdicts.append(
                    Verdict(
                        "req/s mot golvet",
                        row.label,
                        scale,
                        fmt_ratio(ratio),
                        f"≥ {need}",
                        _check(ratio, need, at_least=True),
                    )
                )
                p95 = row.load.p95_ms if row.measured and row.load else None
                verdicts.append(
                    Verdict(
                        f"p95 vid {row.load_connections or 50} anslutn.",
                        row.label,
                        scale,
                        fmt_ms(p95),
                        f"≤ {P95_MAX_MS:.0f} ms",
                        _check(p95, P95_MAX_MS, at_least=False),
                    )
                )
            if row.kind in (PUBLIC, PRIVATE, PDF):
                queries = row.queries if row.status == "ok" else None
                verdicts.append(
                    Verdict(
                        "frågor per sida",
                        row.label,
                        scale,
                        "–" if queries is None else str(queries),
                        f"≤ {MAX_QUERIES}",
                        _check(queries, MAX_QUERIES, at_least=False),
                    )
                )
            if row.kind == PDF and row.pdf_limit_ms is not None:
                # Judged on making the PDF, not on fetching it from the cache.
                ms = row.uncached_ms if row.status == "ok" else None
                verdicts.append(
                    Verdict(
                        "PDF-tid utan cache",
                        row.label,
                        scale,
                        fmt_ms(ms),
                        f"≤ {row.pdf_limit_ms:.0f} ms",
                        _check(ms, row.pdf_limit_ms, at_least=False),
                    )
                )
            if row.key == "dashboard" and scale == "10×":
                ms = service_ms(row)
                verdicts.append(
                    Verdict(
                        "översikt, 10× enheter (p50, 1 anslutn.)",
                        row.label,
                        scale,
                        fmt_ms(ms),
                        f"≤ {DASHBOARD_MAX_MS:.0f} ms",
                        _check(ms, DASHBOARD_MAX_MS, at_least=False),
                    )
                )
    for one in rows_1x:
        if one.kind not in (PUBLIC, PRIVATE, PDF):
            continue
        ten = ten_by_key.get(one.key)
        q1 = one.queries if one.status == "ok" else None
        q10 = ten.queries if ten and ten.status == "ok" else None
        same = None if q1 is None or q10 is None else q1 == q10
        verdicts.append(
            Verdict(
                "samma antal frågor vid 10×",
                one.label,
                "1×→10×",
                f"{'–' if q1 is None else q1} → {'–' if q10 is None else q10}",
                "lika",
                same,
            )
        )
        for target, ratio in (
            ("tid 10×/1× (p50, 1 anslutn.)", scale_ratio(one, ten)),
            (
                "tid utan cache 10×/1×",
                uncached_ratio(one, ten) if one.measured and ten and ten.measured else None,
            ),
        ):
            verdicts.append(
                Verdict(
                    target,
                    one.label,
                    "1×→10×",
                    fmt_ratio(ratio),
                    f"≤ {SCALE_MAX_RATIO}",
                    _check(ratio, SCALE_MAX_RATIO, at_least=False),
                )
            )
    return verdicts


def targets_table(verdicts: list[Verdict]) -> str:
    headers = ["mål", "sida", "data", "uppmätt", "gräns", "utfall"]
    body = [[v.target, v.page, v.scale, v.measured, v.limit, v.word] for v in verdicts]
    return markdown_table(headers, body)


def summary_line(verdicts: list[Verdict]) -> str:
    ok = sum(1 for v in verdicts if v.ok is True)
    miss = sum(1 for v in verdicts if v.ok is False)
    missing = sum(1 for v in verdicts if v.ok is None)
    return f"Mål: {ok} OK, {miss} MISS, {missing} {MISSING}"


def targets_matrix(verdicts: list[Verdict]) -> str:
    """One row per page, one column per target; a cell holds 1× then 10× ('0.62 OK · 0.41 MISS')."""
    targets: list[str] = []
    pages: list[str] = []
    cells: dict[tuple[str, str], list[str]] = {}
    for v in verdicts:
        if v.target not in targets:
            targets.append(v.target)
        if v.page not in pages:
            pages.append(v.page)
        text = v.word if v.ok is None else f"{v.measured} {v.word}"
        cells.setdefault((v.page, v.target), []).append(text)
    body = [[p, *(" · ".join(cells.get((p, t), ["–"])) for t in targets)] for p in pages]
    return markdown_table(["sida", *targets], body)


def misses(verdicts: list[Verdict]) -> list[str]:
    return [
        f"MISS {v.page} ({v.scale}): {v.target} {v.measured}, gräns {v.limit}"
        for v in verdicts
        if v.ok is False
    ]
