"""What `make run` prints: progress, warnings and a closing summary, none of Dagster's debug
events or CLI warnings; the run's event log in the instance keeps every event for the UI."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys

import dagster as dg

from pipeline import datasets
from pipeline.defs.logs import TerminalFormatter
from pipeline.run import summary_lines
from tests.conftest import REPO, SEEDS

RELEASE = {
    "version": "2026-12-06.001.a194e7fb", "new_version": True, "previous_version": "2026-12-01.001.0f0f0f0f",
    "path": "outputs/releases/2026-12-06.001.a194e7fb", "latest": "outputs/latest/",
    "changes": "agreements: +1 -0 ~2; procurements: +0 -1 ~0",
    "rows/agreements": 7, "rows/procurements": 5, "rows/documents": 5, "rows/mentions": 19, "rows/rejected": 2,
}


def test_summary_of_a_new_release():
    assert summary_lines(RELEASE, True, "run-1", 6.4) == [
        "Release 2026-12-06.001.a194e7fb published (previous: 2026-12-01.001.0f0f0f0f).",
        "  agreements 7, procurements 5, documents 5, mentions 19, rejected files 2",
        "  changes since the previous release: agreements: +1 -0 ~2; procurements: +0 -1 ~0",
        "  files: outputs/releases/2026-12-06.001.a194e7fb/ (latest: outputs/latest/)",
        "Run run-1 succeeded in 6 s; its full log: `make ui`, then Runs.",
    ]


def test_summary_when_unchanged_or_failed():
    unchanged = summary_lines({**RELEASE, "new_version": False, "changes": "none"}, True, "run-2", 3)
    assert unchanged[0] == ("Unchanged: the data equal release 2026-12-06.001.a194e7fb, which stays the latest; "
                            "no new version was cut.")
    assert unchanged[2] == "  changes since the previous release: none"
    failed = summary_lines(None, False, "run-3", 2)
    assert failed == ["Nothing was published: the run failed before the release (see the errors above).",
                      "Run run-3 FAILED in 2 s; its full log: `make ui`, then Runs."]


def _record(level: int, msg: str, meta: dict | None) -> logging.LogRecord:
    record = logging.LogRecord("terminal", level, __file__, 1, msg, (), None)
    if meta is not None:
        record.dagster_meta = meta
    return record


def test_terminal_lines_are_short():
    fmt = TerminalFormatter()
    long = "refresh - 0084c47f-1828-4220-bc61-d1a9d65d0735 - documents - reading: documents 40/200"
    line = fmt.format(_record(logging.INFO, long, {"orig_message": "reading: documents 40/200", "step_key": "documents"}))
    assert re.fullmatch(r"\d\d:\d\d:\d\d documents    reading: documents 40/200", line)
    warning = fmt.format(_record(logging.WARNING, "x - rejected a.txt", {"orig_message": "rejected a.txt", "step_key": "documents"}))
    assert warning.endswith("documents    warning: rejected a.txt")
    # a failure keeps its error, once: the run's failure repeats its step's; a run-level message has no step
    failure = fmt.format(_record(logging.ERROR, 'refresh - id - STEP_FAILURE - Execution of step "release" failed.\n\nFailure: boom\n',
                                 {"orig_message": 'Execution of step "release" failed.', "step_key": "release", "run_id": "r1"}))
    assert failure.split(" ", 1)[1] == 'release      error: Execution of step "release" failed.\nFailure: boom'
    run_failure = fmt.format(_record(logging.ERROR, "refresh - id - RUN_FAILURE - Execution of run failed.\n\nFailure: boom 2",
                                     {"orig_message": "Execution of run failed.", "step_key": None, "run_id": "r1"}))
    assert run_failure.split(" ", 1)[1] == "run          error: Execution of run failed. (error above)"
    alone = TerminalFormatter().format(_record(logging.ERROR, "x - RUN_FAILURE - Run failed.\n\nError: no code location",
                                               {"orig_message": "Run failed.", "step_key": None, "run_id": "r2"}))
    assert alone.split(" ", 1)[1] == "run          error: Run failed.\nError: no code location"
    assert fmt.format(_record(logging.INFO, "plain", None)).endswith("run          plain")


def _run(cmd: list[str], env: dict) -> tuple[int, list[str]]:
    """Exit code and the lines of stdout and stderr, interleaved as on a terminal."""
    proc = subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    return proc.returncode, proc.stdout.splitlines()


def test_make_run_prints_what_a_user_needs(tmp_path, monkeypatch):
    corpus, out, home = tmp_path / "corpus", tmp_path / "out", tmp_path / "home"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_bytes(b"")  # rejected: its warning must show
    env = {**os.environ, "DEALS_CORPUS_DIR": str(corpus), "DEALS_OUTPUT_DIR": str(out), "DAGSTER_HOME": str(home),
           "DEALS_WORKERS": "1"}
    env.pop("DEALS_LOG_LEVEL", None)
    for inherited in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):  # under `make test`, make would add "Entering directory" lines
        env.pop(inherited, None)
    # -o: the recipe as users run it, without reinstalling .venv when pyproject.toml is newer
    code, lines = _run(["make", "-o", ".venv/.installed", "run"], env)
    assert code == 0, "\n".join(lines)
    text = "\n".join(lines)
    assert " DEBUG " not in text and "STEP_START" not in text, text
    assert not re.search(r"\w+Warning\b", text), text  # SupersessionWarning, BetaWarning, any other Python warning
    assert any(re.fullmatch(r"\d\d:\d\d:\d\d documents +warning: rejected empty\.txt: .*empty.*", line) for line in lines), text
    assert any(re.fullmatch(r"\d\d:\d\d:\d\d documents +reading: documents 6/6 \(100%\), .* docs/s, done in \d+ s", line) for line in lines), text

    version = (out / "latest").resolve().name
    n = {t: len(datasets.load(t, output_dir=out)) for t in ("agreements", "procurements", "documents", "mentions", "rejected")}
    assert n["documents"] == 5 and n["rejected"] == 1
    summary = lines[lines.index(f"Release {version} published (the first release)."):]
    assert summary[1:4] == [
        f"  agreements {n['agreements']}, procurements {n['procurements']}, documents 5, mentions {n['mentions']}, rejected files 1",
        "  changes since the previous release: no previous release, every row is new",
        f"  files: {out}/releases/{version}/ (latest: {out}/latest/)",
    ]
    assert re.fullmatch(r"Run [0-9a-f-]{36} succeeded in \d+ s; its full log: `make ui`, then Runs\.", summary[4])
    # the summary closes the output; before it, short step lines only (and make's echo of its recipes)
    assert summary == lines[-5:]
    # (progress lines come every few seconds, so how many depends on the machine's load: not counted)
    steps = [line for line in lines if re.match(r"\d\d:\d\d:\d\d \w+ ", line) and " docs/s" not in line]
    assert 1 <= len(steps) <= 10, text

    # the run history keeps every event, debug ones included, for the UI
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as instance:
        (run,) = instance.get_runs()
        assert run.job_name == "refresh" and summary[4].startswith(f"Run {run.run_id} ")
        logs = instance.all_logs(run.run_id)
        levels = {record.level for record in logs}
        events = {record.dagster_event.event_type_value for record in logs if record.dagster_event}
        messages = [record.user_message for record in logs]
    assert {logging.DEBUG, logging.INFO, logging.WARNING} <= levels
    assert {"STEP_START", "STEP_SUCCESS", "HANDLED_OUTPUT", "LOADED_INPUT", "ASSET_MATERIALIZATION"} <= events
    assert any(m.startswith("rejected empty.txt") for m in messages)

    # the same corpus again: no new version, and the summary says so
    code, lines = _run([sys.executable, "-m", "pipeline.run"], env)
    assert code == 0, "\n".join(lines)
    start = lines.index(f"Unchanged: the data equal release {version}, which stays the latest; no new version was cut.")
    assert lines[start + 2] == "  changes since the previous release: none"
    assert not re.search(r"\w+Warning\b| DEBUG ", "\n".join(lines))
