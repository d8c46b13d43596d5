# Redress: the commands a newcomer needs.
#   make demo   install everything, build a SQLite demo database, start the server
#   make test   install everything and run the whole suite (DATABASE_URL picks the database)
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := 3.13
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
REDRESS := .venv/bin/redress
HOST ?= 127.0.0.1
PORT ?= 8000
# Each demo authority is its own database (one authority per installation). `make demo` builds
# and serves the first, Kingsmoor (the Birmingham report's shape); `make demo DEMO=sandwell` the
# second, Brackenford (the Sandwell report's shape: themes, a trust and a council, localities).
DEMO ?=
ifeq ($(DEMO),)
DEMO_DB := $(CURDIR)/var/demo.sqlite3
DEMO_WORKBOOK := var/demo/redress-demo.xlsx
DEMO_GENERATE := demo_generate
DEMO_SETUP := demo_setup
else ifeq ($(DEMO),sandwell)
DEMO_DB := $(CURDIR)/var/demo-sandwell.sqlite3
DEMO_WORKBOOK := var/demo/redress-demo-sandwell.xlsx
DEMO_GENERATE := demo_generate --authority sandwell
DEMO_SETUP := demo_setup --authority sandwell
else
$(error DEMO=$(DEMO) is not a demo authority: leave it out for the first, or DEMO=sandwell)
endif
# The demo data was taken on 31 May 2022; the demo server sees that day as today.
DEMO_TODAY := 2022-05-31
PYTEST_ARGS ?=

.PHONY: help install python-deps node-deps browser demo demo-data serve test lint typecheck check bench fuzz clean

help:
	@echo "make demo   install everything, build the demo database and start the server"
	@echo "            (DEMO=sandwell: the second demo authority, in var/demo-sandwell.sqlite3)"
	@echo "make test   install everything and run the whole suite"
	@echo "make check  lint and type-check"
	@echo "make bench  run the benchmarks under bench/"

# uv, pinned, in a small virtual environment of its own, made with Python $(PYTHON_VERSION).
$(UV):
	@py=$$(command -v python$(PYTHON_VERSION) || pyenv which python$(PYTHON_VERSION) 2>/dev/null || true); \
	if [ -z "$$py" ]; then echo "Redress needs Python $(PYTHON_VERSION) (e.g. 'pyenv install $(PYTHON_VERSION)')." >&2; exit 1; fi; \
	"$$py" -m venv $(TOOLS) && $(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

python-deps: $(UV)
	$(UV) sync --frozen --quiet

node-deps:
	@if [ ! -d node_modules/govuk-frontend ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; fi

install: python-deps node-deps

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here), and
# Liberation Sans (metric-compatible with Arial, the report's font) for the PDF report; its tests
# read the printed text, whose lines break where that font's widths put them. LibreOffice Writer
# (without its desktop parts) for the letters' browser test, which checks every Word letter opens
# in it (`soffice --headless --convert-to pdf`).
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q "Liberation Sans"; then \
		echo "Installing Chromium for the browser tests and Liberation fonts for the PDF report"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	fi
	@if ! command -v soffice >/dev/null 2>&1; then \
		echo "Installing LibreOffice Writer for the letters' browser test"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null; \
	fi

demo-data: install
	mkdir -p var/demo
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	DATABASE_URL=sqlite:///$(DEMO_DB) $(REDRESS) migrate --verbosity 0
	$(REDRESS) $(DEMO_GENERATE) --output $(DEMO_WORKBOOK)
	DATABASE_URL=sqlite:///$(DEMO_DB) $(REDRESS) import $(DEMO_WORKBOOK) --create-missing
	DATABASE_URL=sqlite:///$(DEMO_DB) REDRESS_TODAY=$(DEMO_TODAY) REDRESS_SITE_URL=http://$(HOST):$(PORT) $(REDRESS) $(DEMO_SETUP)

# The demo's reminders for its today are printed here (the console email backend) and are on
# the complaints' timelines; then the sign-in details (var/demo/logins.txt, which demo_users
# writes) come last, above the server's log. The server runs tasks as they are queued (no
# db_worker needed).
DEMO_TASKS := django.tasks.backends.immediate.ImmediateBackend
demo: demo-data
	DATABASE_URL=sqlite:///$(DEMO_DB) $(REDRESS) demo_users --url http://$(HOST):$(PORT)/ >/dev/null
	DEBUG=1 REDRESS_TODAY=$(DEMO_TODAY) REDRESS_SITE_URL=http://$(HOST):$(PORT) DATABASE_URL=sqlite:///$(DEMO_DB) $(REDRESS) reminders
	@cat var/demo/logins.txt
	DEBUG=1 REDRESS_TODAY=$(DEMO_TODAY) REDRESS_TASKS_BACKEND=$(DEMO_TASKS) REDRESS_SITE_URL=http://$(HOST):$(PORT) DATABASE_URL=sqlite:///$(DEMO_DB) $(REDRESS) runserver $(HOST):$(PORT) --noreload

serve: install
	DEBUG=1 $(REDRESS) runserver $(HOST):$(PORT)

# The migrations check needs models, not a database: an in-memory one whatever DATABASE_URL says.
test: install browser
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run --verbosity 1
	REDRESS_TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend \
		$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck: install
	.venv/bin/mypy redress

check: lint typecheck

bench: install
	$(PY) bench/run_all.py

# Every staff form given 10,000 generated submissions, none may end in a server error (issue 8).
fuzz: install
	$(PY) bench/fuzz_forms.py

clean:
	rm -rf .venv $(TOOLS) node_modules var/demo $(DEMO_DB)
