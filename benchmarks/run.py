"""Benchmark: floors, extraction (one core, all cores), end-to-end `make run`, incremental refreshes.

    python benchmarks/run.py [--sizes 1000 10000 100000] [--work /tmp/deals-bench]

Generates (or reuses) deterministic corpora with benchmarks/generate.py and measures each
stage in a fresh subprocess, sampling the memory of its whole process tree (main process,
spawned workers, Dagster's helpers) every 0.2 s. Per corpus, within one run:

- the files are read once first (warm page cache), then two floors, each the best of 3:
  A = read + decode, B = read + decode + one plain regex (no leading ``\\b``); the old
  floor (the same regex with ``\\b``) is kept for comparison. Every "× floor" is a
  stage's time over floor A's or B's, measured in the same run on the same files;
- extraction on one core with the per-sentence memo caches cleared between documents
  (benchmarks/memo.py: what a real stream sees; the headline), on one core with them kept,
  and on all cores (cleared);
- `make run` end to end, with its steps' durations from the Dagster event log.

The project's seeds, replicated to ~1,000 uniquely named files, give a real-text row. On the
largest corpus, 100 newest articles are added and `make run` is repeated, then 100
backfilled ones (dated at random over the whole feed, so many months change). Writes
benchmarks/RESULTS.md (keeping its "## Earlier runs" section). Figures, not assertions.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from generate import GENERATOR_VERSION  # noqa: E402
PY = sys.executable
INCREMENT = 100
SAMPLE_S = 0.2
EARLIER = "\n## Earlier runs"

FLOOR_CODE = r"""
import re, sys, time
from pathlib import Path
files = sorted(Path(sys.argv[1]).rglob("*.txt"))
for f in files:  # warm the page cache: no floor pays the cold read
    f.read_bytes()
plain = re.compile(r"signed|contract|agreement|delivered")
bounded = re.compile(r"\b(?:signed|contract|agreement|delivered)\b")  # the old floor's shape

def decode():
    for f in files:
        f.read_bytes().decode("utf-8", "replace")

def scan(pat):
    def run():
        for f in files:
            pat.findall(f.read_bytes().decode("utf-8", "replace"))
    return run

best, cpu = {}, {}
for _ in range(3):
    for name, fn in (("A", decode), ("B", scan(plain)), ("old", scan(bounded))):
        t, c = time.perf_counter(), time.process_time(); fn()
        s, cs = time.perf_counter() - t, time.process_time() - c
        best[name] = min(best.get(name, s), s); cpu[name] = min(cpu.get(name, cs), cs)
print(len(files), sum(f.stat().st_size for f in files), best["A"], best["B"], best["old"], cpu["A"], cpu["B"], cpu["old"])
"""

EXTRACT_CODE = r"""
import os, resource, sys, time
from pathlib import Path
from pipeline.parallel import run_ordered
from pipeline.consolidate import consolidate
from pipeline.corpus import read_document
from pipeline.extract import extract_mentions
from memo import clear_memos

CLEAR = os.environ.get("DEALS_BENCH_CLEAR_MEMOS") == "1"

def one(path):
    if CLEAR:  # a real stream: no sentence of this document was seen before
        clear_memos()
    data = Path(path).read_bytes()
    doc = read_document(Path(path).name, data)
    return len(data), doc.doc_id, doc.published, extract_mentions(doc.text, doc.doc_id, doc.published)

