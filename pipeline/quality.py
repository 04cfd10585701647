"""Quality figures of a release against a hand-annotated gold file.

Implements the scoring documented in the annotation guidelines (docs/GUIDELINES.md, "How a
release is scored"), so that a release can carry its own precision/recall figures
(`quality.json`, shown in the data card) without anything outside this package:

1. Records are matched one to one, best-scoring candidate pair first. An agreement
   matches a gold agreement only with the same set of parties and the same type or the
   same year; a procurement only with the same buyer and the same system (upper-case,
   spaces/hyphens/dots/slashes removed; a gold alias counts) or a system of the same
   family (one name extends the other by letters, not digits); an exact name beats a
   family match.
2. Record P/R/F1 count matched records; optional gold records are neither rewarded nor
   penalised.
3. Slot P/R/F1 (MUC-style): every stated field of a matched required gold record is a
   slot; it is correct when the prediction has the gold value (dates at the gold's
   precision or finer, money in the same currency within 2 %, text case-insensitively).
   Every non-empty field of an unmatched prediction counts against precision, every
   stated field of a missed gold record against recall. The key (parties, or buyer and
   system) counts as 1 slot for agreements and 2 for procurements.

Gold file: {"agreements": [{id, parties, agreement_type, status, date, location,
topics, optional?}], "procurements": [{id, buyer_country, system, system_aliases?,
supplier_country, category, quantity, value+currency or values: [{value, currency}],
order_date, delivery_start, status, optional?}]}.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

AGREEMENT_SLOTS = ("agreement_type", "status", "date", "location")
PROCUREMENT_SLOTS = ("supplier_country", "category", "quantity", "value", "order_date", "delivery_start", "status")
DATE_FIELDS = frozenset({"date", "order_date", "delivery_start", "delivery_end"})
MONEY_TOLERANCE = 0.02
# Required gold records win ties against optional ones.
_REQUIRED_BONUS = 0.01


# ------------------------------------------------------------------ normalising values

def plain(value):
    """A published cell as plain Python: None for missing/blank, lists as lists."""
    if value is None or value is pd.NA:  # typed frames hold pd.NA, which has no truth value
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, str) and not value.strip():
        return None
    return value


def as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # a CSV cell joins lists with ';'
        return [p.strip() for p in re.split(r"[;,|]", value) if p.strip()]
    return [str(x) for x in value if x is not None]


def iso_prefix(value) -> str | None:
    """'2025-10-27', '2025-10' or '2025' from a partial ISO date (None when not a date)."""
    if value is None:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value).strip())
    return "-".join(p for p in m.groups() if p) if m else None


def system_key(value) -> str:
    return re.sub(r"[\s\-_/.]", "", str(value or "")).upper()


def same_family(a: str, b: str) -> bool:
    """'K9THUNDER' ~ 'K9', 'FA50M' ~ 'FA50'; not 'K239' ~ 'K2' (extended by a digit)."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and long_.startswith(short) and not long_[len(short)].isdigit()


