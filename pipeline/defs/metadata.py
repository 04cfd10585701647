"""Metadata every materialisation carries: row count, column schema, a markdown preview."""
from __future__ import annotations

import dagster as dg
import pandas as pd

from schemas import column_order
from schemas.table_schema import frictionless_type

PREVIEW_ROWS = 5
PREVIEW_CELL_CHARS = 60


def column_schema(model) -> dg.TableSchema:
    schema = model.to_schema()
    columns = []
    for name in column_order(model):
        col = schema.columns[name]
        constraints = dg.TableColumnConstraints(nullable=bool(col.nullable), unique=bool(col.unique))
        columns.append(
            dg.TableColumn(name=name, type=frictionless_type(col.dtype), description=col.description, constraints=constraints)
        )
    return dg.TableSchema(columns=columns)


def _cell(value) -> str:
    if hasattr(value, "tolist"):  # numpy scalars and arrays (list cells)
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= PREVIEW_CELL_CHARS else text[: PREVIEW_CELL_CHARS - 1] + "…"


def markdown_preview(df: pd.DataFrame, columns: list[str] | None = None, rows: int = PREVIEW_ROWS) -> str:
    cols = columns or list(df.columns)
    if df.empty:
        return "_no rows_"
    head = "| " + " | ".join(cols) + " |\n| " + " | ".join("---" for _ in cols) + " |\n"
    body = "".join("| " + " | ".join(_cell(v) for v in row) + " |\n" for row in df.head(rows)[cols].itertuples(index=False, name=None))
    return head + body


def table_metadata(df: pd.DataFrame, model, preview_columns: list[str] | None = None) -> dict:
    return {
        "dagster/row_count": dg.MetadataValue.int(len(df)),
        "dagster/column_schema": column_schema(model),
        "preview": dg.MetadataValue.md(markdown_preview(df, preview_columns)),
    }