if __name__ == "__main__":
    files = [str(p) for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
    workers = int(sys.argv[2])
    t, c = time.perf_counter(), time.process_time(); nbytes = 0; mentions = []; published = {}
    for size, doc_id, pub, found in run_ordered(one, files, workers):
        nbytes += size; mentions += found; published[doc_id] = pub
    consolidate(mentions, published)
    wall = time.perf_counter() - t
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, reaped at its shutdown
    print(len(files), nbytes, wall, len(mentions), time.process_time() - c + kids.ru_utime + kids.ru_stime)
"""


def _tree_sampler(root: psutil.Process, peak: dict, stop: threading.Event) -> None:
    """Every SAMPLE_S: sum of RSS (and of PSS) over root's descendants (root is /usr/bin/time)."""
    while not stop.is_set():
        rss = pss = largest = 0
        try:
            procs = root.children(recursive=True)
        except psutil.Error:
            procs = []
        for p in procs:
            try:
                mem = p.memory_full_info()
            except psutil.Error:
                continue
            rss += mem.rss
            pss += getattr(mem, "pss", mem.rss)
            largest = max(largest, mem.rss)
        peak["tree_rss"] = max(peak.get("tree_rss", 0), rss)
        peak["tree_pss"] = max(peak.get("tree_pss", 0), pss)
        peak["largest_sampled"] = max(peak.get("largest_sampled", 0), largest)
        stop.wait(SAMPLE_S)


def _measure(cmd: list[str], env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    """Run cmd under /usr/bin/time (largest process's peak, %M) while sampling the whole tree."""
    t = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", *cmd], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    peak: dict = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_tree_sampler, args=(psutil.Process(proc.pid), peak, stop), daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out[-3000:]}\n{err[-3000:]}")
    peak_kb, user, system = err.strip().splitlines()[-1].split()
    mem = {"wall": wall, "cpu": float(user) + float(system), "largest_rss_mb": int(peak_kb) // 1024,
           "tree_rss_mb": peak.get("tree_rss", 0) // 2**20, "tree_pss_mb": peak.get("tree_pss", 0) // 2**20}
    return subprocess.CompletedProcess(cmd, 0, out, err), mem


def _script(name: str, code: str) -> Path:
    script = Path("/tmp") / f"deals_bench_{name}_{os.getpid()}.py"
    script.write_text(code)
    return script


def _env() -> dict:
    return {"PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "benchmarks")])}


def _floors(corpus: Path) -> dict:
    proc, mem = _measure([PY, str(_script("floor", FLOOR_CODE)), str(corpus)], _env())
    n, nbytes, a, b, old, ca, cb, cold = proc.stdout.split()[-8:]
    return {"docs": int(n), "bytes": int(nbytes), "A": float(a), "B": float(b), "old": float(old),
            "cpu_A": float(ca), "cpu_B": float(cb), "cpu_old": float(cold), **mem}


def _extract(corpus: Path, workers: int, clear: bool) -> dict:
    env = {**_env(), "DEALS_BENCH_CLEAR_MEMOS": "1" if clear else "0"}
    proc, mem = _measure([PY, str(_script("extract", EXTRACT_CODE)), str(corpus), str(workers)], env)
    n, nbytes, secs, mentions, cpu = proc.stdout.split()[-5:]
    return {**mem, "docs": int(n), "bytes": int(nbytes), "seconds": float(secs), "mentions": int(mentions),
            "cpu": float(cpu)}


def _ensure_corpus(corpus: Path, n: int) -> None:
    """(Re)generate `corpus` unless it holds n articles from the current generator (stamp beside it)."""
    stamp = corpus.with_name(corpus.name + ".generator")
    if corpus.exists() and stamp.exists() and stamp.read_text() == GENERATOR_VERSION \
            and sum(1 for _ in corpus.rglob("*.txt")) == n:
        return
    shutil.rmtree(corpus, ignore_errors=True)
    subprocess.run([PY, str(REPO / "benchmarks" / "generate.py"), str(corpus), str(n)], check=True)
    stamp.write_text(GENERATOR_VERSION)


def _seeds_corpus(corpus: Path, copies: int) -> None:
    """The project's seed articles, `copies` times each under unique names (real text)."""
    shutil.rmtree(corpus, ignore_errors=True)
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    for i in range(copies):
        d = corpus / f"{i // 100:03d}"
        d.mkdir(parents=True, exist_ok=True)
        for s in seeds:
            shutil.copyfile(s, d / f"r{i:05d}_{s.name}")


def _warm(corpus: Path) -> None:
    for f in corpus.rglob("*.txt"):
        f.read_bytes()


def _make_run(corpus: Path, out: Path) -> dict:
    home = out.parent / f"{out.name}.dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():  # as the Makefile does for its own DAGSTER_HOME
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {"DEALS_CORPUS_DIR": str(corpus), "DEALS_OUTPUT_DIR": str(out), "DAGSTER_HOME": str(home)}
    _warm(corpus)
    _, mem = _measure(["make", "-s", "run"], env)
    return {**mem, "steps": _step_seconds(home)}


def _step_seconds(dagster_home: Path) -> dict[str, float]:
    """Durations of the steps of the newest run recorded in `dagster_home` (its event log)."""
    code = r"""
import json, sys
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
print(json.dumps(out))
"""
    proc = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "DAGSTER_HOME": str(dagster_home)})
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _row(label: str, n: int, secs: float, fl: dict | None, r: dict, nbytes: int) -> str:
    ratio = (lambda k: f"{secs / fl[k]:.1f}×") if fl else (lambda k: "")
    return (f"| {label} | {n:,} | {n / secs:,.0f} | {n / r['cpu']:,.0f} | {nbytes / secs / 1e6:.1f} | {ratio('A')} | "
            f"{ratio('B')} | {r['wall']:.1f} | {r['tree_rss_mb']:,} | {r['largest_rss_mb']:,} |")


def _floor_rows(n: int, fl: dict) -> list[str]:
    rows = []
    for key, label in (("A", "floor A: read + decode"), ("B", "floor B: read + decode + plain regex"),
                       ("old", "old floor: regex with `\\b`")):
        s = fl[key]
        rows.append(f"| {label} | {n:,} | {n / s:,.0f} | {n / fl['cpu_' + key]:,.0f} | {fl['bytes'] / s / 1e6:.1f} | "
                    f"{s / fl['A']:.1f}× | {s / fl['B']:.1f}× | | | |")
    return rows


def _extract_rows(n: int, fl: dict, stages: dict, cores: int) -> list[str]:
    return [
        _row("extraction, 1 core, memos cleared per doc", n, stages["extract_1"]["seconds"], fl, stages["extract_1"], fl["bytes"]),
        _row("extraction, 1 core, memos kept", n, stages["extract_1_kept"]["seconds"], fl, stages["extract_1_kept"], fl["bytes"]),
        _row(f"extraction, {cores} cores, memos cleared", n, stages["extract_all"]["seconds"], fl, stages["extract_all"], fl["bytes"]),
    ]


def _extraction_set(corpus: Path, cores: int) -> dict:
    return {"floors": _floors(corpus), "extract_1": _extract(corpus, 1, True),
            "extract_1_kept": _extract(corpus, 1, False), "extract_all": _extract(corpus, cores, True)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/deals-bench"))
    ap.add_argument("--seeds-copies", type=int, default=200, help="copies of each seed article (5 seeds)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    a = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results: dict = {"load_start": _load()}
    table = []

    seeds = a.work / "seeds-replicated"
    _seeds_corpus(seeds, a.seeds_copies)
    s = _extraction_set(seeds, cores)
    s["load_after"] = _load()
    results["seeds"] = s
    ns = s["floors"]["docs"]
    table += [f"| **project seeds ×{a.seeds_copies} (real text)** | | | | | | | | | |", *_floor_rows(ns, s["floors"]),
              *_extract_rows(ns, s["floors"], s, cores)]
    print("\n".join(table), flush=True)

    for n in a.sizes:
        corpus = a.work / f"corpus-{n}"
        _ensure_corpus(corpus, n)
        r = _extraction_set(corpus, cores)
        out = a.work / f"out-{n}"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(out.parent / f"{out.name}.dagster_home", ignore_errors=True)
        r["make_run"] = _make_run(corpus, out)
        r["load_after"] = _load()
        results[n] = r
        fl = r["floors"]
        rows = [f"| **generated, {n:,}** (load after: {' '.join(map(str, r['load_after']))}) | | | | | | | | | |",
                *_floor_rows(n, fl), *_extract_rows(n, fl, r, cores),
                _row("`make run` end to end", n, r["make_run"]["wall"], fl, r["make_run"], fl["bytes"])]
        table += rows
        print("\n".join(rows), flush=True)

    n = max(a.sizes)
    corpus, out = a.work / f"corpus-{n}", a.work / f"out-{n}"
    gen = [PY, str(REPO / "benchmarks" / "generate.py"), str(corpus), str(INCREMENT)]
    subprocess.run([*gen, "--start", str(n)], check=True)
    results["newest"] = _make_run(corpus, out)
    subprocess.run([*gen, "--start", str(n + INCREMENT), "--backfill", str(n)], check=True)
    results["backfilled"] = _make_run(corpus, out)
    results["load_end"] = _load()
    for key, label in (("newest", f"+{INCREMENT} newest articles"), ("backfilled", f"+{INCREMENT} backfilled articles")):
        inc = results[key]
        table.append(f"| {label} on {n:,} | {INCREMENT} | | | | | | {inc['wall']:.1f} | {inc['tree_rss_mb']:,} | "
                     f"{inc['largest_rss_mb']:,} |")
    # leave the corpus as generated: remove the increments so a rerun measures the same sizes
    for i in range(n, n + 2 * INCREMENT):
        (corpus / f"{i // 1000:03d}" / f"article_{i:06d}.txt").unlink(missing_ok=True)

    full, new, back = results[n]["make_run"]["steps"], results["newest"]["steps"], results["backfilled"]["steps"]
    steps = list(dict.fromkeys([*full, *new, *back]))  # in the order they ran
    lines = [
        "# Benchmark results",
        "",
        f"`make bench` ({started}) on {platform.machine()}, {cores} cores, Python {platform.python_version()}; "
        f"synthetic corpus from `benchmarks/generate.py` (generator version "
        f"{GENERATOR_VERSION}, statistics beside the real sets' in `benchmarks/README.md`).",
        f"Load averages (1, 5, 15 min): {' '.join(map(str, results['load_start']))} at the start, "
        f"{' '.join(map(str, results['load_end']))} at the end; the machine is shared, so figures move with it.",
        "",
        "Rates are documents (and MB of raw text) per second of the stage's own work (wall for `make run`);",
        "*docs/CPU-s* divides by the CPU time of the stage's processes (workers included), which moves less than",
        "wall time when other work shares the cores.",
        "Files are read once before the floors (warm cache). Floor A reads and decodes every file; floor B also runs",
        "one plain regex; each is the best of 3, and *× A* / *× B* divide a stage's time by theirs, on the same files",
        "in the same run. Extraction reads, cleans, extracts and consolidates; \"memos cleared\" empties the",
        "per-sentence memo caches before every document (`benchmarks/memo.py`), as on a real stream, and is the",
        "headline. *tree MB* is the peak, sampled every 0.2 s, of the summed RSS of the whole process tree (main",
        "process, spawned workers, Dagster helpers; PSS in the JSON); *largest MB* is `/usr/bin/time %M`, one process.",
        "",
        "| stage | docs | docs/s | docs/CPU-s | MB/s | × A | × B | wall s | tree MB | largest MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *table,
        "",
        f"Step durations (s) from the Dagster event log: `make run` on {n:,} documents, then +{INCREMENT} newest, "
        f"then +{INCREMENT} backfilled (dated at random over the whole feed). Wall time beyond their sum is "
        "interpreter and Dagster start-up.",
        "",
        f"| step | {n:,} | +{INCREMENT} newest | +{INCREMENT} backfilled |",
        "|---|---:|---:|---:|",
        *[f"| {st} | {full.get(st, '')} | {new.get(st, '')} | {back.get(st, '')} |" for st in steps],
        "",
        "Dominant step: " + "; ".join(
            f"{label}: {max(d, key=d.get)} ({d[max(d, key=d.get)] / max(1e-9, sum(d.values())):.0%} of step time)"
            for label, d in ((f"full run on {n:,}", full), ("+newest", new), ("+backfilled", back)) if d) + ".",
    ]
    earlier = ""
    if a.out.exists():
        old = a.out.read_text(encoding="utf-8")
        if EARLIER in old:
            earlier = old[old.index(EARLIER):]
    a.out.write_text("\n".join(lines) + "\n\n```json\n" + json.dumps(results, indent=1, default=str) + "\n```\n"
                     + earlier, encoding="utf-8")
    print(a.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
