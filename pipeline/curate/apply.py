"""Apply corrections to the consolidated records, in file and line order, deterministically.

- set:   one field of one record takes the value (parsed by the column's type). Stale when the
         extractor already gives that value.
- drop:  a false record is withdrawn.
- add:   a record the extractor missed is published, from a JSON object of its fields and its
         evidence (a document of the corpus and a sentence found verbatim in its text, so the
         record stays traceable). Its id hashes what it adds. Stale when the extractor now finds
         a record of the same kind in that document.
- merge: the record `value` names is folded into `record_id` (sources and mentions joined).

A correction whose record is gone is stale, unless the id map says the id moved to one record:
it then applies there (the outcome's `result_id` says where). Every corrected record must
still satisfy the data contract on its own: a correction that would break it is invalid and
the record stays as it was. Nothing raises: every correction gets an outcome and a message.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import pandera.errors
import pyarrow as pa

from schemas import TABLES, column_order
from schemas.corrections import CORRECTION_ACTIONS
from schemas.procurements import USD_COLUMNS
from schemas.provenance import ConsolidatedRecordColumns
from schemas.table_schema import RECORD_ID_COLUMNS, column_dtype
from schemas.dtypes import FLOAT, INT, STRING_LIST

from pipeline.curate.corrections import Correction, DATE
from pipeline.tables import frame

ID_COLUMNS = RECORD_ID_COLUMNS
PREFIXES = {"agr-": "agreements", "proc-": "procurements"}
LIST_SEPARATOR = ";"  # as in the published CSV files

# doc_id -> (cleaned text, publication date) of a corpus document, None when it is not in the corpus
DocumentLookup = Callable[[str], "tuple[str, str | None] | None"]


def editable_fields(table: str) -> list[str]:
    """The columns a `set` may change: the record's own fields, not its id or provenance."""
    derived = set(ConsolidatedRecordColumns.to_schema().columns) | set(USD_COLUMNS)
    return [c for c in column_order(TABLES[table]) if c not in derived and c != ID_COLUMNS[table]]


def _table_of(record_id: str) -> str | None:
    return next((t for prefix, t in PREFIXES.items() if record_id.startswith(prefix)), None)


def parse_value(table: str, column: str, text: str | None):
    """The value of a `set` cell for a column, by the column's type; ValueError when it is not one."""
    dtype = column_dtype(TABLES[table], column)
    if dtype == STRING_LIST:
        return [part.strip() for part in (text or "").split(LIST_SEPARATOR) if part.strip()]
    if text is None:
        return None
    if dtype == INT:
        return int(text)
    if dtype == FLOAT:
        value = float(text)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{text!r} is not a finite number")
        return value
    return text


def _rows_of(df: pd.DataFrame) -> list[dict]:
    """Plain Python rows (lists, None, bools) of a typed frame."""
    return pa.Table.from_pandas(df, preserve_index=False).to_pylist()


