"""Runs of one checkout never see each other's data (issue 12, part 1).

Both tests go through `make run` and the Dagster CLI as users do, with one DAGSTER_HOME
shared by every run (as `.dagster/` is shared by every run of a checkout), and differ only
in DEALS_CORPUS_DIR and DEALS_OUTPUT_DIR.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT / "tests" / "fixtures" / "fresh"


def _corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(FRESH / name, folder / name)
    return folder


def _env(home: Path, corpus: Path, output: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEALS_")}
    env.update(DAGSTER_HOME=str(home), DEALS_CORPUS_DIR=str(corpus), DEALS_OUTPUT_DIR=str(output), DEALS_WORKERS="1")
    return env


def _documents(output: Path) -> pd.DataFrame:
    parts = sorted((output / "latest" / "documents.parquet").glob("*.parquet"))  # one file per month
    return pd.concat([pd.read_parquet(p, columns=["doc_id", "file_name"]) for p in parts])


def _published_files(output: Path) -> set[str]:
    docs = _documents(output)
    return set(docs["file_name"])


def _cited_documents(output: Path) -> set[str]:
    latest = output / "latest"
    cited = set()
    for table in ("agreements", "procurements"):
        for row in json.loads((latest / f"{table}.json").read_text(encoding="utf-8")):
            cited.update(row["source_doc_ids"])
    return cited


def _doc_ids(output: Path) -> set[str]:
    docs = _documents(output)
    return set(docs["doc_id"])


@pytest.fixture()
def two_setups(tmp_path):
    names = sorted(p.name for p in FRESH.glob("*.txt"))
    home = tmp_path / "dagster_home"  # created by the first `make run`s, as in a fresh checkout
    a = (_corpus(tmp_path / "corpus_a", names[:6]), tmp_path / "out_a")
    b = (_corpus(tmp_path / "corpus_b", names[6:8]), tmp_path / "out_b")
    return home, a, b


def test_two_make_runs_at_once_publish_their_own_corpus(two_setups):
    home, (corpus_a, out_a), (corpus_b, out_b) = two_setups
    procs = [subprocess.Popen(["make", "-s", "run"], cwd=ROOT, env=_env(home, c, o),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for c, o in ((corpus_a, out_a), (corpus_b, out_b))]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    for p, out in zip(procs, outputs):
        assert p.returncode == 0, out[-3000:]
    assert _published_files(out_a) == {p.name for p in corpus_a.glob("*.txt")}
    assert _published_files(out_b) == {p.name for p in corpus_b.glob("*.txt")}
    for out in (out_a, out_b):
        assert _cited_documents(out) <= _doc_ids(out)


def test_a_later_partial_run_reads_its_own_inputs(two_setups):
    """Materialising `release` alone (as from the UI) loads the upstream values of its own
    corpus and output, not those of whichever run of the checkout wrote last."""
    home, (corpus_a, out_a), (corpus_b, out_b) = two_setups
    for corpus, out in ((corpus_a, out_a), (corpus_b, out_b)):
        done = subprocess.run(["make", "-s", "run"], cwd=ROOT, env=_env(home, corpus, out), capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shutil.rmtree(out_a / "releases")
    (out_a / "latest").unlink()
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "dagster"), "asset", "materialize", "-m", "pipeline.definitions",
                           "--select", "release"], cwd=ROOT, env=_env(home, corpus_a, out_a), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert _published_files(out_a) == {p.name for p in corpus_a.glob("*.txt")}
