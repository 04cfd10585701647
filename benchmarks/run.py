"""Benchmark: floor, extraction (one core, all cores), end-to-end `make run`, incremental refresh.

    python benchmarks/run.py [--sizes 1000 10000 100000] [--work /tmp/deals-bench]

Generates (or reuses) deterministic corpora with benchmarks/generate.py, measures each
stage in a fresh subprocess (so peak RSS is that stage's own), and writes
benchmarks/RESULTS.md. Figures, not assertions: targets are read, not enforced.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
INCREMENT = 100

STAGE_CODE = {
    # read every file and run one compiled regex over it: the I/O + scan floor
    "floor": """
import re, sys, time
from pathlib import Path
pat = re.compile(r"\\b(?:signed|contract|agreement|delivered)\\b")
files = sorted(Path(sys.argv[1]).rglob("*.txt"))
t = time.perf_counter(); n = nbytes = 0
for f in files:
    data = f.read_bytes(); nbytes += len(data)
    n += len(pat.findall(data.decode("utf-8", "replace")))
print(len(files), nbytes, time.perf_counter() - t)
""",
    # the extraction library alone: read, clean, extract, consolidate, on `workers` processes
    "extract": """
import sys, time
from pathlib import Path
from pipeline.incremental.pool import run_ordered
from pipeline.consolidate import consolidate
from pipeline.corpus import read_document
from pipeline.extract import extract_mentions

def one(path):
    data = Path(path).read_bytes()
    doc = read_document(Path(path).name, data)
    return len(data), doc.doc_id, doc.published, extract_mentions(doc.text, doc.doc_id, doc.published)

if __name__ == "__main__":
    files = [str(p) for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
    workers = int(sys.argv[2])
    t = time.perf_counter(); nbytes = 0; mentions = []; published = {}
    for size, doc_id, pub, found in run_ordered(one, files, workers):
        nbytes += size; mentions += found; published[doc_id] = pub
    consolidate(mentions, published)
    print(len(files), nbytes, time.perf_counter() - t)
""",
}




def _stage(name: str, corpus: Path, *args: str) -> dict:
    script = Path("/tmp") / f"deals_bench_{name}.py"
    script.write_text(STAGE_CODE[name])
    cmd = ["/usr/bin/time", "-f", "%M", PY, str(script), str(corpus), *args]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"stage {name} failed:\n{proc.stderr[-3000:]}")
    n, nbytes, inner = proc.stdout.split()[-3:]
    peak_mb = int(proc.stderr.strip().splitlines()[-1]) // 1024
    return {"docs": int(n), "bytes": int(nbytes), "seconds": float(inner), "wall": wall, "peak_rss_mb": peak_mb}


def _ensure_corpus(corpus: Path, n: int) -> None:
    """(Re)generate `corpus` unless it holds n articles from the current generator (stamp beside it)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import GENERATOR_VERSION

    stamp = corpus.with_name(corpus.name + ".generator")
    if corpus.exists() and stamp.exists() and stamp.read_text() == GENERATOR_VERSION \
            and sum(1 for _ in corpus.rglob("*.txt")) == n:
        return
    subprocess.run(["rm", "-rf", str(corpus)], check=True)
    subprocess.run([PY, str(REPO / "benchmarks" / "generate.py"), str(corpus), str(n)], check=True)
    stamp.write_text(GENERATOR_VERSION)


def _make_run(corpus: Path, out: Path) -> dict:
    env = {"DEALS_CORPUS_DIR": str(corpus), "DEALS_OUTPUT_DIR": str(out), "DAGSTER_HOME": str(out.parent / "dagster_home")}
    home = out.parent / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():  # as the Makefile does for its own DAGSTER_HOME
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    cmd = ["/usr/bin/time", "-f", "%M", "make", "-s", "run"]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env={**os.environ, **env})
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"make run failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return {"wall": wall, "peak_rss_mb": int(proc.stderr.strip().splitlines()[-1]) // 1024}


