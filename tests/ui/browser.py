"""Headless Debian Chromium for the UI test: installed with apt when missing, kept off the network."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Flags checked on this machine (shared DAGSTER_NOTES.md): no sandbox (root in a container),
# no GPU, and none of Chromium's own calls home (updates, sync, field trials).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _loud_skip(reason: str) -> None:
    banner = "!" * 78
    print(f"\n{banner}\nUI TEST SKIPPED: {reason}\n{banner}", file=sys.stderr, flush=True)
    pytest.skip(f"UI TEST SKIPPED: {reason}")


def ensure_chromium() -> Path:
    """Path of Debian's chromium, installing it first if apt can (never a Playwright browser download)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if shutil.which("apt-get") is None:
        _loud_skip("no /usr/bin/chromium and no apt-get to install Debian's `chromium`")
    prefix: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") is None or subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode != 0:
            _loud_skip("no /usr/bin/chromium, and installing it with apt-get needs root (run as root, or `apt-get install chromium`)")
        prefix = ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        proc = subprocess.run(prefix + cmd, env=env, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            # apt is there but failed: a real failure, not a reason to skip
            pytest.fail(f"`{' '.join(cmd)}` failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    assert CHROMIUM.exists(), "apt-get installed chromium but /usr/bin/chromium is missing"
    return CHROMIUM
