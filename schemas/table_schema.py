"""Generate a Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/)
from a pandera model, so the published schema is never written by hand."""
from __future__ import annotations

import pandas as pd
from pandera.engines import pandas_engine

from schemas import column_order
from schemas.dtypes import BOOL, FLOAT, INT, STRING, STRING_LIST

# pandera reports column dtypes as its own DataType objects: key them by their text.
_DTYPES = {str(pandas_engine.Engine.dtype(d)): (d, t) for d, t in
           ((STRING, "string"), (INT, "integer"), (FLOAT, "number"), (STRING_LIST, "array"), (BOOL, "boolean"))}
# Each published table's primary key.
PRIMARY_KEYS = {
    "agreements": "agreement_id",
    "procurements": "procurement_id",
    "documents": "doc_id",
    "mentions": "mention_id",
    "rejected": "file_name",
    "id_map": "old_id",
    "corrections": "correction_id",
    "review": "record_id",
}
# Columns naming a row of another table (table, column) -> (table, its key): a record's evidence
# document, a mention's document. The SQLite database declares and checks them.
FOREIGN_KEYS = {
    ("agreements", "evidence_doc_id"): ("documents", "doc_id"),
    ("procurements", "evidence_doc_id"): ("documents", "doc_id"),
    ("mentions", "doc_id"): ("documents", "doc_id"),
    ("review", "evidence_doc_id"): ("documents", "doc_id"),
}
# The consolidated records: the ids users cite, kept stable and mapped when they move.
RECORD_ID_COLUMNS = {t: PRIMARY_KEYS[t] for t in ("agreements", "procurements")}


def frictionless_type(dtype) -> str:
    return _DTYPES[str(dtype)][1] if str(dtype) in _DTYPES else "any"


def column_constraints(column) -> dict:
    constraints: dict = {}
    if not column.nullable:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            constraints["enum"] = sorted(stats["allowed_values"])
        elif check.name == "str_matches":
            constraints["pattern"] = str(stats["pattern"]).removeprefix("^").removesuffix("$")
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = stats["min_value"]
        elif check.name == "greater_than":
            constraints["minimum"] = stats["min_value"] + (1 if frictionless_type(column.dtype) == "integer" else 0)
    return constraints


# How a CSV file writes a list cell (pipeline/publish/formats.py joins the items with it).
CSV_LIST_DELIMITER = ";"


def _csv_list_field(field: dict) -> dict:
    """A list column as a CSV cell holds it: Table Schema v2's `list` type (items joined by the
    delimiter). An empty list is an empty cell, which Table Schema reads as missing, so the
    column cannot be `required` in CSV although the list itself is never null."""
    out = {"name": field["name"], "type": "list", "delimiter": CSV_LIST_DELIMITER, "itemType": "string"}
    note = f"In CSV: the items joined by '{CSV_LIST_DELIMITER}'; an empty cell is an empty list."
    out["description"] = f"{field['description']} {note}" if field.get("description") else note
    constraints = {k: v for k, v in field.get("constraints", {}).items() if k != "required"}
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(name: str, model, csv: bool = False) -> dict:
    """The model's Table Schema. Lists are `array` (JSON arrays, Arrow lists: how the JSON and
    Parquet files hold them); with `csv`, the schema of the CSV file, whose list cells are text."""
    schema = model.to_schema()
    fields = []
    for col_name in column_order(model):
        col = schema.columns[col_name]
        field = {"name": col_name, "type": frictionless_type(col.dtype)}
        if col.description:
            field["description"] = col.description
        constraints = column_constraints(col)
        if constraints:
            field["constraints"] = constraints
        fields.append(_csv_list_field(field) if csv and field["type"] == "array" else field)
    out = {"fields": fields, "missingValues": [""]}
    if name in PRIMARY_KEYS:
        out["primaryKey"] = PRIMARY_KEYS[name]
    return out


def column_dtype(model, column: str):
    """The pandas dtype a column of `model` must have (one of schemas.dtypes)."""
    return _DTYPES[str(model.to_schema().columns[column].dtype)][0]


def empty_frame(model) -> pd.DataFrame:
    """A zero-row frame with the model's columns and dtypes (for corpora with nothing to report)."""
    return pd.DataFrame({c: pd.Series([], dtype=column_dtype(model, c)) for c in column_order(model)})
