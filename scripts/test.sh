#!/usr/bin/env bash
# The whole suite on SQLite, then on PostgreSQL. Any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings
unset DATABASE_URL
echo "== Tests on SQLite =="
.venv/bin/pytest -q "$@"
echo "== Tests on PostgreSQL =="
scripts/with-postgres.sh .venv/bin/pytest -q "$@"
