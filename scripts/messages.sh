#!/usr/bin/env bash
# Refresh the Vietnamese catalogue from the code, then compile it. Needs GNU gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
# Reading the code needs no secret key: development mode.
export DJANGO_DEBUG=true
.venv/bin/python manage.py makemessages -l vi -l en --no-obsolete --ignore ".venv/*" --ignore "var/*" --ignore "static/vendor/*"
.venv/bin/python manage.py compilemessages --ignore ".venv/*" -v 0