def _step_seconds(dagster_home: Path) -> dict[str, float]:
    """Durations of the steps of the newest run recorded in `dagster_home` (its event log)."""
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    from dagster import DagsterEventType, DagsterInstance

    with DagsterInstance.get() as instance:
        run = instance.get_runs(limit=1)[0]
        starts, out = {}, {}
        for event in instance.all_logs(run.run_id):
            if not event.is_dagster_event:
                continue
            if event.dagster_event.event_type == DagsterEventType.STEP_START:
                starts[event.step_key] = event.timestamp
            elif event.dagster_event.event_type == DagsterEventType.STEP_SUCCESS:
                out[event.step_key] = round(event.timestamp - starts[event.step_key], 1)
        return out


def _row(label: str, n: int, r: dict, floor_s: float | None, nbytes: int) -> str:
    secs = r.get("seconds", r["wall"])
    ratio = f"{secs / floor_s:.0f}×" if floor_s else "1×"
    return (f"| {label} | {n:,} | {n / secs:,.0f} | {nbytes / secs / 1e6:.1f} | {ratio} | {r['wall']:.1f} | "
            f"{r['peak_rss_mb']:,} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/deals-bench"))
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    a = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    lines = [
        "# Benchmark results",
        "",
        f"`make bench` on {platform.machine()}, {cores} cores, Python {platform.python_version()}; "
        f"synthetic corpus from `benchmarks/generate.py` (seeded, 1–8 KB articles).",
        "Rates are documents (and MB of raw text) per second of the stage's own work; *vs floor* is its time over",
        "the floor's (read every file + one regex); wall includes interpreter start-up; RSS is the peak of the",
        "largest process. The incremental refresh adds 100 new articles to the largest corpus and runs `make run` again.",
        "",
        "| stage | docs | docs/s | MB/s | vs floor | wall s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    results = {}
    for n in a.sizes:
        corpus = a.work / f"corpus-{n}"
        _ensure_corpus(corpus, n)
        floor = _stage("floor", corpus)
        one = _stage("extract", corpus, "1")
        both = _stage("extract", corpus, str(cores))
        out = a.work / f"out-{n}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        e2e = _make_run(corpus, out)
        e2e["steps"] = _step_seconds(out.parent / "dagster_home")
        nbytes = floor["bytes"]
        lines += [
            _row(f"floor ({n:,})", n, floor, None, nbytes),
            _row("extraction, 1 core", n, one, floor["seconds"], nbytes),
            _row(f"extraction, {cores} cores", n, both, floor["seconds"], nbytes),
            _row("`make run` end to end", n, {**e2e, "seconds": e2e["wall"]}, floor["seconds"], nbytes),
        ]
        results[n] = {"floor": floor, "extract_1": one, "extract_all": both, "make_run": e2e}
        print(lines[-4:], flush=True)
    n = max(a.sizes)
    corpus, out = a.work / f"corpus-{n}", a.work / f"out-{n}"
    subprocess.run([PY, str(REPO / "benchmarks" / "generate.py"), str(corpus), str(INCREMENT), "--start", str(n)], check=True)
    inc = _make_run(corpus, out)
    inc["steps"] = _step_seconds(out.parent / "dagster_home")
    lines.append(f"| incremental: +{INCREMENT} to {n:,} | {INCREMENT} | {INCREMENT / inc['wall']:,.1f} | | | "
                 f"{inc['wall']:.1f} | {inc['peak_rss_mb']:,} |")
    results["incremental"] = inc
    full = results[n]["make_run"]["steps"]
    lines += ["", f"Step durations (s) from the Dagster event log: `make run` on {n:,} documents, and the incremental refresh.",
              "Wall time beyond their sum is interpreter and Dagster start-up.", "",
              f"| step | {n:,} | +{INCREMENT} |", "|---|---:|---:|"]
    steps = list(full) + [step for step in inc["steps"] if step not in full]  # in the order they ran
    lines += [f"| {step} | {full.get(step, '')} | {inc['steps'].get(step, '')} |" for step in steps]
    # leave the corpus as generated: remove the increment so a rerun measures the same sizes
    for i in range(n, n + INCREMENT):
        (corpus / f"{i // 1000:03d}" / f"article_{i:06d}.txt").unlink(missing_ok=True)
    a.out.write_text("\n".join(lines) + "\n\n```json\n" + json.dumps(results, indent=1) + "\n```\n", encoding="utf-8")
    print(a.out.read_text())


if __name__ == "__main__":
    main()