def _contract_problem(table: str, row: dict) -> str | None:
    """Why `row` alone breaks the table's model (None: it does not)."""
    try:
        TABLES[table].validate(frame(table, [row], [ID_COLUMNS[table]]), lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        return "; ".join(sorted({f"{c}: {chk}" for c, chk in zip(cases["column"].astype(str), cases["check"].astype(str))}))
    except (TypeError, ValueError) as exc:  # a value the column's type cannot hold
        return f"{type(exc).__name__}: {exc}"
    return None


@dataclass
class Curated:
    tables: dict[str, pd.DataFrame]
    outcomes: list[dict] = field(default_factory=list)  # rows of the corrections table

    def count(self, outcome: str) -> int:
        return sum(o["outcome"] == outcome for o in self.outcomes)


class _Table:
    """One table while corrections apply: untouched rows stay in the frame, touched ones as dicts."""

    def __init__(self, name: str, df: pd.DataFrame):
        self.name, self.df, self.id_col = name, df, ID_COLUMNS[name]
        self.ids = set(df[self.id_col].tolist())
        self.touched: dict[str, dict] = {}
        self.dropped: set[str] = set()

    def has(self, record_id: str) -> bool:
        return record_id in self.touched or (record_id in self.ids and record_id not in self.dropped)

    def row(self, record_id: str) -> dict:
        if record_id not in self.touched:
            self.touched[record_id] = _rows_of(self.df[self.df[self.id_col] == record_id])[0]
        return self.touched[record_id]

    def put(self, row: dict) -> None:
        self.touched[row[self.id_col]] = row
        self.dropped.discard(row[self.id_col])

    def drop(self, record_id: str) -> None:
        self.touched.pop(record_id, None)
        self.dropped.add(record_id)

    def records_in(self, doc_id: str) -> list[dict]:
        """Rows (as dicts) whose sources include `doc_id`."""
        hit = self.df[self.df["source_doc_ids"].map(lambda ds: doc_id in list(ds))]
        out = [r for r in _rows_of(hit) if r[self.id_col] not in self.dropped and r[self.id_col] not in self.touched]
        return out + [r for r in self.touched.values() if doc_id in r["source_doc_ids"]]

    def frame(self) -> pd.DataFrame:
        if not self.touched and not self.dropped:
            return self.df
        gone = self.dropped | set(self.touched)
        kept = self.df[~self.df[self.id_col].isin(gone)]
        new = frame(self.name, list(self.touched.values()), [self.id_col])
        parts = [f for f in (kept, new) if len(f)]
        if not parts:
            return self.df.iloc[0:0].reset_index(drop=True)
        df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        return df.sort_values(self.id_col, kind="stable").reset_index(drop=True)


def apply_corrections(tables: dict[str, pd.DataFrame], corrections: list[Correction], documents: DocumentLookup,
                      moved: dict[str, list[str]] | None = None, extractor_version: str = "") -> Curated:
    """The agreements and procurements tables with `corrections` applied, and the outcome of each.
    `moved`: old id -> the ids holding its evidence now (the id map); `documents`: for `add`."""
    state = {name: _Table(name, tables[name]) for name in ID_COLUMNS}
    outcomes = []
    for c in corrections:
        if c.problem:
            outcome, message, result = "invalid", c.problem, None
        else:
            outcome, message, result = _apply(c, state, documents, moved or {}, extractor_version)
        outcomes.append(_outcome_row(c, outcome, message, result))
    return Curated({**tables, **{name: t.frame() for name, t in state.items()}}, outcomes)


def _outcome_row(c: Correction, outcome: str, message: str | None, result: str | None) -> dict:
    return {"correction_id": c.correction_id, "file": c.file, "line": c.line,
            # what the contract cannot hold is left out of its column; the message says what was written
            "action": c.action if c.action in CORRECTION_ACTIONS else None,
            "record_id": c.record_id, "field": c.field, "value": c.value, "reason": c.reason, "source": c.source,
            "author": c.author, "date": c.date if c.date and DATE.match(c.date) else None,
            "outcome": outcome, "message": message, "result_id": result}


def _resolve(record_id: str, state: dict, moved: dict[str, list[str]]) -> tuple[str | None, str | None, str | None]:
    """(table, current id, None) of a correction's record, or (None, None, why it is stale)."""
    table = _table_of(record_id)
    if table is None:
        return None, None, f"{record_id!r} is not a record id (agr-… or proc-…)"
    t = state[table]
    if t.has(record_id):
        return table, record_id, None
    targets = [i for i in moved.get(record_id, []) if t.has(i)]
    if len(targets) == 1:
        return table, targets[0], None
    if len(targets) > 1:
        return None, None, f"{record_id} was split into {', '.join(targets)}: name the record the correction is for"
    return None, None, f"{record_id} is not in this release (its evidence is gone, or it was dropped or merged)"


def _apply(c: Correction, state: dict, documents: DocumentLookup, moved: dict, extractor_version: str):
    if c.action == "add":
        return _add(c, state, documents, extractor_version)
    table, record_id, stale = _resolve(c.record_id, state, moved)
    if stale:
        return ("invalid" if table is None and _table_of(c.record_id) is None else "stale"), stale, None
    t = state[table]
    where = f" (the id map moved {c.record_id} to {record_id})" if record_id != c.record_id else ""
    if c.action == "drop":
        t.drop(record_id)
        return "applied", f"dropped {record_id}{where}", record_id
    if c.action == "set":
        return _set(c, t, record_id, where)
    return _merge(c, state, table, record_id, moved, where)


def _set(c: Correction, t: _Table, record_id: str, where: str):
    if c.field not in editable_fields(t.name):
        return "invalid", (f"{c.field!r} cannot be set on {t.name}; one of: {', '.join(editable_fields(t.name))}"), None
    try:
        value = parse_value(t.name, c.field, c.value)
    except ValueError as exc:
        return "invalid", f"{c.field}: {exc}", None
    row = t.row(record_id)
    if row[c.field] == value:
        return "stale", f"{record_id} already has {c.field} = {c.value!r}: the extractor now gets it right", record_id
    new = {**row, c.field: value, "curated": True}
    problem = _contract_problem(t.name, new)
    if problem:
        return "invalid", f"{c.field} = {c.value!r} would break the data contract ({problem})", None
    t.put(new)
    return "applied", f"{record_id}: {c.field} {row[c.field]!r} -> {value!r}{where}", record_id


def _merge(c: Correction, state: dict, table: str, record_id: str, moved: dict, where: str):
    other_table, other, stale = _resolve(c.value, state, moved)
    if stale:
        return ("invalid" if _table_of(c.value) is None else "stale"), stale, None
    if other_table != table:
        return "invalid", f"{c.record_id} and {c.value} are records of different tables", None
    if other == record_id:
        return "stale", f"{c.record_id} and {c.value} are one record already", record_id
    t = state[table]
    keep, fold = t.row(record_id), t.row(other)
    docs = sorted(set(keep["source_doc_ids"]) | set(fold["source_doc_ids"]))
    reported = [d for d in (keep["first_reported"], fold["first_reported"], keep["last_reported"], fold["last_reported"]) if d]
    new = {**keep, "source_doc_ids": docs, "n_sources": len(docs),
           "mention_ids": sorted(set(keep["mention_ids"]) | set(fold["mention_ids"])),
           "first_reported": min(reported) if reported else None, "last_reported": max(reported) if reported else None,
           "conflicts": keep["conflicts"] + [x for x in fold["conflicts"] if x not in keep["conflicts"]], "curated": True}
    problem = _contract_problem(table, new)
    if problem:
        return "invalid", f"merging would break the data contract ({problem})", None
    t.drop(other)
    t.put(new)
    return "applied", f"{other} merged into {record_id}{where}", record_id


def _add(c: Correction, state: dict, documents: DocumentLookup, extractor_version: str):
    try:
        fields = json.loads(c.value)
    except ValueError as exc:
        return "invalid", f"value is not a JSON object ({exc})", None
    if not isinstance(fields, dict):
        return "invalid", "value is not a JSON object", None
    table = "procurements" if "buyer_country" in fields else "agreements" if "parties" in fields else None
    if table is None:
        return "invalid", "the record needs parties (an agreement) or buyer_country (a procurement)", None
    doc_id, sentence = fields.pop("evidence_doc_id", None), fields.pop("evidence_sentence", None)
    if not isinstance(doc_id, str) or not isinstance(sentence, str) or not sentence.strip():
        return "invalid", "the record needs evidence_doc_id and evidence_sentence (a sentence of that document)", None
    unknown = sorted(set(fields) - set(editable_fields(table)))
    if unknown:
        return "invalid", f"{', '.join(unknown)}: not fields of {table}; one of: {', '.join(editable_fields(table))}", None
    document = documents(doc_id)
    if document is None:
        return "stale", f"document {doc_id} is not in the corpus", None
    text, published = document
    start = text.find(sentence)
    if start < 0:
        return "invalid", f"the evidence sentence is not in document {doc_id}'s text", None
    t = state[table]
    same = _same_record(table, fields, t.records_in(doc_id))
    if same:
        return "stale", f"the extractor now finds this record in {doc_id}: {same}", same
    id_col = ID_COLUMNS[table]
    digest = hashlib.sha1(("curated\x1f" + json.dumps({**fields, "doc": doc_id, "sentence": sentence},
                                                      sort_keys=True)).encode()).hexdigest()[:16]
    record_id = ("agr-" if table == "agreements" else "proc-") + digest
    if t.has(record_id):
        return "stale", f"{record_id} was added already (an identical add earlier in the files)", record_id
    row = {col: None for col in column_order(TABLES[table])}
    for col in column_order(TABLES[table]):
        if column_dtype(TABLES[table], col) == STRING_LIST:
            row[col] = []
    row.update(fields)
    row.update({id_col: record_id, "source_doc_ids": [doc_id], "n_sources": 1, "first_reported": published,
                "last_reported": published, "evidence_doc_id": doc_id, "evidence_sentence": sentence,
                "evidence_char_start": start, "evidence_char_end": start + len(sentence), "mention_ids": [],
                "conflicts": [], "extractor_version": extractor_version, "curated": True,
                "confidence": 0.5})  # measured with the others once corrections are applied (pipeline/review/)
    problem = _contract_problem(table, row)
    if problem:
        return "invalid", f"the record would break the data contract ({problem})", None
    t.put(row)
    return "applied", f"added {record_id}", record_id


def _same_record(table: str, fields: dict, candidates: list[dict]) -> str | None:
    """The id of a record in the same document that is the one being added, if the extractor found it."""
    for r in candidates:
        if table == "procurements":
            if r["buyer_country"] == fields.get("buyer_country") and \
                    str(r["system"]).casefold() == str(fields.get("system", "")).casefold():
                return r["procurement_id"]
        elif sorted(r["parties"]) == sorted(fields.get("parties") or []) and \
                r["agreement_type"] == fields.get("agreement_type"):
            return r["agreement_id"]
    return None
