"""`make bench`: every page and PDF against a floor, at 1× and 10× data (docs/benchmarks.md)."""
