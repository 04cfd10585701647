"""`make ui` started in the background stops, with every process it started, within 10 s of
SIGTERM or SIGINT.

A background job of a non-interactive shell (`make ui &` in a script) starts with SIGINT
ignored; `dagster dev` then ignored SIGTERM too, and make, which passes SIGTERM on to its
recipe and waits for it, waited for ever (SIGKILL was the only way out). pipeline/ui.py fixes it.
Each case starts a server (about 10 s): run with `make test-ui` (DEALS_UI_TEST=1).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ui.dagster_server import REPO, free_port

pytestmark = pytest.mark.skipif(os.environ.get("DEALS_UI_TEST") != "1", reason="starts `make ui`: run it with `make test-ui`")

STOP_WITHIN_S = 10
START_TIMEOUT_S = 180


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            kids.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return kids


def _tree(pid: int) -> set[int]:
    kids, found, todo = _children(), set(), [pid]
    while todo:
        p = todo.pop()
        found.add(p)
        todo += kids.get(p, [])
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its parent has not collected it yet


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what `make ui &` in a non-interactive shell inherits


@pytest.mark.parametrize("how", ["SIGTERM to make", "SIGINT to its process group"])
def test_backgrounded_make_ui_stops_within_10_s(tmp_path, how):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", corpus)
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "home"), "DEALS_CORPUS_DIR": str(corpus),
           "DEALS_OUTPUT_DIR": str(tmp_path / "out")}
    log_path = tmp_path / "make-ui.log"
    with open(log_path, "wb") as log:
        # -o: the recipe as users run it, without reinstalling .venv when pyproject.toml is newer;
        # a session of its own, as a background job's process group, which the test can clear
        make = subprocess.Popen(["make", "-o", ".venv/.installed", "ui", f"UI_PORT={port}"], cwd=REPO, env=env,
                                stdout=log, stderr=subprocess.STDOUT, preexec_fn=_ignore_sigint, start_new_session=True)
    tree: set[int] = set()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert make.poll() is None, f"make ui exited with {make.returncode}:\n{log_path.read_text()}"
            assert time.monotonic() < deadline, f"no server after {START_TIMEOUT_S} s:\n{log_path.read_text()}"
            with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2):
                    break
            time.sleep(0.5)
        tree = _tree(make.pid)
        assert len(tree) >= 5, tree  # make, the wrapper, dagster dev, webserver, daemon, code server...

        started = time.monotonic()
        if how == "SIGTERM to make":
            make.send_signal(signal.SIGTERM)  # `kill $!`
        else:
            os.killpg(make.pid, signal.SIGINT)  # Ctrl-C, `kill -INT -- -<pgid>`
        while time.monotonic() - started < STOP_WITHIN_S and any(_running(p) for p in tree):
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        left = sorted(p for p in tree if _running(p))
        print(f"make ui, {how}: {len(tree)} processes gone after {elapsed:.1f} s")
        assert not left, f"still running {STOP_WITHIN_S} s after {how}: {left}\n{log_path.read_text()[-3000:]}"
        assert make.wait(timeout=1) != 0  # stopped, not finished
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
    finally:
        for pid in tree | {make.pid}:  # whatever is left (a failed test): SIGKILL, by pid
            with contextlib.suppress(ProcessLookupError):
                if _running(pid):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            make.wait(timeout=10)
