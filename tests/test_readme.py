"""The README's code runs as written, against the bundled release (outputs/latest, committed).

Every ```python block is executed on its own, in a fresh namespace (a reader copies one block),
from the repository root when it names `outputs/...` paths (as the README says to) and from
an unrelated folder otherwise (the loader must find the project's outputs/ from anywhere), with
DEALS_OUTPUT_DIR unset. What it leaves behind is checked against the release's JSON files, read
here independently: a block that defines nothing checked fails, so a new block needs a check.
A block that needs a package the project does not depend on is marked on the line before it with
`<!-- readme-test: requires PACKAGE -->` and is skipped where PACKAGE is not installed.

Shell blocks are not run (they build environments and start servers); each command in them must
name a Makefile target, a Dagster sensor or schedule of pipeline.definitions, or DEALS_ variables
the pipeline reads. Every `make TARGET` the prose mentions must be a Makefile target.
"""
from __future__ import annotations

import ast
import math
import re
import shlex
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.release_files import json_rows, table_files

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
RELEASE = (REPO / "outputs" / "latest").resolve()
TABLES = ("agreements", "procurements", "documents", "mentions")
MARKER = re.compile(r"<!--\s*readme-test:\s*requires\s+(\S+)\s*-->")


@dataclass
class Block:
    lang: str
    line: int  # of the first code line
    code: str
    requires: str | None


def blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    found, i = [], 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        marker = MARKER.search(before)
        found.append(Block(m.group(1), i + 2, "\n".join(lines[i + 1:end]) + "\n", marker.group(1) if marker else None))
        i = end + 1
    return found


BLOCKS = blocks(README.read_text(encoding="utf-8"))
PYTHON = [b for b in BLOCKS if b.lang == "python"]
SHELL = [b for b in BLOCKS if b.lang in ("sh", "bash", "shell", "console")]


def test_readme_blocks_are_found():
    # the parser sees the blocks there are: a change of fence style must not empty the tests below
    text = README.read_text(encoding="utf-8")
    assert len(BLOCKS) == text.count("\n```") // 2 and len(PYTHON) >= 4 and SHELL


# ---- what a block leaves behind, checked against the release's JSON files -------------------

