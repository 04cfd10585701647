"""The shared deployment's storage half, for real on one machine.

A PostgreSQL server (Debian's, started by the test as the `postgres` user on 127.0.0.1 and a
free port) holds a Dagster instance configured from deploy/dagster.yaml: its Postgres storage
and queued run coordinator, only the port changed and the default run launcher instead of
Kubernetes. Through the `dagster` CLI and `dagster-daemon`, with the multiprocess executor
(DEALS_EXECUTOR=multiprocess, a process per step), the test

1. runs `extract_fanout` (three shards, two in flight at once) and then `refresh` on the seeds;
2. adds eleven articles and submits two `refresh` runs, which wait QUEUED until the daemon's
   run coordinator dequeues them;

and checks that each release holds the same table files, byte for byte, as an in-process run
of the same definitions on the same corpus, and that the runs, their events and the release
materialisations are rows of this Postgres server (read back with psql and the instance).

Run with `make test-deploy` (sets DEALS_DEPLOY_TEST=1, installs Debian's postgresql when
missing); `make test` skips it: it starts a database server and takes a minute and a half.
DEALS_DEPLOY_CONFIG=path/to/dagster.yaml tries a candidate instance file instead of the shipped one.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
import yaml

from schemas import TABLES
from tests.conftest import REPO, SEEDS, run_refresh
from tests.scale.postgres_server import find_bin_dir, postgres_server

pytestmark = pytest.mark.skipif(os.environ.get("DEALS_DEPLOY_TEST") != "1",
                                reason="starts PostgreSQL and a Dagster daemon: run it with `make test-deploy`")

FRESH = REPO / "tests" / "fixtures" / "fresh"
BIN = Path(sys.executable).parent
# Release dates come from SOURCE_DATE_EPOCH (pipeline/publish/release.py), so both sides of
# the comparison cut the same version name even across midnight.
SOURCE_DATE_EPOCH = "1790000000"
FORMATS = ("csv", "json", "parquet")
SHARD_SIZE = 2  # five seed articles -> three shards
RUN_TIMEOUT_S = 150
TERMINAL = {dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}


@pytest.fixture()
def pg():
    if find_bin_dir() is None:  # `make test-deploy` installs it: missing here is a failure, not a skip
        pytest.fail("no PostgreSQL server (initdb, pg_ctl, postgres): run `make test-deploy`, or `apt-get install postgresql`")
    with postgres_server() as server:
        yield server


# The shipped file; DEALS_DEPLOY_CONFIG tries a candidate instead (same treatment below).
DEPLOY_CONFIG = Path(os.environ.get("DEALS_DEPLOY_CONFIG") or REPO / "deploy" / "dagster.yaml")


def instance_config(port: int) -> dict:
    """deploy/dagster.yaml with the test's Postgres port and without the Kubernetes run launcher."""
    config = yaml.safe_load(DEPLOY_CONFIG.read_text(encoding="utf-8"))
    assert set(config["storage"]) == {"postgres"} and config["run_coordinator"]["class"] == "QueuedRunCoordinator"
    config["storage"]["postgres"]["postgres_db"]["port"] = port  # host, db, user, password stay env references
    config.pop("run_launcher")  # the default: a run worker process on this machine
    return config


@dg.asset
def storage_probe() -> int:
    return 1


def check_storage_works(home: Path) -> None:
    """Fail fast, with the cause, when the instance cannot store a run and its events in Postgres."""
    try:
        with dg.DagsterInstance.from_config(str(home)) as inst:
            result = dg.materialize([storage_probe], instance=inst)
            assert result.success
            inst.delete_run(result.run_id)  # leave the database to the runs under test
    except Exception as exc:  # noqa: BLE001 - reported with a diagnosis
        import sqlalchemy
        from dagster_postgres.version import __version__ as pg_version

        db = yaml.safe_load((home / "dagster.yaml").read_text())["storage"]["postgres"].get("postgres_db", {})
        scheme = db.get("scheme", "postgresql")
        hint = "" if "+" in scheme else (
            f"\nThe storage's scheme is `{scheme}`: under SQLAlchemy {sqlalchemy.__version__} a bare postgresql:// URL "
            f"selects the psycopg (3) driver, which dagster-postgres {pg_version} neither installs nor works with "
            "(its event log sends `NOTIFY run_events, $1`, a syntax error with psycopg's server-side binding). "
            "Its driver is psycopg2 (psycopg2-binary): add `scheme: postgresql+psycopg2` under "
            f"storage.postgres.postgres_db in {DEPLOY_CONFIG.relative_to(REPO) if DEPLOY_CONFIG.is_relative_to(REPO) else DEPLOY_CONFIG}.")
        pytest.fail(f"the Dagster instance cannot use the Postgres storage: {type(exc).__name__}: {str(exc)[:800]}{hint}")


