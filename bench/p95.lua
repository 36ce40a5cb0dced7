-- wrk prints p50/p90/p99 with --latency but no p95; this adds it, with the error counts, as lines
-- that bench/wrk.py reads ("BENCH key=value ...").
done = function(summary, latency, requests)
  io.write(string.format("BENCH p95_us=%d\n", latency:percentile(95)))
  io.write(string.format(
    "BENCH requests=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