def _plain(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        import pandas as pd
        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:
        pass
    return value


def _check_table(name: str):
    def check(frame, ns):
        rows = json_rows(RELEASE, name)
        assert len(frame) == len(rows), (name, len(frame), len(rows))
        # text columns (dates among them, "2022" or "2025-10") come back as the strings published
        for col in rows[0] if rows else []:
            values = [r[col] for r in rows]
            if any(isinstance(v, str) for v in values) and all(v is None or isinstance(v, str) for v in values):
                got = [_plain(v) for v in frame[col]]
                assert got == values, (name, col, got[:5], values[:5])
    return check


def _check_versions(versions, ns):
    on_disk = {p.name for p in (REPO / "outputs" / "releases").iterdir() if p.is_dir()}
    assert RELEASE.name in versions and set(versions) <= on_disk, (versions, on_disk)


def _check_version(version, ns):
    assert version == RELEASE.name


def _check_parties(parties, ns):
    expected = Counter(p for a in json_rows(RELEASE, "agreements") for p in a["parties"])
    assert dict(zip(parties["party"], parties["agreements"])) == dict(expected)
    assert list(parties["agreements"]) == sorted(parties["agreements"], reverse=True)


def _check_n_mentions(n, ns):
    assert n == len(json_rows(RELEASE, "mentions"))


def _check_parts(parts, ns):
    assert [Path(p).stem for p in parts] == [p.stem for p in table_files(RELEASE, "documents", "json")]


def _check_month(month, ns):
    # the first part the README's listing gives, row for row
    first = Path(ns["parts"][0]).stem
    import json
    rows = json.loads((RELEASE / "documents.json" / f"{first}.json").read_text(encoding="utf-8"))
    assert list(month["doc_id"]) == [r["doc_id"] for r in rows]


def _check_pairs(pairs, ns):
    expected = Counter((p["buyer_country"], p["supplier_country"]) for p in json_rows(RELEASE, "procurements"))
    got = {(_plain(b), _plain(s)): n for b, s, n in zip(pairs["buyer_country"], pairs["supplier_country"], pairs["len"])}
    assert got == dict(expected)


CHECKS = {**{t: _check_table(t) for t in TABLES}, "versions": _check_versions, "version": _check_version,
          "parties": _check_parties, "n_mentions": _check_n_mentions, "parts": _check_parts, "month": _check_month,
          "pairs": _check_pairs}


def _run(block: Block) -> dict:
    tree = ast.parse(block.code, filename=str(README))
    ast.increment_lineno(tree, block.line - 1)  # tracebacks point at README lines
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    ns: dict = {"__name__": "__readme__"}
    exec(compile(tree, str(README), "exec"), ns)
    if last is not None:  # shown in a notebook or REPL: it must not be empty
        ns["_"] = eval(compile(ast.Expression(last.value), str(README), "eval"), ns)
    return ns


@pytest.mark.parametrize("block", PYTHON, ids=[f"README.md:{b.line}" for b in PYTHON])
def test_python_block_runs_against_the_bundled_release(block, monkeypatch, tmp_path):
    if block.requires:
        pytest.importorskip(block.requires, reason=f"README.md:{block.line} needs {block.requires}, not a dependency")
    assert RELEASE.is_dir(), "the bundled release outputs/latest is missing"
    monkeypatch.delenv("DEALS_OUTPUT_DIR", raising=False)
    monkeypatch.chdir(REPO if "outputs/" in block.code else tmp_path)
    ns = _run(block)
    checked = [name for name in CHECKS if name in ns]
    for name in checked:
        CHECKS[name](ns[name], ns)
    if "_" in ns:
        assert len(ns["_"]), f"README.md:{block.line}: its last expression shows nothing"
    assert checked, f"README.md:{block.line} defines nothing tests/test_readme.py checks: add a check to CHECKS"


# ---- shell blocks and prose -----------------------------------------------------------------

def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, re.M)}


def _defined_automation() -> dict[str, set[str]]:
    from pipeline.definitions import defs
    return {"sensor": {s.name for s in defs.sensors}, "schedule": {s.name for s in defs.schedules}}


def _pipeline_variables() -> set[str]:
    return {v for f in (REPO / "pipeline").rglob("*.py") for v in re.findall(r"\bDEALS_[A-Z_]+\b", f.read_text(encoding="utf-8"))}


def test_shell_blocks_name_what_exists():
    targets, variables = _make_targets(), _pipeline_variables()
    automation = None
    commands = [(b.line + i, line.split("#")[0].strip()) for b in SHELL for i, line in enumerate(b.code.splitlines())]
    assert commands
    for line, command in filter(lambda c: c[1], commands):
        words = shlex.split(command)
        while words and re.match(r"^[A-Z_]+=", words[0]):
            var = words.pop(0).split("=")[0]
            assert var in variables, f"README.md:{line}: {var} is read nowhere in pipeline/"
        if words[0] == "make":
            assert set(words[1:]) <= targets, f"README.md:{line}: no Makefile target {set(words[1:]) - targets}"
        elif words[0] == ".venv/bin/dagster" and words[1] in ("sensor", "schedule") and words[2] == "start":
            automation = automation or _defined_automation()
            assert words[3] in automation[words[1]], f"README.md:{line}: no {words[1]} {words[3]}"
            assert words[4:] == ["-m", "pipeline.definitions"], f"README.md:{line}"
        else:
            pytest.fail(f"README.md:{line}: `{command}` is not checked: add a check to tests/test_readme.py")


def test_every_make_target_the_readme_names_exists():
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", README.read_text(encoding="utf-8")))
    assert {"run", "test", "notebook"} <= named
    assert named <= _make_targets(), named - _make_targets()
