"""Fit the confidence weights on annotated releases, and measure how reliable they are.

A developer tool (the pipeline only reads its output): for each release and its gold file, every
published record is labelled true when the project's scorer (pipeline/quality.py) matches it to a
required gold record and every field it states that the gold states is right, false otherwise; a record matched to an optional gold record is
neither, and left out. A logistic regression per record kind (L2-penalised, fitted by iteratively
reweighted least squares) maps the signals (confidence.py) to the probability of being true.

The reliability table bins the records by predicted confidence and gives each bin's observed
precision. Its predictions are out of fold (5 folds, by source document group, so that one
article's records never sit on both sides), so the table says how the weights do on records they
were not fitted on; the published weights are then fitted on every record.

    python -m pipeline.review.calibrate --out pipeline/review --source TEXT RELEASE_DIR=GOLD.json [...]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from pipeline.quality import (AGREEMENT_SLOTS, PROCUREMENT_SLOTS, agreement_pair_score, gold_states, match,
                              procurement_pair_score, records_of, slot_correct)
from pipeline.review.confidence import KINDS, RELIABILITY_FILE, SIGNALS, WEIGHTS_FILE, signals

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
FOLDS = 5
L2 = 1.0
PAIR_SCORES = {"agreements": agreement_pair_score, "procurements": procurement_pair_score}
SLOTS = {"agreements": AGREEMENT_SLOTS, "procurements": PROCUREMENT_SLOTS}


def is_true(table: str, pred: dict, gold: dict) -> bool:
    """A matched record is true when every field it states that the gold states is right (a field it
    leaves empty is missing, not wrong): what an analyst relies on when reading it."""
    return all(slot_correct(f, pred, gold) for f in SLOTS[table] if gold_states(f, gold) and pred.get(f) is not None)


def _publishers(release: Path) -> dict[str, str | None]:
    parts = sorted((release / "documents.parquet").glob("*.parquet"))
    frames = [pq.read_table(p, columns=["doc_id", "publisher"]).to_pandas() for p in parts]
    df = pd.concat(frames) if frames else pd.DataFrame(columns=["doc_id", "publisher"])
    return {d: (p if isinstance(p, str) else None) for d, p in zip(df["doc_id"], df["publisher"])}


def labelled(release: Path, gold: dict) -> dict[str, pd.DataFrame]:
    """table -> the signals of its records, with `label` (1 true, 0 false) and `group` (the
    record's evidence document), records matched to optional gold left out."""
    publishers = _publishers(release)
    out = {}
    for table in KINDS:
        df = pd.read_parquet(release / f"{table}.parquet")
        golds = gold.get(table, [])
        preds = records_of(df)
        pairs = dict(match(preds, golds, PAIR_SCORES[table]))
        features = signals(table, df, publishers)
        features["label"] = [1.0 if i in pairs and is_true(table, preds[i], golds[pairs[i]]) else 0.0 for i in range(len(df))]
        features["group"] = [f"{release.name}/{d}" for d in df["evidence_doc_id"]]
        keep = [i not in pairs or not golds[pairs[i]].get("optional") for i in range(len(df))]
        out[table] = features[keep].reset_index(drop=True)
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression weights (intercept first) by IRLS with an L2 penalty (not on the intercept)."""
    X = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(X.shape[1])
    penalty = np.eye(X.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-X @ w))
        grad = X.T @ (p - y) + penalty @ w
        hess = X.T @ (X * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def predict(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def out_of_fold(data: pd.DataFrame) -> np.ndarray:
    """Each record's confidence from weights fitted on the other folds (folds by document group)."""
    fold = np.array([int(hashlib.sha1(g.encode()).hexdigest(), 16) % FOLDS for g in data["group"]])
    x, y = data[list(SIGNALS)].to_numpy(), data["label"].to_numpy()
    pred = np.zeros(len(data))
    for k in range(FOLDS):
        test = fold == k
        if test.any() and (~test).any():
            pred[test] = predict(x[test], fit(x[~test], y[~test]))
    return pred


def reliability(pred: np.ndarray, y: np.ndarray) -> list[dict]:
    rows = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = (pred >= lo) & ((pred < hi) if hi < 1.0 else (pred <= hi))
        n = int(inside.sum())
        rows.append({"bin_low": lo, "bin_high": hi, "n_records": n, "n_true": int(y[inside].sum()),
                     "mean_confidence": round(float(pred[inside].mean()), 3) if n else None,
                     "observed_precision": round(float(y[inside].mean()), 3) if n else None})
    return rows


def calibrate(datasets: list[dict[str, pd.DataFrame]]) -> tuple[dict, dict]:
    """(table -> {intercept, signal -> weight}, table -> reliability rows) over labelled releases."""
    weights, tables = {}, {}
    for table in KINDS:
        data = pd.concat([d[table] for d in datasets], ignore_index=True)
        w = fit(data[list(SIGNALS)].to_numpy(), data["label"].to_numpy())
        weights[table] = dict(zip(("intercept", *SIGNALS), (round(float(v), 4) for v in w)))
        tables[table] = reliability(out_of_fold(data), data["label"].to_numpy())
    return weights, tables


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: ("" if r.get(c) is None else r[c]) for c in columns} for r in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="+", help="RELEASE_DIR=GOLD.json")
    parser.add_argument("--out", type=Path, required=True, help="folder for the two CSV files")
    parser.add_argument("--source", required=True, help="what the weights were fitted on, for the source column")
    args = parser.parse_args(argv)
    datasets = []
    for pair in args.pairs:
        release, gold = pair.split("=", 1)
        datasets.append(labelled(Path(release).resolve(), json.loads(Path(gold).read_text(encoding="utf-8"))))
    weights, tables = calibrate(datasets)
    n = {t: sum(len(d[t]) for d in datasets) for t in KINDS}
    source = {t: f"{args.source}; {n[t]} records; python -m pipeline.review.calibrate" for t in KINDS}
    _write_csv(args.out / WEIGHTS_FILE, ["table", "signal", "weight", "source"],
               [{"table": t, "signal": s, "weight": w, "source": source[t]} for t in KINDS for s, w in weights[t].items()])
    _write_csv(args.out / RELIABILITY_FILE,
               ["table", "bin_low", "bin_high", "n_records", "n_true", "mean_confidence", "observed_precision", "source"],
               [{"table": t, **row, "source": source[t] + " (out-of-fold, 5 folds by document)"} for t in KINDS
                for row in tables[t]])
    for t in KINDS:
        print(t, weights[t])
        for row in tables[t]:
            print("  ", row)


if __name__ == "__main__":
    main()
