# claimgraph developer tasks. Everything runs inside .venv, which `make venv` creates
# (or refreshes when pyproject.toml or the lock changes). Needs python3 >= 3.11 and PyPI once.

SHELL := /bin/bash
PYTHON ?= python3
PIP_VERSION := 26.3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.claimgraph-installed
LOCK := requirements/lock.txt
# Optional dev corpus for `make eval` (outside the repo; skipped when absent).
DEVSET ?= ../shared/devset
PYTEST_ARGS ?=
# Front-end libraries (npm, pinned by package-lock.json), copied into the app's static folder.
NPM ?= npm
VENDOR := src/claimgraph/web/static/vendor
ASSETS_STAMP := $(VENDOR)/.stamp

.PHONY: venv assets browser test demo bench eval lint format clean distclean

venv: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		"claimgraph needs Python 3.11+, found " + sys.version.split()[0] + "; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	@touch $@

# `npm ci` installs exactly package-lock.json into node_modules/; the script copies only the
# files the pages use into $(VENDOR)/ (not committed). Redone when the lock or the script changes.
assets: $(ASSETS_STAMP)

$(ASSETS_STAMP): package.json package-lock.json scripts/build-assets.mjs
	@command -v node >/dev/null || { echo "make assets: needs Node.js >= 20 and npm"; exit 1; }
	$(NPM) ci --no-audit --no-fund --ignore-scripts
	node scripts/build-assets.mjs
	@touch $@

# Debian's Chromium for the browser tests (Playwright drives it by path; Playwright's own browser
# download does not work here). Installed with apt-get when missing and we may; else those tests skip.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make browser: installing Debian's chromium (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "make browser: /usr/bin/chromium is missing and apt-get needs root; browser tests will skip"; \
	fi

test: venv assets browser
	$(BIN)/pytest $(PYTEST_ARGS)

demo: venv assets
	$(BIN)/claimgraph demo

bench: venv assets
	$(BIN)/python bench/run.py
	$(BIN)/python bench/firehose.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/load.py

eval: venv
	@echo "== real sets (realdev and eval/*: every set whose texts are present, per language), then the sets written here (eval/*/docs) =="
	$(BIN)/python eval/score_sets.py
	@set -e; mkdir -p build; \
	for set in tests/heldout tests/heldout3 tests/heldout4; do \
		name=$$(basename $$set); \
		echo "== $$set (written independently of the rules; see its README) =="; \
		$(BIN)/claimgraph extract $$set/docs -o build/$$name.jsonl; \
		$(BIN)/claimgraph eval $$set/gold build/$$name.jsonl; \
	done; \
	if [ ! -d "$(DEVSET)" ]; then \
		echo "make eval: no dev set at $(DEVSET); skipping it (set DEVSET=/path/to/devset)"; \
		exit 0; \
	fi; \
	echo "== dev set ($(DEVSET)) =="; \
	$(BIN)/claimgraph extract "$(DEVSET)/docs" -o build/devset.jsonl; \
	$(BIN)/claimgraph eval "$(DEVSET)/gold" build/devset.jsonl; \
	echo "+ reference scorer: $(DEVSET)/score.py"; \
	$(BIN)/python "$(DEVSET)/score.py" "$(DEVSET)/gold" build/devset.jsonl

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf build dist .pytest_cache .ruff_cache .hypothesis src/*.egg-info
	find . -name __pycache__ -type d -not -path './.venv/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
