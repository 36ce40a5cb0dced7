"""The tables `make bench` prints and the verdicts against the targets of issue 8."""

from bench.report import (
    FLOOR,
    PDF,
    PRIVATE,
    PUBLIC,
    Measurement,
    evaluate_targets,
    floor_ratio,
    floor_rps,
    markdown_table,
    misses,
    results_table,
    scaling_table,
    summary_line,
    targets_matrix,
)
from bench.wrk import WrkResult


def wrk(rps: float, p50: float, p95: float | None = None, requests: int = 100, bad: int = 0):
    return WrkResult(
        requests=requests,
        requests_per_s=rps,
        p50_ms=p50,
        p90_ms=p50 * 1.5,
        p95_ms=p95 if p95 is not None else p50 * 2,
        p99_ms=p50 * 3,
        non_2xx_3xx=bad,
    )


def page(key, kind, rps, p95, single_ms, queries, uncached=None, **extra):
    return Measurement(
        key=key,
        label=key.capitalize(),
        kind=kind,
        url=f"/{key}/",
        load=wrk(rps, p95 / 2, p95),
        load_connections=50,
        single=wrk(1000 / single_ms, single_ms),
        queries=queries,
        uncached_ms=uncached,
        **extra,
    )


def pdf(key, ms, uncached, limit, queries=3):
    return Measurement(
        key=key,
        label=key.capitalize(),
        kind=PDF,
        single=wrk(1000 / ms, ms),
        queries=queries,
        uncached_ms=uncached,
        pdf_limit_ms=limit,
    )


def test_markdown_table_pads_every_column_to_its_widest_cell():
    table = markdown_table(["a", "bb"], [["ccc", "d"]])
    assert table.splitlines() == ["| a   | bb |", "| --- | -- |", "| ccc | d  |"]


def test_floor_is_the_mean_of_its_runs_and_pages_are_ratios_to_it():
    rows = [
        page("floor", FLOOR, 400, 20, 2, 0),
        page("home", PUBLIC, 150, 40, 5, 2),
        page("floor_end", FLOOR, 200, 20, 2, 0),
    ]
    assert floor_rps(rows) == 300
    assert floor_ratio(rows[1], 300) == 0.5


def test_results_table_shows_every_page_and_missing_ones_as_saknas():
    rows = [
        page("floor", FLOOR, 400, 20, 2, 0),
        page("home", PUBLIC, 200, 40, 5, 2, uncached=12.5),
        Measurement(key="case", label="Ärende", kind=PRIVATE, status="saknas"),
        pdf("plan", 40, 250, 300),
    ]
    rows[1].queries_cold = 9
    lines = results_table(rows).splitlines()
    assert lines[0].split("|")[1].strip() == "sida"
    home = [c.strip() for c in lines[3].split("|")[1:-1]]
    assert home == [
        "Home",
        "50",
        "200.0",
        "20.0",
        "40.0",
        "60.0",
        "0/100",
        "0.50",
        "5.0",
        "12.5",
    ] + ["2 (kall 9)"]
    case = [c.strip() for c in lines[4].split("|")[1:-1]]
    assert case[0] == "Ärende" and case[2] == "saknas"
    plan = [c.strip() for c in lines[5].split("|")[1:-1]]
    assert plan[1] == "1" and plan[7] == "–"  # one connection: no ratio to the floor


def test_errors_column_counts_bad_answers_out_of_all_requests():
    row = page("home", PUBLIC, 200, 40, 5, 2)
    row.load = wrk(200, 20, requests=500, bad=7)
    line = results_table([row]).splitlines()[2]
    assert "| 7/500 |" in line


def test_scaling_table_divides_the_10x_time_by_the_1x_time():
    one = [page("home", PUBLIC, 200, 40, 4, 2, uncached=10)]
    ten = [page("home", PUBLIC, 100, 80, 6, 2, uncached=30)]
    cells = [c.strip() for c in scaling_table(one, ten).splitlines()[2].split("|")[1:-1]]
    assert cells[:5] == ["Home", "4.0", "6.0", "1.50", "10.0 → 30.0"]
    assert cells[5] == "3.00"
    assert cells[6] == "– → –"  # sizes unknown


