# Two commands for users: `make run` and `make test`. Both build .venv from a pinned
# lock file first (again whenever it or pyproject.toml change): requirements.lock holds
# what a run needs, requirements-test.lock adds the test tools (a superset, same pins).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export DEALS_CORPUS_DIR ?= seeds
export DEALS_OUTPUT_DIR ?= outputs
# Run history lives here so that `make ui` shows what `make run` did.
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: run test test-ui test-deploy ui bench lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-test.lock
	touch $(TEST_STAMP)

# The instance's SQLite storages are created once, under a lock: two first runs at once
# (two corpora, one checkout) would otherwise both create them and one would fail.
INSTANCE_READY := $(DAGSTER_HOME)/.instance-ready

$(DAGSTER_HOME):
	mkdir -p $(DAGSTER_HOME)
	test -f $(DAGSTER_HOME)/dagster.yaml || { printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/.dagster.yaml.$$$$ \
	  && mv $(DAGSTER_HOME)/.dagster.yaml.$$$$ $(DAGSTER_HOME)/dagster.yaml; }

$(INSTANCE_READY): | $(STAMP) $(DAGSTER_HOME)
	flock $(DAGSTER_HOME)/.instance.lock sh -c 'test -f $@ || { $(BIN)/dagster instance migrate > /dev/null && touch $@; }'

run: $(STAMP) | $(INSTANCE_READY)
	$(BIN)/dagster asset materialize -m pipeline.definitions --select '*'

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

# End to end through the Dagster UI in headless Debian Chromium (apt-installs `chromium`
# when missing, which needs root). Refreshes docs/ui-asset-graph.png.
test-ui: $(TEST_STAMP)
	DEALS_UI_TEST=1 $(BIN)/python -m pytest tests/ui -rs -p no:cacheprovider

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

ui: $(STAMP) | $(INSTANCE_READY)
	$(BIN)/dagster dev -m pipeline.definitions --host 127.0.0.1 --port 3000

# Throughput and memory on synthetic corpora of 1k, 10k and 100k articles (takes a while;
# BENCH_SIZES="1000 10000" for a quick look). Writes benchmarks/RESULTS.md.
BENCH_SIZES ?= 1000 10000 100000
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES)

# Re-resolve both locks from pyproject.toml (maintainers only; needs the registry).
# The runtime lock is resolved under the test lock's pins, so the two always agree.
lock:
	rm -rf /tmp/deals-lock /tmp/deals-lock-rt && $(PYTHON) -m venv /tmp/deals-lock && $(PYTHON) -m venv /tmp/deals-lock-rt
	/tmp/deals-lock/bin/pip install -q -e '.[test]' setuptools wheel
	/tmp/deals-lock/bin/pip freeze --all --exclude-editable | grep -v -e "^-e" -e "^pip==" > requirements-test.lock
	/tmp/deals-lock-rt/bin/pip install -q -c requirements-test.lock -e . setuptools wheel
	/tmp/deals-lock-rt/bin/pip freeze --all --exclude-editable | grep -v -e "^-e" -e "^pip==" > requirements.lock

clean:
	rm -rf $(VENV) .dagster
