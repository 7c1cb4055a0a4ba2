# Hòa Nhập — the entry points a newcomer needs.
#   make run    install, migrate, seed demo data on first start, serve on http://127.0.0.1:8000
#   make test   install, start a throw-away PostgreSQL, run every test on SQLite and PostgreSQL
#   make lint   ruff, mypy, layer contracts, migrations check
#   make bench  benchmarks (see docs/performance.md)
#   make worker the background task worker, beside `make run` (see docs/scaling.md)
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run worker test test-sqlite test-postgres lint format bench install install-dev system-deps messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

system-deps:
	@scripts/system-deps.sh

run: install
	@scripts/run.sh

# Runs the queued background tasks (reports, exports, the audit chain check) until stopped.
worker: install
	$(BIN)/python manage.py db_worker

test: install-dev system-deps
	@scripts/test.sh

test-sqlite: install-dev
	DATABASE_URL= $(BIN)/pytest -q

test-postgres: install-dev system-deps
	@scripts/with-postgres.sh $(BIN)/pytest -q

# mypy's Django plugin and makemigrations load the settings: development mode, no secret key needed.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=true $(BIN)/mypy .
	$(BIN)/lint-imports
	DATABASE_URL= DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install-dev
	@scripts/messages.sh

bench: install-dev system-deps
	@scripts/bench.sh

clean:
	rm -rf $(VENV) var/staticfiles
