"""wrk's output as Debian's wrk 4.1 prints it with --latency and bench/p95.lua."""

import pytest

from bench.wrk import WrkOutputError, parse_time_ms, parse_wrk_output

OUTPUT = """Running 5s test @ http://127.0.0.1:34453/halsa/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   157.32ms   40.12ms 301.00ms   70.00%
    Req/Sec   150.00     30.00   200.00     65.00%
  Latency Distribution
     50%  155.50ms
     75%  180.00ms
     90%  220.25ms
     99%  280.00ms
  1501 requests in 5.05s, 400.00KB read
  Non-2xx or 3xx responses: 3
Requests/sec:    297.27
Transfer/sec:     79.21KB
BENCH p95_us=259123
BENCH requests=1501 connect=0 read=1 write=0 status=3 timeout=2
"""


def test_percentiles_throughput_and_count_are_read_from_the_latency_output():
    result = parse_wrk_output(OUTPUT)
    assert result.requests == 1501
    assert result.requests_per_s == pytest.approx(297.27)
    assert result.p50_ms == pytest.approx(155.5)
    assert result.p90_ms == pytest.approx(220.25)
    assert result.p99_ms == pytest.approx(280.0)


def test_p95_comes_from_the_lua_script_in_microseconds():
    assert parse_wrk_output(OUTPUT).p95_ms == pytest.approx(259.123)


def test_errors_add_bad_statuses_and_socket_errors():
    result = parse_wrk_output(OUTPUT)
    assert result.non_2xx_3xx == 3
    assert result.read_errors == 1
    assert result.timeouts == 2
    assert result.errors == 6


def test_socket_errors_line_is_read_when_the_script_did_not_run():
    text = OUTPUT.split("BENCH")[0] + ("  Socket errors: connect 4, read 0, write 0, timeout 7\n")
    result = parse_wrk_output(text)
    assert (result.connect_errors, result.timeouts) == (4, 7)
    assert result.p95_ms is None
    assert result.errors == 3 + 4 + 7


def test_a_run_without_completed_requests_has_no_percentiles():
    text = """Running 1s test @ http://127.0.0.1:1/x
  1 threads and 1 connections
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 1.00s, 0.00B read
  Socket errors: connect 0, read 0, write 0, timeout 1
Requests/sec:      0.00
Transfer/sec:       0.00B
BENCH p95_us=0
BENCH requests=0 connect=0 read=0 write=0 status=0 timeout=1
"""
    result = parse_wrk_output(text)
    assert result.requests == 0
    assert result.p50_ms is None and result.p95_ms is None and result.p99_ms is None
    assert result.errors == 1


@pytest.mark.parametrize(
    ("text", "ms"),
    [("828.00us", 0.828), ("2.60ms", 2.6), ("1.02s", 1020.0), ("1.50m", 90_000.0)],
)
def test_wrk_time_units_become_milliseconds(text, ms):
    assert parse_time_ms(text) == pytest.approx(ms)


def test_an_unknown_time_unit_is_refused():
    with pytest.raises(WrkOutputError):
        parse_time_ms("3 parsecs")


def test_output_of_a_crashed_wrk_is_refused():
    with pytest.raises(WrkOutputError):
        parse_wrk_output("unable to connect to 127.0.0.1:1 Connection refused\n")