def table_files(release: Path) -> dict[str, bytes]:
    """The release's table files (one file per table and format, or its monthly parts) -> bytes."""
    out = {}
    for path in sorted(release.rglob("*")):
        rel = path.relative_to(release).as_posix()
        table, _, fmt = rel.split("/")[0].partition(".")
        if path.is_file() and table in TABLES and fmt in FORMATS:
            out[rel] = path.read_bytes()
    assert {rel.split("/")[0] for rel in out} == {f"{t}.{f}" for t in TABLES for f in FORMATS}, sorted(out)
    return out


def assert_same_release(deployed: Path, baseline: Path) -> str:
    """Both `latest` releases have the same version and the same table files, byte for byte."""
    got, want = deployed / "latest", baseline / "latest"
    assert got.resolve().name == want.resolve().name, "different release versions"
    got_files, want_files = table_files(got), table_files(want)
    assert sorted(got_files) == sorted(want_files)
    differ = [rel for rel in want_files if got_files[rel] != want_files[rel]]
    assert not differ, f"table files differ from the in-process run's: {differ}"
    return got.resolve().name


class Deployment:
    """The CLI and daemon of the instance in `home`, with the pipeline's folders in the environment."""

    def __init__(self, home: Path, corpus: Path, output: Path, pg, logs: Path):
        self.home, self.logs = home, logs
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DEALS_", "DAGSTER_"))}
        self.env.update({
            "DAGSTER_HOME": str(home),
            "DEALS_CORPUS_DIR": str(corpus),
            "DEALS_OUTPUT_DIR": str(output),
            "DEALS_EXECUTOR": "multiprocess",
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "DAGSTER_PG_HOST": pg.host,
            "DAGSTER_PG_DB": pg.db,
            "DAGSTER_PG_USER": pg.user,
            "DAGSTER_PG_PASSWORD": pg.password,
            "PYTHONUNBUFFERED": "1",
        })

    def _log(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    @staticmethod
    def tail(log: Path, n: int = 60) -> str:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])

    def start(self, name: str, *args: str) -> subprocess.Popen:
        with open(self._log(name), "wb") as log:
            # a session of its own: the daemon's code server and run workers are stopped with it
            return subprocess.Popen([str(BIN / args[0]), *args[1:]], cwd=REPO, env=self.env, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self, name: str, proc: subprocess.Popen, timeout: float = RUN_TIMEOUT_S) -> None:
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_group(proc)
            raise AssertionError(f"`{name}` still running after {timeout:.0f} s:\n{self.tail(self._log(name))}") from None
        assert code == 0, f"`{name}` exited with {code}:\n{self.tail(self._log(name))}"

    def run(self, name: str, *args: str) -> None:
        self.wait(name, self.start(name, *args))


