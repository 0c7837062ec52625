# Action Tracker: `make run` to try it, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test lint format migrate demo assets worker ci clean system-deps

install: .stamps/python .stamps/assets

.stamps/python: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@mkdir -p .stamps && touch $@

.stamps/assets: package.json package-lock.json static/build-assets.mjs static/scss/app.scss
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@mkdir -p .stamps && touch $@

assets: .stamps/assets

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The development server, with the background worker beside it (large paper PDFs are made
# there); stopping the server stops the worker.
run: demo
	$(PY) manage.py schedule_chases; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-style serving: gunicorn with static files from WhiteNoise.
serve: migrate
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn actiontracker.wsgi --bind $(HOST):$(PORT) --workers $${WORKERS:-3} \
		--timeout 120 --access-logfile - --logger-class actiontracker.logs.GunicornLogger

# The background worker: renders large paper PDFs queued by the app (django-tasks), and
# runs the chase schedule once a day (schedule_chases queues its first run).
worker: migrate
	$(PY) manage.py schedule_chases
	$(PY) manage.py db_worker --no-reload

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# What the tests need from Debian beyond Python and npm: Chromium for the browser tests,
# pdftotext for PDF checks, Liberation Sans for the papers. Installed when run as root;
# otherwise the one command to run is named.
SYSTEM_PACKAGES_MISSING = $(strip \
	$(if $(wildcard /usr/bin/chromium),,chromium) \
	$(if $(shell command -v pdftotext),,poppler-utils) \
	$(if $(shell fc-list 2>/dev/null | grep -i "Liberation Sans"),,fonts-liberation))

system-deps:
ifneq ($(SYSTEM_PACKAGES_MISSING),)
	@if [ "$$(id -u)" = "0" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES_MISSING); \
	else \
		echo "The tests need: sudo apt-get install -y $(SYSTEM_PACKAGES_MISSING)" >&2; exit 1; \
	fi
endif

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: system-deps lint
	$(VENV)/bin/pytest $(PYTEST_ARGS)

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles .stamps
