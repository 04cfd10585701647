"""A record's confidence: the probability that it is a true record, from signals one can measure.

Signals (each a number per record; `signals` computes them, the README and data card list them):

- sources:        log2 of the number of independent sources (distinct publishers; a document
                  whose publisher is unknown counts as its own)
- conflicts:      the number of fields on which the sources disagree
- agree:          1 when two or more independent sources tell it and none disagrees
- explicit:       1 when the reported stage is an event (signed; ordered, delivered, cancelled),
                  0 for talks, plans and offers
- same_sentence:  the share of the record's stated details that its evidence sentence itself
                  holds (the rest came from neighbouring sentences)
- details:        the share of the kind's details that are stated at all

The confidence is a logistic function of the signals, with weights fitted on the annotated
releases the project can see (calibrate.py) and kept in
pipeline/review/confidence_weights.csv; their reliability table is
pipeline/review/confidence_reliability.csv.
"""
from __future__ import annotations

import csv
import math
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa

from schemas.vocab import AGREEMENT_CONCLUDED_STATUSES, PROCUREMENT_CONTRACT_STATUSES

from pipeline.quality import as_list, plain
from pipeline.reference import packaged_rows

SIGNALS = ("sources", "conflicts", "agree", "explicit", "same_sentence", "details")
WEIGHTS_FILE = "confidence_weights.csv"
RELIABILITY_FILE = "confidence_reliability.csv"
# Beside this module, not with the extractor's reference data: refitting them must not invalidate
# the extraction cache (whose key covers pipeline/reference/).
HERE = Path(__file__).resolve().parent
KINDS = ("agreements", "procurements")


@lru_cache(maxsize=1)
def _currency_forms() -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for row in packaged_rows("currencies.csv"):
        forms.setdefault(row["code"], []).append(row["form"].casefold())
    return {code: (code.casefold(), *fs) for code, fs in forms.items()}


def _present(value) -> bool:
    return plain(value) is not None


def conflict_fields(conflicts) -> list[str]:
    """The fields a record's `conflicts` cell names ('field: value [docs]' each), sorted."""
    return sorted({str(c).split(":", 1)[0] for c in as_list(conflicts)})


def _has_word(sentence: str, text: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(text.casefold()) + r"(?![\w])", sentence) is not None


def _details(table: str, r: dict, sentence: str) -> list[bool]:
    """For each detail the kind can state: None when not stated, else whether the sentence holds it."""
    year = r.get("date") if table == "agreements" else r.get("order_date")
    year = year if _present(year) else ""
    if table == "agreements":
        signatories = as_list(plain(r.get("signatories")))
        return [None if not year else _has_word(sentence, year[:4]),
                None if not _present(r.get("location")) else _has_word(sentence, r["location"]),
                None if not _present(r.get("name")) else r["name"].casefold() in sentence,
                None if not signatories else any(s.casefold() in sentence for s in signatories)]
    quantity, currency = r.get("quantity"), r.get("currency")
    return [None if not _present(quantity) else _has_word(sentence, str(int(quantity))),
            None if not year else _has_word(sentence, year[:4]),
            None if not _present(currency) else any(form in sentence for form in _currency_forms().get(currency, (currency.casefold(),))),
            None if not _present(r.get("supplier_org")) else r["supplier_org"].casefold() in sentence]


def independent_sources(doc_ids, publishers: dict[str, str | None]) -> int:
    seen = set()
    for d in doc_ids:
        seen.add(publishers.get(d) or f"\0{d}")  # an unknown publisher is a source of its own
    return max(1, len(seen))


# the columns the signals read (converting only these keeps the cost per record low: a whole
# row as Python objects cost more than the signals)
_COLUMNS = {"agreements": ("date", "location", "name", "signatories"),
            "procurements": ("order_date", "quantity", "currency", "supplier_org")}


def signals(table: str, df: pd.DataFrame, publishers: dict[str, str | None]) -> pd.DataFrame:
    """The signals of every record of `df` (agreements or procurements), in its row order."""
    concluded = AGREEMENT_CONCLUDED_STATUSES if table == "agreements" else PROCUREMENT_CONTRACT_STATUSES
    columns = ["source_doc_ids", "conflicts", "status", "evidence_sentence", *_COLUMNS[table]]
    out = []
    for r in pa.Table.from_pandas(df[columns], preserve_index=False).to_pylist():
        n = independent_sources(as_list(plain(r["source_doc_ids"])), publishers)
        conflicts = len(conflict_fields(plain(r["conflicts"])))
        details = [d for d in _details(table, r, str(r["evidence_sentence"]).casefold()) if d is not None]
        n_possible = len(_details(table, {}, ""))
        out.append({"sources": math.log2(n), "conflicts": float(conflicts), "agree": float(n >= 2 and not conflicts),
                    "explicit": float(r["status"] in concluded),
                    "same_sentence": sum(details) / len(details) if details else 0.0,
                    "details": len(details) / n_possible})
    return pd.DataFrame(out, columns=list(SIGNALS), index=df.index, dtype="float64")


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict, ...]:
    path = HERE / name
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


def weights(table: str) -> dict[str, float]:
    """intercept and one weight per signal, from the calibration file (all zero, i.e. confidence
    0.5 everywhere, when the file has none: an uncalibrated record is neither trusted nor not)."""
    found = {row["signal"]: float(row["weight"]) for row in _rows(WEIGHTS_FILE) if row["table"] == table}
    return {name: found.get(name, 0.0) for name in ("intercept", *SIGNALS)}


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def score(table: str, features: pd.DataFrame, w: dict[str, float] | None = None) -> pd.Series:
    """Confidence in [0, 1] of each row of `features`, rounded to 3 decimals (stable bytes)."""
    w = w or weights(table)
    z = w["intercept"] + sum(features[s] * w[s] for s in SIGNALS)
    return pd.Series([round(logistic(v), 3) for v in z], index=features.index, dtype="Float64")


def reliability_table(table: str | None = None) -> list[dict]:
    """The published reliability rows (predicted confidence bins vs observed precision)."""
    rows = [dict(r) for r in _rows(RELIABILITY_FILE) if table is None or r["table"] == table]
    for r in rows:
        for k in ("n_records", "n_true"):
            r[k] = int(r[k])
        for k in ("bin_low", "bin_high"):
            r[k] = float(r[k])
        for k in ("mean_confidence", "observed_precision"):
            r[k] = float(r[k]) if r[k] else None
    return rows