def _number(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def gold_values(gold: dict) -> list[dict]:
    """Every acceptable (value, currency) of a gold record: an article may state several."""
    if gold.get("values"):
        return gold["values"]
    if gold.get("value") is not None and gold.get("currency"):
        return [{"value": float(gold["value"]), "currency": gold["currency"]}]
    return []


# ------------------------------------------------------------------ comparing slots

def slot_correct(field: str, pred: dict, gold: dict) -> bool:
    p, g = pred.get(field), gold.get(field)
    if field in DATE_FIELDS:
        pd_, gd = iso_prefix(p), iso_prefix(g)
        # the prediction may be finer than the gold (2025-10-27 is right for gold 2025-10)
        return pd_ is not None and gd is not None and pd_.startswith(gd)
    if field == "quantity":
        pn, gn = _number(p), _number(g)
        return pn is not None and gn is not None and int(pn) == int(gn)
    if field == "value":
        pn, cur = _number(pred.get("value")), str(pred.get("currency") or "").upper()
        return pn is not None and any(
            cur == o["currency"].upper() and abs(pn - o["value"]) <= MONEY_TOLERANCE * o["value"] for o in gold_values(gold)
        )
    if p is None or g is None:
        return False
    return str(p).strip().casefold() == str(g).strip().casefold()


def gold_states(field: str, gold: dict) -> bool:
    return bool(gold_values(gold)) if field == "value" else gold.get(field) is not None


# ------------------------------------------------------------------ matching records

def agreement_pair_score(pred: dict, gold: dict) -> float | None:
    """None when the pair may not match; else higher is a better match."""
    if sorted(as_list(pred.get("parties"))) != sorted(gold["parties"]):
        return None
    same_type = str(pred.get("agreement_type") or "") == gold.get("agreement_type")
    pred_year, gold_year = (iso_prefix(pred.get("date")) or "")[:4], (iso_prefix(gold.get("date")) or "")[:4]
    same_year = bool(pred_year) and pred_year == gold_year
    if not (same_type or same_year):
        return None
    gt, pt = set(gold.get("topics") or []), set(as_list(pred.get("topics")))
    topic_overlap = len(gt & pt) / len(gt | pt) if gt | pt else 0.0
    return 2 * same_type + same_year + topic_overlap + 0.5 * (pred.get("status") == gold.get("status"))


def procurement_pair_score(pred: dict, gold: dict) -> float | None:
    if str(pred.get("buyer_country") or "") != gold["buyer_country"]:
        return None
    names = {system_key(gold["system"])} | {system_key(a) for a in gold.get("system_aliases", [])}
    p = system_key(pred.get("system"))
    if p in names:
        bonus = 0.5
    elif any(same_family(p, n) for n in names):
        bonus = 0.0
    else:
        return None
    return 1 + bonus + sum(slot_correct(f, pred, gold) for f in PROCUREMENT_SLOTS)


def match(preds: list[dict], golds: list[dict], pair_score) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best-scoring pair first (ties: higher indices first, as score.py)."""
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            s = pair_score(p, g)
            if s is not None:
                candidates.append((s + (0 if g.get("optional") else _REQUIRED_BONUS), i, j))
    candidates.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def prf(correct: int, n_pred: int, n_gold: int) -> dict:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _pred_text(field: str, pred: dict) -> str:
    return f"{pred.get('value')!r} {pred.get('currency')}" if field == "value" else repr(pred.get(field))


def _gold_text(field: str, gold: dict) -> str:
    return repr(gold_values(gold)) if field == "value" else repr(gold.get(field))


def _key_text(pred: dict) -> str:
    key = pred.get("parties") or [pred.get("buyer_country"), pred.get("system")]
    return "/".join(str(k) for k in key)


def score_kind(preds: list[dict], golds: list[dict], pair_score, slots: tuple[str, ...], key_slots: int) -> dict:
    pairs = match(preds, golds, pair_score)
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    required = [j for j, g in enumerate(golds) if not g.get("optional")]
    tp = sum(1 for _, j in pairs if not golds[j].get("optional"))
    # a prediction matched to an optional gold record is neither right nor wrong
    fp = len(preds) - len(matched_pred)
    correct = pred_slots = gold_slots = 0
    per_field = {f: [0, 0] for f in slots}
    field_counts = {f: [0, 0, 0] for f in slots}  # correct, predicted, gold: every record, matched or not
    errors: list[str] = []
    for i, j in pairs:
        p, g = preds[i], golds[j]
        if g.get("optional"):
            continue
        correct += key_slots
        pred_slots += key_slots
        gold_slots += key_slots
        for f in slots:
            if not gold_states(f, g):
                continue
            gold_slots += 1
            per_field[f][1] += 1
            field_counts[f][2] += 1
            if p.get(f) is None:
                errors.append(f"{g['id']}.{f}: missing, gold {_gold_text(f, g)}")
                continue
            pred_slots += 1
            field_counts[f][1] += 1
            if slot_correct(f, p, g):
                correct += 1
                per_field[f][0] += 1
                field_counts[f][0] += 1
            else:
                errors.append(f"{g['id']}.{f}: predicted {_pred_text(f, p)}, gold {_gold_text(f, g)}")
    for i, p in enumerate(preds):
        if i not in matched_pred:
            pred_slots += key_slots + sum(p.get(f) is not None for f in slots)
            for f in slots:
                field_counts[f][1] += p.get(f) is not None
            errors.append(f"unmatched prediction {_key_text(p)}")
    for j in required:
        if j not in matched_gold:
            gold_slots += key_slots + sum(gold_states(f, golds[j]) for f in slots)
            for f in slots:
                field_counts[f][2] += gold_states(f, golds[j])
            errors.append(f"missed gold record {golds[j]['id']}")
    return {
        "records": prf(tp, tp + fp, len(required)),
        "slots": prf(correct, pred_slots, gold_slots),
        "field_accuracy": {f: round(c / n, 3) for f, (c, n) in per_field.items() if n},
        # per field over every record (a field of an unmatched prediction is a false positive, of a missed gold record a miss)
        "fields": {f: prf(c, n_pred, n_gold) for f, (c, n_pred, n_gold) in field_counts.items() if n_pred or n_gold},
        "counts": {
            "pred": len(preds),
            "gold_required": len(required),
            "matched_required": tp,
            "correct_slots": correct,
            "pred_slots": pred_slots,
            "gold_slots": gold_slots,
        },
        "errors": errors,
    }


def score_records(agreements: list[dict], procurements: list[dict], gold: dict) -> dict:
    """Score in-memory records (e.g. the tables about to be published) against a gold dict."""
    out = {
        "agreements": score_kind(agreements, gold.get("agreements", []), agreement_pair_score, AGREEMENT_SLOTS, 1),
        "procurements": score_kind(procurements, gold.get("procurements", []), procurement_pair_score, PROCUREMENT_SLOTS, 2),
    }
    totals = {k: out["agreements"]["counts"][k] + out["procurements"]["counts"][k] for k in ("correct_slots", "pred_slots", "gold_slots")}
    out["overall_slots"] = prf(totals["correct_slots"], totals["pred_slots"], totals["gold_slots"])
    return out


def records_of(df) -> list[dict]:
    """Rows of a published DataFrame as plain dicts (lists as lists, NA as None)."""
    cols = list(df.columns)
    return [{c: plain(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]


def score_tables(tables: dict, gold: dict) -> dict:
    return score_records(records_of(tables["agreements"]), records_of(tables["procurements"]), gold)


def _read_release_table(release_dir: Path, name: str) -> list[dict]:
    return [{k: plain(v) for k, v in row.items()} for row in pq.read_table(release_dir / f"{name}.parquet").to_pylist()]


def score_release(release_dir: str | Path, gold_path: str | Path) -> dict:
    """Quality figures of a published release (its Parquet files) against a gold JSON file."""
    release_dir = Path(release_dir)
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    return score_records(_read_release_table(release_dir, "agreements"), _read_release_table(release_dir, "procurements"), gold)
