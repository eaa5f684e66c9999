# The two commands of README: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format worker beat bench check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

# Local development settings; written once, never committed (.gitignore). Delete it to start over.
.env:
	printf '# Written by make: development settings for this checkout.\nDEBUG=true\nWEERTHUIS_DEMO=true\n' > .env

## run: install, migrate, load the Zaanstreek demo data and serve on http://127.0.0.1:8000
run: $(VENV)/.installed-run .env
	mkdir -p var/static
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Weer Thuis draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install and run every test (embedded PostgreSQL unless DATABASE_URL is set)
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Lint needs no database. The settings want DEBUG (or a SECRET_KEY) and a database URL (without one they start
# the embedded server); mypy's Django plugin and makemigrations load them but do not need the database, so they get
# one nobody listens on. makemigrations then warns it could not check the applied migrations' history: not asked.
LINT_ENV := DEBUG=true DATABASE_URL=postgres://lint@127.0.0.1:1/lint-needs-no-database

## lint: ruff (lint and format), mypy, and a migration for every model change
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(LINT_ENV) $(BIN)/mypy
	$(LINT_ENV) $(BIN)/python -W "ignore:Got an error checking a consistent migration history:RuntimeWarning" \
		manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## worker / beat: Celery on the broker in REDIS_URL (or CELERY_BROKER_URL)
worker: $(VENV)/.installed-run
	$(BIN)/celery -A weerthuis worker --loglevel=INFO

beat: $(VENV)/.installed-run
	$(BIN)/celery -A weerthuis beat --loglevel=INFO --schedule=var/celerybeat-schedule

## bench: national dataset and every benchmark on BENCH_DATABASE_URL (an empty database of its own); writes bench/RESULTS.md
bench: $(VENV)/.installed-dev
	@test -n "$(BENCH_DATABASE_URL)" || (echo "Zet BENCH_DATABASE_URL op een eigen, lege database, bijv. postgres://postgres@127.0.0.1:5432/weerthuis_bench" && exit 1)
	cd bench && ../$(BIN)/python dataset.py --scale national --seed 1
	cd bench && ../$(BIN)/python recompute.py --runs 3
	cd bench && ../$(BIN)/python live.py --runs 5
	cd bench && ../$(BIN)/python reports.py --runs 5
	cd bench && ../$(BIN)/python queries.py
	cd bench && ../$(BIN)/python imports.py
	cd bench && ../$(BIN)/python load.py --users 16 --seconds 60
	cd bench && ../$(BIN)/python load.py --users 16 --seconds 60 --think 1
	cd bench && ../$(BIN)/python api.py --users 16 --seconds 60

## check-deploy: Django's deployment checklist with production-like settings
check-deploy: $(VENV)/.installed-run
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=weerthuis.example.nl \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var/static
