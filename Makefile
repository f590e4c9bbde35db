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

.PHONY: venv test demo bench eval lint format clean distclean

venv: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		"claimgraph needs Python 3.11+, found " + sys.version.split()[0] + "; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	@touch $@

test: venv
	$(BIN)/pytest $(PYTEST_ARGS)

demo: venv
	$(BIN)/claimgraph demo

bench: venv
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ingest.py

eval: venv
	@set -e; mkdir -p build; \
	for set in tests/heldout tests/heldout3 tests/heldout4 eval/heldout2; do \
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
