"""One writer at a time per output dir: an advisory file lock around publishing."""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path

LOCK_NAME = ".publish.lock"


class PublishLockTimeout(RuntimeError):
    pass


@contextlib.contextmanager
def publish_lock(output_dir: Path, timeout_s: float = 600.0, poll_s: float = 0.2):
    """Wait for the lock (another run is publishing), then hold it; clear error on timeout."""
    path = Path(output_dir) / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PublishLockTimeout(
                        f"another run is publishing into {Path(output_dir).name}/ (lock {LOCK_NAME} held for over {timeout_s:.0f} s)"
                    ) from None
                time.sleep(poll_s)
        yield
    finally:
        os.close(fd)
