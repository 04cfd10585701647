"""A run killed while publishing, and two runs at once, never corrupt the releases."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from pipeline.publish.locking import PublishLockTimeout, publish_lock
from pipeline.publish.release import publish_release

from tests.publish.test_release import _tables

PUBLISH_AND_DIE = textwrap.dedent(
    """
    import os, signal, sys
    sys.path[:0] = {paths!r}
    from pipeline.publish import release
    from tests.publish.test_release import _tables
    real_hash, written = release.size_and_sha256, []

    def hash_then_die(path):
        written.append(path)
        if len(written) == 3:  # data files written, the release not yet complete
            os.kill(os.getpid(), signal.SIGKILL)
        return real_hash(path)

    release.size_and_sha256 = hash_then_die
    release.publish_release({out!r}, _tables("cancelled"), [])
    """
)


def test_sigkill_during_publishing_leaves_latest_intact(tmp_path):
    first = publish_release(tmp_path, _tables("proposed"), [])
    before = {p.name: p.read_bytes() for p in (tmp_path / "latest").iterdir()}
    script = PUBLISH_AND_DIE.format(paths=sys.path, out=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()
    # the killed run left only a hidden staging folder; latest and the old release are untouched
    assert (tmp_path / "latest").resolve() == first.path.resolve()
    assert {p.name: p.read_bytes() for p in (tmp_path / "latest").iterdir()} == before
    visible = [p.name for p in (tmp_path / "releases").iterdir() if not p.name.startswith(".")]
    assert visible == [first.version]
    # the next run completes normally and cleans up after the dead one
    second = publish_release(tmp_path, _tables("cancelled"), [])
    assert second.created and (tmp_path / "latest").resolve() == second.path.resolve()
    assert not [p for p in (tmp_path / "releases").iterdir() if p.name.startswith(".")]


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    sys.path[:0] = {paths!r}
    from pathlib import Path
    from pipeline.publish.locking import publish_lock
    with publish_lock(Path({out!r})):
        print("locked", flush=True)
        time.sleep({seconds})
    """
)


def _hold_lock(out, seconds):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK.format(paths=sys.path, out=str(out), seconds=seconds)], stdout=subprocess.PIPE
    )
    assert proc.stdout.readline().strip() == b"locked"
    return proc


def test_concurrent_publisher_gets_clear_message(tmp_path):
    holder = _hold_lock(tmp_path, 5)
    try:
        with pytest.raises(PublishLockTimeout, match="another run is publishing"):
            with publish_lock(tmp_path, timeout_s=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_concurrent_publisher_waits_for_the_other(tmp_path):
    holder = _hold_lock(tmp_path, 1.5)
    start = time.monotonic()
    result = publish_release(tmp_path, _tables("signed"), [])
    assert result.created and time.monotonic() - start >= 1.0
    holder.wait()
