#!/usr/bin/env bash
# make run: configure on first start, migrate, seed demo data once, serve with gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var
if [ ! -f .env ]; then
  key=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
  sed "s|^DJANGO_SECRET_KEY=.*|DJANGO_SECRET_KEY=$key|" .env.example > .env
  echo "Wrote .env with a new secret key."
fi
. scripts/load-env.sh
load_env .env  # the environment wins over .env
$PY manage.py migrate --noinput -v 0
$PY manage.py collectstatic --noinput -v 0
# Seeds only an empty database: never twice, never over real data.
$PY manage.py seed_demo --if-empty
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
echo
echo "Hòa Nhập is running on http://$HOST:$PORT  (Ctrl+C to stop)"
exec .venv/bin/gunicorn config.wsgi:application \
  --bind "$HOST:$PORT" --workers "${WEB_WORKERS:-3}" --threads 2 \
  --access-logfile - --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" --timeout 60
