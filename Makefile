# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv and install everything pinned in requirements.lock on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test lint format bench clean

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
	$(BIN)/newsgraph extract samples/*.txt --format text
	mkdir -p .demo
	$(BIN)/newsgraph ingest samples --db $(DEMO_DB)
	$(BIN)/newsgraph stats --db $(DEMO_DB)
	$(BIN)/newsgraph serve --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
