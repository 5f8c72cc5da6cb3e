# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv and install everything pinned in requirements.lock on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test lint format bench gate clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsgraph needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,ray]'
	bash scripts/install_browser.sh || echo "Chromium could not be installed: browser tests will skip"
	touch $(STAMP)

install: $(STAMP)

DEMO_DB := .demo/newsgraph.db

# The main job: read the sample articles, store them, then serve the UI on them.
demo: $(STAMP)
	head -n 1 samples/articles.jsonl | $(BIN)/newsgraph extract - --format text
	mkdir -p .demo
	$(BIN)/newsgraph ingest samples/articles.jsonl --db $(DEMO_DB)
	$(BIN)/newsgraph stats --db $(DEMO_DB)
	$(BIN)/newsgraph serve --db $(DEMO_DB)

# Lint, format, types, then the tests (import rules and stage contracts among them), then the
# quality gate on the dev golds in $(SHARED)/eval/dev (skipped with a message when absent).
test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/python -m pytest
	$(BIN)/python benchmarks/dev_gold.py --shared $(SHARED) --floors quality_floors.json

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

gate: $(STAMP)
	$(BIN)/python benchmarks/dev_gold.py --shared $(SHARED) --floors quality_floors.json

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
