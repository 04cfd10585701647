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


def write_processed(output_dir: Path, fingerprint: dict[str, str], version: str, curation: str | None = None) -> None:
    """`curation`: the digest of the correction files the run applied (curate.corrections.curation_fingerprint)."""
    path = Path(output_dir) / STATE_FILE
    tmp = path.with_name(f".{STATE_FILE}.tmp-{os.getpid()}")
    state = {"release": version, "files": dict(sorted(fingerprint.items())), "curation": curation}
    tmp.write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_processed(output_dir: Path) -> dict[str, str] | None:
    path = Path(output_dir) / STATE_FILE
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError):
        return None


def read_processed_curation(output_dir: Path) -> str | None:
    """The digest of the correction files the last run applied (None: unknown)."""
    try:
        value = json.loads((Path(output_dir) / STATE_FILE).read_text(encoding="utf-8")).get("curation")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None
