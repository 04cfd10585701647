# Two commands for users: `make run` and `make test`. Both build .venv from a pinned
# lock file first (again whenever it or pyproject.toml change): requirements.lock holds
# what a run needs, requirements-test.lock adds the test tools (a superset, same pins).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NOTEBOOK_STAMP := $(VENV)/.installed-notebook
EXPLORE_STAMP := $(VENV)/.installed-explore
export DEALS_CORPUS_DIR ?= seeds
export DEALS_OUTPUT_DIR ?= outputs
# Run history lives here so that `make ui` shows what `make run` did.
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: run test test-ui test-explore test-deploy ui explore notebook bench lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-test.lock
	touch $(TEST_STAMP)

# requirements-notebook.lock: the runtime plus JupyterLab and DuckDB (the `notebook` extra),
# resolved under the test lock's pins, so it can share .venv with either.
$(NOTEBOOK_STAMP): $(STAMP) requirements-notebook.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-notebook.lock
	touch $(NOTEBOOK_STAMP)

# requirements-explore.lock: the runtime plus Datasette (the `explore` extra), under the test lock's pins.
$(EXPLORE_STAMP): $(STAMP) requirements-explore.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-explore.lock
	touch $(EXPLORE_STAMP)

# The instance's SQLite storages are created once, under a lock: two first runs at once
# (two corpora, one checkout) would otherwise both create them and one would fail.
INSTANCE_READY := $(DAGSTER_HOME)/.instance-ready

$(DAGSTER_HOME):
	mkdir -p $(DAGSTER_HOME)
	test -f $(DAGSTER_HOME)/dagster.yaml || { printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/.dagster.yaml.$$$$ \
	  && mv $(DAGSTER_HOME)/.dagster.yaml.$$$$ $(DAGSTER_HOME)/dagster.yaml; }

$(INSTANCE_READY): | $(STAMP) $(DAGSTER_HOME)
	flock $(DAGSTER_HOME)/.instance.lock sh -c 'test -f $@ || { $(BIN)/dagster instance migrate > /dev/null && touch $@; }'

# Prints progress, warnings and a summary (pipeline/run.py); the run's full log is in DAGSTER_HOME.
run: $(STAMP) | $(INSTANCE_READY)
	$(BIN)/python -m pipeline.run

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

# End to end through the Dagster UI in headless Debian Chromium (apt-installs `chromium`
# when missing, which needs root). Refreshes docs/ui-asset-graph.png.
test-ui: $(TEST_STAMP)
	DEALS_UI_TEST=1 $(BIN)/python -m pytest tests/ui -rs -p no:cacheprovider

# The explorer end to end in headless Debian Chromium: Datasette on the seeds' release, facets,
# full-text search, a record and its evidence. Refreshes docs/explorer.png.
test-explore: $(TEST_STAMP)
	DEALS_UI_TEST=1 $(BIN)/python -m pytest tests/ui/test_explore.py -rs -p no:cacheprovider

# The shared deployment's storage half on this machine: a throw-away PostgreSQL on 127.0.0.1
# (Debian's `postgresql`, apt-installed when missing, which needs root) holds the instance of
# deploy/dagster.yaml; fan-out, refresh and two queued refreshes run with the multiprocess
# executor and must publish what an in-process run publishes (about 1.5 minutes).
test-deploy: $(TEST_STAMP)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo "sudo -n"); \
	  echo "installing Debian's postgresql"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }
	DEALS_DEPLOY_TEST=1 $(BIN)/python -m pytest tests/scale/test_postgres_deploy.py -rs -p no:cacheprovider

# `dagster dev` on 127.0.0.1:$(UI_PORT) through pipeline/ui.py, which stops it and everything it
# started within seconds on Ctrl-C, SIGINT, SIGTERM or SIGHUP, also when run in the background.
UI_PORT ?= 3000
ui: $(STAMP) | $(INSTANCE_READY)
	$(BIN)/python -m pipeline.ui -m pipeline.definitions --host 127.0.0.1 --port $(UI_PORT)

# Datasette on http://127.0.0.1:$(EXPLORE_PORT) (loopback only) serving the SQLite database of the
# latest release under DEALS_OUTPUT_DIR (EXPLORE_VERSION=<version> for another), with metadata,
# facets and canned queries generated from schemas/ (pipeline/explore/). Ctrl-C stops it.
EXPLORE_PORT ?= 8001
EXPLORE_VERSION ?= latest
explore: $(EXPLORE_STAMP)
	$(BIN)/python -m pipeline.explore --host 127.0.0.1 --port $(EXPLORE_PORT) --version $(EXPLORE_VERSION)

# JupyterLab on http://127.0.0.1:8888 (loopback only; the next free port if taken) with
# notebooks/ open; the kernel is .venv's and reads outputs/latest (or DEALS_OUTPUT_DIR).
# Jupyter refuses to start as root unless told to (root is who runs on CI and dev machines here).
notebook: $(NOTEBOOK_STAMP)
	$(BIN)/jupyter lab --ip 127.0.0.1 --no-browser $$([ "$$(id -u)" -eq 0 ] && echo --allow-root) notebooks/

# Throughput and whole-process-tree memory on the seeds replicated and on synthetic corpora of 1k,
# 10k and 100k articles, then +100 newest and +100 backfilled articles on the largest (takes a
# while: half an hour or more on 2 cores; BENCH_SIZES="1000 10000" for a quick look). Writes
# benchmarks/RESULTS.md; corpora and outputs go under BENCH_WORK.
BENCH_SIZES ?= 1000 10000 100000
BENCH_WORK ?= /tmp/deals-bench
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES) --work $(BENCH_WORK)

# Re-resolve the locks from pyproject.toml (maintainers only; needs the registry).
# The runtime, notebook and explorer locks are resolved under the test lock's pins, so all three agree.
lock:
	rm -rf /tmp/deals-lock /tmp/deals-lock-rt /tmp/deals-lock-nb /tmp/deals-lock-ex
	$(PYTHON) -m venv /tmp/deals-lock && $(PYTHON) -m venv /tmp/deals-lock-rt && $(PYTHON) -m venv /tmp/deals-lock-nb
	$(PYTHON) -m venv /tmp/deals-lock-ex
	/tmp/deals-lock/bin/pip install -q -e '.[test]' setuptools wheel
	/tmp/deals-lock/bin/pip freeze --all --exclude-editable | grep -v -e "^-e" -e "^pip==" > requirements-test.lock
	/tmp/deals-lock-rt/bin/pip install -q -c requirements-test.lock -e . setuptools wheel
	/tmp/deals-lock-rt/bin/pip freeze --all --exclude-editable | grep -v -e "^-e" -e "^pip==" > requirements.lock
	/tmp/deals-lock-nb/bin/pip install -q -c requirements-test.lock -e '.[notebook]' setuptools wheel
	/tmp/deals-lock-nb/bin/pip freeze --all --exclude-editable | grep -v -e "^-e" -e "^pip==" > requirements-notebook.lock
	/tmp/deals-lock-ex/bin/pip install -q -c requirements-test.lock -e '.[explore]' setuptools wheel
	/tmp/deals-lock-ex/bin/pip freeze --all --exclude-editable | grep -v -e "^-e" -e "^pip==" > requirements-explore.lock

clean:
	rm -rf $(VENV) .dagster
