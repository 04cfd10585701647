"""`make ui`: `dagster dev` that stops, with everything it started, within seconds of a signal.

    python -m pipeline.ui -m pipeline.definitions --host 127.0.0.1 --port 3000

Why a wrapper: a job started in the background by a non-interactive shell (`make ui &` in a
script, a CI step, an editor's task) inherits SIGINT ignored, and `dagster dev` maps SIGTERM to
whatever SIGINT does (dagster._utils.interrupts.setup_interrupt_handlers), so it then ignores
both; make, which passes SIGTERM on to its recipe and waits for it, waits for ever. This
process does not ignore them: on SIGINT, SIGTERM or SIGHUP it interrupts `dagster dev`'s whole
process group (webserver, daemon, code servers, run workers; what Ctrl-C does to a plain
`dagster dev`), gives them GRACE_S to shut down, kills what is left, and ends by the signal it got.

SIGTERM reaches it through make (`kill <make's pid>`: make passes SIGTERM on, not SIGINT) or
through the process group; SIGINT through the group (Ctrl-C, `kill -INT -- -<pgid>`).

`dagster dev` is superseded by `dg dev` in Dagster 1.13 (a SupersessionWarning at every start);
`dg` comes with the dagster-dg-cli package and its twenty-odd dependencies, for the same server,
so the project keeps `dagster dev` and silences that one warning (by its text) here.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE_S = 6.0  # dagster dev's own shutdown on the seeds takes about 2 s
KILL_WAIT_S = 2.0
# -W syntax: the text is matched literally against the start of the warning's message
SUPERSEDED_WARNING = "ignore:Function `dev_command` is superseded"


class _Stop(Exception):
    def __init__(self, signum: int):
        self.signum = signum


def _raise_stop(signum, _frame):
    raise _Stop(signum)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of the group is someone else's: still there
        return True
    return True


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def stop_group(proc: subprocess.Popen, grace_s: float = GRACE_S) -> None:
    """Interrupt the group led by `proc`, wait up to `grace_s`, then kill whatever is left in it."""
    pgid = proc.pid
    _signal_group(pgid, signal.SIGINT)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        if proc.poll() is not None and not _group_alive(pgid):
            return
        time.sleep(0.1)
    _signal_group(pgid, signal.SIGKILL)  # children can outlive dagster dev: clear the whole group
    deadline = time.monotonic() + KILL_WAIT_S
    while time.monotonic() < deadline and (proc.poll() is None or _group_alive(pgid)):
        time.sleep(0.05)


def main(argv: list[str]) -> int:
    dagster = str(Path(sys.executable).with_name("dagster"))
    env = dict(os.environ)
    env["PYTHONWARNINGS"] = ",".join(filter(None, [env.get("PYTHONWARNINGS"), SUPERSEDED_WARNING]))
    # Handlers first: a handled signal is reset to the default in the child, an ignored one
    # would stay ignored there.
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stop)
    proc = None
    try:
        # Blocked while starting it, so that `proc` is known when a stop arrives (unblocked in the
        # child, which would inherit the mask). Its own process group: signalled and, if need be,
        # killed as one, without make or the shell.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            proc = subprocess.Popen([dagster, "dev", *argv], env=env, process_group=0,
                                    preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS))
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        return proc.wait()
    except _Stop as stop:
        for signum in STOP_SIGNALS:  # a second Ctrl-C while stopping changes nothing
            signal.signal(signum, signal.SIG_IGN)
        if proc is not None:
            stop_group(proc)
        # end by the same signal, as an unwrapped program would (make and shells see it)
        signal.signal(stop.signum, signal.SIG_DFL)
        os.kill(os.getpid(), stop.signum)
        return 128 + stop.signum
    finally:
        if proc is not None and proc.poll() is None:  # an unexpected error here: leave nothing behind
            stop_group(proc)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
