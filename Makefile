# Two commands for users: `make run` and `make test`. Both build .venv from the
# pinned lock file first (again whenever requirements.lock or pyproject.toml change).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DEALS_CORPUS_DIR ?= seeds
export DEALS_OUTPUT_DIR ?= outputs
# Run history lives here so that `make ui` shows what `make run` did.
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: run test ui bench lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DAGSTER_HOME):
	mkdir -p $(DAGSTER_HOME)
	test -f $(DAGSTER_HOME)/dagster.yaml || printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/dagster.yaml

run: $(STAMP) | $(DAGSTER_HOME)
	$(BIN)/dagster asset materialize -m pipeline.definitions --select '*'

test: $(STAMP)
	$(BIN)/python -m pytest

ui: $(STAMP) | $(DAGSTER_HOME)
	$(BIN)/dagster dev -m pipeline.definitions --host 127.0.0.1 --port 3000

# Throughput and memory on synthetic corpora of 1k, 10k and 100k articles (takes a while;
# BENCH_SIZES="1000 10000" for a quick look). Writes benchmarks/RESULTS.md.
BENCH_SIZES ?= 1000 10000 100000
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES)

# Re-resolve the lock from pyproject.toml (maintainers only; needs the registry).
lock:
	rm -rf /tmp/deals-lock && $(PYTHON) -m venv /tmp/deals-lock
	/tmp/deals-lock/bin/pip install -q -e '.[test]' setuptools wheel
	/tmp/deals-lock/bin/pip freeze --all --exclude-editable | grep -v -e "^-e" -e "^pip==" > requirements.lock

clean:
	rm -rf $(VENV) .dagster
