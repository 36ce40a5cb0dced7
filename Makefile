# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PYTEST_ARGS ?=
# Both cores (or as many as the machine has): pytest-xdist, one test file per worker at a time so
# module fixtures (a browser, a live server) start once per file.
PYTEST_WORKERS ?= auto
XDIST := -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: run serve test lint security-checks test-sqlite test-postgres test-redis install fmt bench clean screenshots

install: $(STAMP)

# Reinstall only when pyproject.toml changed (the stamp carries its hash).
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

# The queue's worker and the scheduler run beside the development server and stop with it
# (Ctrl-C reaches all three; the trap ends the two when the server ends otherwise).
run: install
	DJANGO_SETTINGS_MODULE=familjeombud.settings.local $(MANAGE) dev_setup --credentials-file .local-admin.txt
	@export DJANGO_SETTINGS_MODULE=familjeombud.settings.local; \
	$(MANAGE) db_worker --no-reload --interval 1 & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

# Production-like: gunicorn, DEBUG off, settings from the environment (SECRET_KEY, DATABASE_URL...),
# with TASK_WORKERS queue workers (default 2) and the scheduler beside it (docs/operations.md).
serve: install
	DJANGO_SETTINGS_MODULE=familjeombud.settings.production $(MANAGE) collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=familjeombud.settings.production $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=familjeombud.settings.production $(MANAGE) createcachetable
	@export DJANGO_SETTINGS_MODULE=familjeombud.settings.production; pids=""; \
	for n in $$(seq 1 $${TASK_WORKERS:-2}); do \
		$(MANAGE) db_worker --no-reload --worker-id "$$(hostname)-$$n" & pids="$$pids $$!"; \
	done; \
	$(MANAGE) run_scheduler & pids="$$pids $$!"; \
	trap 'kill $$pids 2>/dev/null; wait $$pids 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py \
		--bind $${BIND:-127.0.0.1:8000} --workers $${WEB_CONCURRENCY:-4}

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-sqlite: install
	@echo "== pytest on SQLite =="
	EXPECTED_DB_VENDOR=sqlite DATABASE_URL=sqlite://:memory: $(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

test-postgres: install
	@echo "== pytest on PostgreSQL =="
	bash .ci/with-postgres env EXPECTED_DB_VENDOR=postgresql $(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

# Browser tests need Debian's chromium and Node (apt when missing), axe-core and the sign-in
# tests' OpenID Provider (oidc-provider) from npm; npm ci runs
# again only when package-lock.json changed (the stamp carries its hash).
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | sha1sum | cut -c1-12)
.PHONY: browser-deps
browser-deps:
	bash .ci/ensure-browser
	@$(MAKE) --no-print-directory $(NODE_STAMP)

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The tests that depend on the shared cache once more, with Redis as a region's app servers
# share it (its own throwaway server on a Unix socket) and PostgreSQL: the scale-out test too.
test-redis: install
	@echo "== pytest on PostgreSQL + Redis (the shared-cache tests) =="
	bash .ci/with-postgres bash .ci/with-redis env EXPECTED_DB_VENDOR=postgresql \
		$(VENV)/bin/pytest $(XDIST) -m shared_cache $(PYTEST_ARGS)

# Known vulnerabilities in the pinned dependencies and bandit's scan of the code (issue 20).
security-checks: install
	$(PY) .ci/audit-dependencies
	$(VENV)/bin/bandit -q -c pyproject.toml -r .

test: lint security-checks browser-deps test-sqlite test-postgres test-redis

# A PNG of every page each demo role reaches, at 390 and 1280 px in Swedish, into
# $(SCREENSHOTS)/<telefon|bred>/<role>/ (docs/skarmbilder.md). The layout crawl runs with it,
# so a page that scrolls sideways or fails axe is also reported.
SCREENSHOTS ?= screenshots
screenshots: install browser-deps
	rm -rf $(SCREENSHOTS)
	SCREENSHOTS_DIR=$(SCREENSHOTS) EXPECTED_DB_VENDOR=sqlite DATABASE_URL=sqlite://:memory: \
		$(VENV)/bin/pytest tests/browser/test_every_page.py -q -p no:cacheprovider $(PYTEST_ARGS); \
		status=$$?; echo "Skärmbilder: $$(find $(SCREENSHOTS) -name '*.png' | wc -l) PNG-filer i $(SCREENSHOTS)/"; \
		exit $$status

bench: install
	bash bench/run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
