# Jalons — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
TOOLS := .tools
UV := $(or $(shell command -v uv 2>/dev/null),$(TOOLS)/bin/uv)
RUN := $(UV) run --frozen
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint install db serve

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen --quiet

db: install
	@mkdir -p var
	$(RUN) python manage.py migrate --no-input -v 0
	$(RUN) python manage.py load_reference_data
	$(RUN) python manage.py generate_demo_data --people 6000 --seed 42

# The task worker (e-mail, invitations, PDF reports) runs beside the server and stops with it.
run: db
	@echo "Jalons : http://127.0.0.1:8000 (e-mails écrits dans var/outbox/)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(RUN) python manage.py db_worker --queue-name '*' --no-reload -v 0 & \
	  $(RUN) python manage.py runserver 127.0.0.1:8000

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) djlint --lint jalons
	@mkdir -p var  # the SQLite database's folder: makemigrations checks the migration history there
	$(RUN) python manage.py makemigrations --check --dry-run -v 0

test: lint
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium est absent ($(CHROMIUM)) : les tests dans le navigateur seront ignorés."; \
	  echo "Installez-le avec : sudo apt-get install chromium"; \
	fi
	$(RUN) pytest $(PYTEST_ARGS)
