"""Production settings, unchanged except where the static files are collected.

`make bench` collects them into a temporary folder (BENCH_STATIC_ROOT) so that a run leaves
nothing in the work tree; everything else, DEBUG off included, is familjeombud.settings.production
with the environment bench/run.py sets (see docs/benchmarks.md)."""

from familjeombud.settings.production import *  # noqa: F403
from familjeombud.settings.production import env

STATIC_ROOT = env.path("BENCH_STATIC_ROOT")