def stop_group(proc: subprocess.Popen, grace_s: float = 20) -> None:
    """SIGINT (the daemon's clean shutdown) to the process group we started, then SIGKILL."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=grace_s)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def step_windows(instance: dg.DagsterInstance, run_id: str, prefix: str) -> dict[str, tuple[float, float, set[int]]]:
    """Per step whose key starts with `prefix`: (first event, success time, pids that logged it)."""
    windows: dict[str, list] = {}
    for entry in instance.all_logs(run_id):
        ev = entry.dagster_event
        if ev is None or not ev.step_key or not ev.step_key.startswith(prefix):
            continue
        w = windows.setdefault(ev.step_key, [entry.timestamp, None, set()])
        w[0] = min(w[0], entry.timestamp)
        if ev.event_type == dg.DagsterEventType.STEP_SUCCESS:
            w[1] = entry.timestamp
        if ev.event_type == dg.DagsterEventType.STEP_START:
            w[2].add(ev.pid)
    return {k: (a, b, pids) for k, (a, b, pids) in windows.items()}


def test_fanout_refresh_and_queued_refreshes_on_postgres_match_an_in_process_run(pg, tmp_path, monkeypatch):
    started = time.monotonic()
    home, corpus, logs = tmp_path / "dagster_home", tmp_path / "corpus", tmp_path / "logs"
    deployed, baseline = tmp_path / "deployed", tmp_path / "baseline"
    for d in (home, logs):
        d.mkdir()
    shutil.copytree(SEEDS, corpus)
    (home / "dagster.yaml").write_text(yaml.safe_dump(instance_config(pg.port), sort_keys=False), encoding="utf-8")
    fanout_config = tmp_path / "fanout.yaml"
    fanout_config.write_text(yaml.safe_dump({"ops": {"plan_extraction_shards": {"config": {"shard_size": SHARD_SIZE}}}}))
    deploy = Deployment(home, corpus, deployed, pg, logs)
    module = ("-m", "pipeline.definitions")

    # this process reads the same instance (env references resolved from here)
    for key in ("DAGSTER_PG_HOST", "DAGSTER_PG_DB", "DAGSTER_PG_USER", "DAGSTER_PG_PASSWORD", "SOURCE_DATE_EPOCH"):
        monkeypatch.setenv(key, deploy.env[key])
    check_storage_works(home)

    # -- 1. the seeds: fan-out extraction, then a refresh that only assembles ----------------
    deploy.run("fanout", "dagster", "job", "execute", *module, "-j", "extract_fanout", "-c", str(fanout_config))
    deploy.run("refresh", "dagster", "job", "execute", *module, "-j", "refresh")
    with dg.instance_for_test() as inst:
        assert run_refresh(corpus, baseline, inst).success
    first_version = assert_same_release(deployed, baseline)

    # -- 2. eleven new articles, two refreshes through the queue ---------------------------
    for article in sorted(FRESH.glob("*.txt")):
        shutil.copy2(article, corpus / article.name)
    with dg.instance_for_test() as inst:
        assert run_refresh(corpus, baseline, inst).success

    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        before = {r.run_id for r in instance.get_runs()}

        launches = [deploy.start(f"launch{i}", "dagster", "job", "launch", *module, "-j", "refresh") for i in (1, 2)]
        for i, proc in enumerate(launches, 1):
            deploy.wait(f"launch{i}", proc)
        queued = [r for r in instance.get_runs() if r.run_id not in before]
        assert len(queued) == 2 and {r.job_name for r in queued} == {"refresh"}
        assert {r.status for r in queued} == {dg.DagsterRunStatus.QUEUED}, "submitted runs must wait for the daemon"

        daemon = deploy.start("daemon", "dagster-daemon", "run", *module)
        try:
            deadline = time.monotonic() + RUN_TIMEOUT_S
            while time.monotonic() < deadline:
                runs = [instance.get_run_by_id(r.run_id) for r in queued]
                if all(r.status in TERMINAL for r in runs):
                    break
                assert daemon.poll() is None, f"dagster-daemon exited:\n{deploy.tail(deploy._log('daemon'))}"
                time.sleep(1)
            else:
                raise AssertionError(f"queued runs not done after {RUN_TIMEOUT_S} s: {[r.status for r in runs]}\n"
                                     f"{deploy.tail(deploy._log('daemon'))}")
        finally:
            stop_group(daemon)
        assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs), (
            [(r.run_id, r.status) for r in runs], deploy.tail(deploy._log("daemon")))
        second_version = assert_same_release(deployed, baseline)
        assert second_version != first_version  # the new articles are in it

        # -- 3. it all went through this Postgres server ----------------------------------
        runs = sorted(instance.get_runs(), key=lambda r: instance.get_run_record_by_id(r.run_id).create_timestamp)
        assert [(r.job_name, r.status) for r in runs] == [
            ("extract_fanout", dg.DagsterRunStatus.SUCCESS)] + [("refresh", dg.DagsterRunStatus.SUCCESS)] * 3
        # multiprocess: in every run each step started in a process of its own, not the run worker's
        for run in runs:
            steps = step_windows(instance, run.run_id, "")
            run_pid = next(e.dagster_event.pid for e in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.RUN_START))
            step_pids = [pids for *_, pids in steps.values()]
            assert steps and all(len(p) == 1 and run_pid not in p for p in step_pids), (run.job_name, run_pid, steps)
            assert len(set().union(*step_pids)) == len(steps), (run.job_name, steps)

        # the fan-out's three shards were steps of their own, two or more in flight at once
        shards = step_windows(instance, runs[0].run_id, "extract_shard[")
        assert len(shards) == 3 and all(end is not None for _, end, _ in shards.values()), shards
        spans = sorted((start, end) for start, end, _ in shards.values())
        assert any(b_start < a_end for (_, a_end), (b_start, _) in zip(spans, spans[1:])), f"no two shards overlapped: {spans}"

        # release materialisations: the first version, then the second (cut once, kept once)
        records = instance.fetch_materializations(dg.AssetKey("release"), limit=10).records
        meta = sorted(((r.timestamp, r.asset_materialization.metadata) for r in records), key=lambda t: t[0])
        versions = [m["version"].value for _, m in meta]
        assert versions == [first_version, second_version, second_version], versions
        assert sorted(m["new_version"].value for _, m in meta[1:]) == [False, True]
        checks = instance.event_log_storage.get_asset_check_execution_history(
            dg.AssetCheckKey(dg.AssetKey("release"), "release_integrity"), limit=10)
        assert len(checks) == 3 and {c.status.value for c in checks} == {"SUCCEEDED"}, checks

        # and the same from the database itself, over TCP with the Dagster user's password
        rows = pg.query("SELECT pipeline_name, status FROM runs ORDER BY id")
        assert rows == [("extract_fanout", "SUCCESS")] + [("refresh", "SUCCESS")] * 3, rows
        ids = {r.run_id for r in queued}
        enqueued = {rid for (rid,) in pg.query(
            f"SELECT DISTINCT run_id FROM event_logs WHERE dagster_event_type = '{dg.DagsterEventType.RUN_ENQUEUED.value}'")}
        assert enqueued == ids
        # each waited in the queue, then the daemon's run coordinator launched it
        order = {rid: [] for rid in ids}
        kinds = {dg.DagsterEventType.RUN_ENQUEUED.value: "queued", dg.DagsterEventType.RUN_STARTING.value: "launched",
                 dg.DagsterEventType.RUN_SUCCESS.value: "succeeded"}
        for rid, kind in pg.query("SELECT run_id, dagster_event_type FROM event_logs WHERE dagster_event_type IN "
                                  f"({', '.join(repr(k) for k in kinds)}) ORDER BY id"):
            if rid in order:
                order[rid].append(kinds[kind])
        assert all(seq == ["queued", "launched", "succeeded"] for seq in order.values()), order
        (n_release,) = pg.query("SELECT count(*) FROM event_logs WHERE dagster_event_type = 'ASSET_MATERIALIZATION' "
                                "AND asset_key = '[\"release\"]'")
        assert n_release == ("3",)
        daemons = {t for (t,) in pg.query("SELECT daemon_type FROM daemon_heartbeats")}
        assert "QUEUED_RUN_COORDINATOR" in daemons, daemons
        spans = sorted((rec.start_time, rec.end_time) for rec in (instance.get_run_record_by_id(i) for i in ids))
        together = "at once" if spans[1][0] < spans[0][1] else "one after the other"
    # nothing fell back to the SQLite storage of a plain DAGSTER_HOME
    assert not (home / "history").exists() and not (home / "schedules").exists()
    print(f"\ndeployment test: {time.monotonic() - started:.0f} s; releases {first_version}, {second_version}; "
          f"the queued refreshes ran {together}")
