"""Reading wrk's text output: pure functions, so the numbers in the table are proven by tests."""

import re
from dataclasses import dataclass

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_TIME = re.compile(r"^\s*([0-9.]+)\s*(us|ms|s|m|h)\s*$")
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+(\S+)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([0-9.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
)
_BENCH_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)


class WrkOutputError(ValueError):
    """wrk printed something this parser does not understand (it crashed, or its format changed)."""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_s: float
    p50_ms: float | None
    p90_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    non_2xx_3xx: int = 0
    connect_errors: int = 0
    read_errors: int = 0
    write_errors: int = 0
    timeouts: int = 0

    @property
    def errors(self) -> int:
        """Every request that did not end in a usable answer: bad status, or a socket error."""
        return (
            self.non_2xx_3xx
            + self.connect_errors
            + self.read_errors
            + self.write_errors
            + self.timeouts
        )


def parse_time_ms(text: str) -> float:
    """'828.00us' -> 0.828, '2.60ms' -> 2.6, '1.02s' -> 1020.0 (wrk's own units)."""
    match = _TIME.match(text)
    if not match:
        raise WrkOutputError(f"okänd tid i wrk:s utdata: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def _bench_values(text: str) -> dict[str, int]:
    values: dict[str, int] = {}
    for line in _BENCH_LINE.findall(text):
        for pair in line.split():
            key, _, value = pair.partition("=")
            if value.lstrip("-").isdigit():
                values[key] = int(value)
    return values


def parse_wrk_output(text: str) -> WrkResult:
    """Reads `wrk --latency -s bench/p95.lua` output; p95 and socket errors come from the script.

    Without any completed request wrk prints no distribution: the percentiles are then None.
    """
    rps = _RPS.search(text)
    total = _TOTAL.search(text)
    if not rps or not total:
        raise WrkOutputError("wrk:s utdata saknar 'Requests/sec' eller antalet förfrågningar")
    requests = int(total.group(1))
    percentiles = {int(p): parse_time_ms(v) for p, v in _PERCENTILE.findall(text)}
    bench = _bench_values(text)
    p95 = bench.get("p95_us")
    socket = _SOCKET.search(text)
    connect, read, write, timeout = (int(g) for g in socket.groups()) if socket else (0, 0, 0, 0)
    # The script's counts win when present: they are the same numbers, without rounding.
    connect = bench.get("connect", connect)
    read = bench.get("read", read)
    write = bench.get("write", write)
    timeout = bench.get("timeout", timeout)
    non_2xx = _NON_2XX.search(text)
    has_latency = requests > 0 and bool(percentiles)
    return WrkResult(
        requests=requests,
        requests_per_s=float(rps.group(1)),
        p50_ms=percentiles.get(50) if has_latency else None,
        p90_ms=percentiles.get(90) if has_latency else None,
        p95_ms=(p95 / 1000.0) if (p95 is not None and has_latency) else None,
        p99_ms=percentiles.get(99) if has_latency else None,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        connect_errors=connect,
        read_errors=read,
        write_errors=write,
        timeouts=timeout,
    )
