# The two commands of the README: `make run` (install, index, serve) and `make test` (all checks and tests).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MIRROR ?= ../shared/corpus

.PHONY: install run test check lint typecheck unit real-index slow eval-check bench bench-warm clean

$(BIN)/dgplan: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/dgplan

install: $(BIN)/dgplan

run: install
	$(BIN)/dgplan up

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy corpus index assistant api ui evals dgplan

unit: install
	$(BIN)/pytest -q

# The real corpus is indexed once into test-output/data and shared by the slow tests and the eval gate.
TEST_DATA := $(CURDIR)/test-output/data

real-index: install
	DGPLAN_DATA_DIR=$(TEST_DATA) $(BIN)/dgplan corpus sync --from $(MIRROR)
	DGPLAN_DATA_DIR=$(TEST_DATA) $(BIN)/dgplan ingest

# Full-corpus, browser and benchmark tests (marked), run in CI after the fast ones.
slow: real-index
	DGPLAN_TEST_DATA_DIR=$(TEST_DATA) $(BIN)/pytest -q -m "slow or browser or benchmark"

# Both splits are gated: test (held out, every reported figure) and dev (what tuning may not break); so is the
# phrasing set generated from the key-project registry (each project's facts asked many ways).
eval-check: real-index
	DGPLAN_DATA_DIR=$(TEST_DATA) $(BIN)/dgplan eval --split test --check --quiet --out test-output/eval-test
	DGPLAN_DATA_DIR=$(TEST_DATA) $(BIN)/dgplan eval --split dev --check --no-baselines --quiet --out test-output/eval-dev
	DGPLAN_DATA_DIR=$(TEST_DATA) $(BIN)/dgplan eval --phrasings --check --no-baselines --quiet --out test-output/eval-phrasings

# Warm figures on the CI index: retrieval smoke table and /ask latency over HTTP (cold ingest: `make bench`).
bench-warm: real-index
	$(BIN)/dgplan bench --data-dir $(TEST_DATA) --skip-ingest --out test-output/bench

check: lint typecheck unit

test: check slow eval-check bench-warm

# Cold ingest, unchanged re-run, smoke check and latency, in a scratch data directory.
bench: install
	$(BIN)/dgplan bench --data-dir data/bench --from $(MIRROR) --out data/bench/report

clean:
	rm -rf data test-output .pytest_cache .mypy_cache .ruff_cache
