"""What the last successful run processed, kept beside the releases.

The sensor compares the corpus folder with this record, not with run keys: a file is new
or changed exactly when its hash differs from the one recorded here. It is written on
every run, also when the data were unchanged and no version was cut.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

STATE_FILE = "processed_corpus.json"


def write_processed(output_dir: Path, fingerprint: dict[str, str], version: str) -> None:
    path = Path(output_dir) / STATE_FILE
    tmp = path.with_name(f".{STATE_FILE}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps({"release": version, "files": dict(sorted(fingerprint.items()))}, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_processed(output_dir: Path) -> dict[str, str] | None:
    path = Path(output_dir) / STATE_FILE
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError):
        return None
