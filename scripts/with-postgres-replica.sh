#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL primary and a hot standby streaming from it (the
# read replica of docs/scaling.md), on loopback, then remove both:
#   scripts/with-postgres-replica.sh .venv/bin/python manage.py runserver
# The command sees DATABASE_URL (the primary) and DATABASE_REPLICA_URL (the standby). The servers
# are set up by tests/scaling/pg_cluster.py, the same code the replica router's test uses.
set -euo pipefail
exec python3 "$(dirname "$0")/../tests/scaling/pg_cluster.py" "$@"
