#!/usr/bin/env bash
# make bench: build (or reuse) the benchmark data, measure on SQLite and PostgreSQL, write
# bench/results/<date>-<engine>.json and docs/performance.md, print every figure against its target.
#   make bench                      the full run (about 30 minutes the first time, data reused after)
#   make bench BENCH_QUICK=1        a smoke run: small data, a 30-second load
#   BENCH_LOAD_SECONDS=120 make bench   a shorter load (default 600 s per engine)
#   BENCH_ENGINES=sqlite make bench     one engine
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_QUICK=${BENCH_QUICK:-}
exec .venv/bin/python -m bench --engines "${BENCH_ENGINES:-sqlite,postgres}"
