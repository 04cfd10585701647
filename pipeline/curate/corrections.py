"""Read the correction files of a curation folder: every `*.csv` under it, in path order.

A correction file is written by people and is untrusted input: nothing in it is dropped
without a word. A row that cannot be a correction, and a file that cannot be read, become
corrections whose `problem` says why; apply.py publishes them as invalid.

Columns (a header row, UTF-8): record_id, action, field, value, reason, source, author, date.
See README, "How to correct a record".
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from schemas.checks import PARTIAL_DATE
from schemas.corrections import CORRECTION_ACTIONS

COLUMNS = ("record_id", "action", "field", "value", "reason", "source", "author", "date")
MAX_BYTES = 5 << 20  # a correction file is written by hand: anything larger is a mistake
DATE = re.compile(PARTIAL_DATE)
# what each action needs besides reason, author and date
_NEEDS = {"set": ("record_id", "field"), "drop": ("record_id",), "merge": ("record_id", "value"), "add": ("value",)}


@dataclass(frozen=True)
class Correction:
    file: str  # relative to the curation folder
    line: int  # 0: the file as a whole
    action: str | None
    record_id: str | None = None
    field: str | None = None
    value: str | None = None
    reason: str | None = None
    source: str | None = None
    author: str | None = None
    date: str | None = None
    problem: str | None = None  # why it cannot be applied as written (None: it may be)

    @property
    def correction_id(self) -> str:
        return f"{self.file}:{self.line}"


def correction_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted((p for p in folder.rglob("*.csv") if p.is_file() and not p.name.startswith(".")),
                  key=lambda p: p.relative_to(folder).as_posix())


def curation_fingerprint(folder: Path | None) -> str:
    """A digest of the correction files (names and bytes): it changes when a correction is added,
    edited or removed, so the sensor asks for a refresh as it does for a new article."""
    h = hashlib.sha256()
    for path in correction_files(folder):
        try:
            data = path.read_bytes()
        except OSError as exc:
            data = f"unreadable: {exc}".encode()
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _row_problem(c: Correction) -> str | None:
    if c.action not in CORRECTION_ACTIONS:
        return f"action {c.action!r} is not one of {', '.join(CORRECTION_ACTIONS)}"
    missing = [name for name in ("reason", "author", "date") + _NEEDS[c.action] if getattr(c, name) is None]
    if missing:
        return f"{c.action} needs {', '.join(missing)}"
    if not DATE.match(c.date):
        return f"date {c.date!r} is not an ISO 8601 date (YYYY-MM-DD)"
    if c.action == "add" and c.record_id is not None:
        return "add takes no record_id: the new record's id is derived from what it adds"
    return None


def read_file(path: Path, name: str) -> list[Correction]:
    """The corrections of one file; one invalid correction (line 0) when the file cannot be read."""
    def whole_file(problem: str) -> list[Correction]:
        return [Correction(name, 0, None, problem=problem)]

    try:
        data = path.read_bytes()
    except OSError as exc:
        return whole_file(f"cannot be read ({type(exc).__name__}: {exc})")
    if len(data) > MAX_BYTES:
        return whole_file(f"is {len(data)} bytes, more than a correction file can be ({MAX_BYTES})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return whole_file(f"is not UTF-8 ({exc})")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    unknown, missing = sorted(set(header) - set(COLUMNS)), [c for c in COLUMNS if c not in header]
    if unknown or missing:
        return whole_file("has " + "; ".join(filter(None, [
            f"unknown columns {', '.join(map(repr, unknown))}" if unknown else "",
            f"no column {', '.join(map(repr, missing))}" if missing else ""])) + f" (expected: {', '.join(COLUMNS)})")
    reader.fieldnames = header
    out = []
    try:
        for row in reader:
            if None in row:  # more cells than columns
                out.append(Correction(name, reader.line_num, _clean(row.get("action")),
                                      problem=f"has {len(header) + len(row[None])} cells for {len(header)} columns"))
                continue
            c = Correction(name, reader.line_num, **{col: _clean(row.get(col)) for col in COLUMNS})
            problem = _row_problem(c)
            out.append(Correction(**{**c.__dict__, "problem": problem}) if problem else c)
    except csv.Error as exc:
        out.append(Correction(name, reader.line_num, None, problem=f"is not valid CSV from here on ({exc})"))
    return out


def read_corrections(folder: Path | None) -> list[Correction]:
    """Every correction of the folder's files, in file and line order (the order they apply in)."""
    out: list[Correction] = []
    for path in correction_files(folder):
        out.extend(read_file(path, path.relative_to(folder).as_posix()))
    return out