def test_scaling_table_shows_how_the_page_grew_in_kilobytes():
    one = [page("area", PUBLIC, 200, 40, 4, 2)]
    ten = [page("area", PUBLIC, 200, 40, 4, 2)]
    one[0].size_bytes, ten[0].size_bytes = 10 * 1024, 100 * 1024
    cells = [c.strip() for c in scaling_table(one, ten).splitlines()[2].split("|")[1:-1]]
    assert cells[6] == "10 → 100"


def verdicts_by(verdicts, page_label, target, scale):
    found = [
        v for v in verdicts if v.page == page_label and v.target == target and v.scale == scale
    ]
    assert len(found) == 1, (page_label, target, scale)
    return found[0]


def test_public_page_needs_half_the_floor_and_a_logged_in_page_a_fifth():
    rows = [
        page("floor", FLOOR, 1000, 20, 2, 0),
        page("home", PUBLIC, 499, 40, 5, 2),
        page("dashboard", PRIVATE, 200, 40, 5, 2),
    ]
    verdicts = evaluate_targets(rows, rows)
    assert verdicts_by(verdicts, "Home", "req/s mot golvet", "1×").ok is False
    assert verdicts_by(verdicts, "Dashboard", "req/s mot golvet", "1×").ok is True


def test_p95_queries_and_query_growth_are_judged_per_page():
    floor = page("floor", FLOOR, 1000, 20, 2, 0)
    one = [floor, page("unit", PRIVATE, 500, 50, 5, 8)]
    ten = [floor, page("unit", PRIVATE, 500, 51, 5, 9)]
    verdicts = evaluate_targets(one, ten)
    assert verdicts_by(verdicts, "Unit", "p95 vid 50 anslutn.", "1×").ok is True
    assert verdicts_by(verdicts, "Unit", "p95 vid 50 anslutn.", "10×").ok is False
    assert verdicts_by(verdicts, "Unit", "frågor per sida", "1×").ok is True
    assert verdicts_by(verdicts, "Unit", "frågor per sida", "10×").ok is False
    same = verdicts_by(verdicts, "Unit", "samma antal frågor vid 10×", "1×→10×")
    assert same.ok is False and same.measured == "8 → 9"


def test_pdf_is_judged_on_rendering_without_the_cache():
    rows = [pdf("plan", ms=5, uncached=301, limit=300)]
    verdict = verdicts_by(evaluate_targets(rows, rows), "Plan", "PDF-tid utan cache", "1×")
    assert verdict.ok is False and verdict.measured == "301"


def test_dashboard_at_10x_must_answer_within_100_ms():
    one = [page("dashboard", PRIVATE, 100, 40, 30, 5)]
    ten = [page("dashboard", PRIVATE, 100, 40, 101, 5)]
    verdicts = evaluate_targets(one, ten)
    assert (
        verdicts_by(verdicts, "Dashboard", "översikt, 10× enheter (p50, 1 anslutn.)", "10×").ok
        is False
    )


def test_10x_data_may_cost_at_most_one_and_a_half_times_the_time():
    one = [page("films", PUBLIC, 100, 40, 10, 2, uncached=20)]
    ten = [page("films", PUBLIC, 100, 40, 15, 2, uncached=31)]
    verdicts = evaluate_targets(one, ten)
    assert verdicts_by(verdicts, "Films", "tid 10×/1× (p50, 1 anslutn.)", "1×→10×").ok is True
    assert verdicts_by(verdicts, "Films", "tid utan cache 10×/1×", "1×→10×").ok is False


def test_a_missing_page_is_reported_missing_never_as_passed():
    missing = Measurement(key="case", label="Ärende", kind=PRIVATE, status="saknas")
    verdicts = [v for v in evaluate_targets([missing], [missing]) if v.page == "Ärende"]
    assert verdicts and all(v.ok is None and v.word == "saknas" for v in verdicts)
    assert summary_line(verdicts) == f"Mål: 0 OK, 0 MISS, {len(verdicts)} saknas"


def test_matrix_puts_1x_before_10x_and_misses_name_page_scale_and_limit():
    floor = page("floor", FLOOR, 1000, 20, 2, 0)
    one = [floor, page("home", PUBLIC, 600, 40, 5, 2)]
    ten = [floor, page("home", PUBLIC, 400, 40, 5, 2)]
    verdicts = evaluate_targets(one, ten)
    row = next(line for line in targets_matrix(verdicts).splitlines() if line.startswith("| Home"))
    assert "0.60 OK · 0.40 MISS" in row
    assert misses(verdicts) == ["MISS Home (10×): req/s mot golvet 0.40, gräns ≥ 0.5"]
