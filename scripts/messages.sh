#!/usr/bin/env bash
# Refresh the Vietnamese catalogue from the code, then compile it. Needs GNU gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py makemessages -l vi -l en --no-obsolete --ignore ".venv/*" --ignore "var/*" --ignore "static/vendor/*"
.venv/bin/python manage.py compilemessages --ignore ".venv/*" -v 0
