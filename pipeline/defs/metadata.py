"""Metadata every materialisation carries: row count, column schema, a markdown preview,
where the table is published; and the one way our own descriptions reach the UI."""
from __future__ import annotations

import re

import dagster as dg
import pandas as pd

from schemas import column_order
from schemas.table_schema import frictionless_type

from pipeline.publish.release import LATEST, RELEASES
from pipeline.storage import LATEST_POINTER, is_remote

PREVIEW_ROWS = 5
PREVIEW_CELL_CHARS = 60


def column_schema(model) -> dg.TableSchema:
    schema = model.to_schema()
    columns = []
    for name in column_order(model):
        col = schema.columns[name]
        constraints = dg.TableColumnConstraints(nullable=bool(col.nullable), unique=bool(col.unique))
        columns.append(dg.TableColumn(
            name=name, type=frictionless_type(col.dtype), description=md_description(col.description), constraints=constraints
        ))
    return dg.TableSchema(columns=columns)


# CommonMark lets every ASCII punctuation character be backslash-escaped, and an escaped one is
# plain text. Escaping all of them is simpler and safer than tracking which are active where
# (links, images, emphasis, code spans, headings, lists, table pipes...). <, > and & become
# entities, so that no raw HTML and no entity of the input survives either.
_MD_PUNCTUATION = "!\"#$%'()*+,-./:;=?@[\\]^_`{|}~"
_MD_ESCAPES = str.maketrans({c: "\\" + c for c in _MD_PUNCTUATION} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"})


# A code span: a run of backticks, anything, the same run (CommonMark); inside one, < and >
# are literal. Outside, `<word ...>` would be read as an HTML tag (or an autolink).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_ANGLED = re.compile(r"<[^<>\n]*>")


def _code_span(text: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if fence != "`" else f"`{text}`"


def md_description(text: str | None) -> str | None:
    """Our own description (of an asset, a column, a check) as the UI must get it.

    The asset page renders descriptions as markdown and drops what looks like an HTML tag: the
    `<version>` of "releases/<version>/", the `<value>` of a column description, vanished. Every
    `<...>` outside a code span becomes a code span, where it is literal. Not entities: the asset
    catalogue shows descriptions as plain text (backticks and all), where `&lt;` would show as
    written. Descriptions elsewhere (datapackage.json, Croissant, the data card) keep plain text."""
    if not text:
        return text
    out, end = [], 0
    for m in _CODE_SPAN.finditer(text):
        out += [_ANGLED.sub(lambda a: _code_span(a.group(0)), text[end:m.start()]), m.group(0)]
        end = m.end()
    return "".join(out) + _ANGLED.sub(lambda a: _code_span(a.group(0)), text[end:])


def md_text(value, max_chars: int | None = None) -> str:
    """Untrusted text as inert markdown inline text: shown as written, never as markup.

    Every run of whitespace (line breaks included, which would end a table row or a list item,
    or start a heading or a code block) becomes one space. The text is cut to ``max_chars``
    before it is escaped, so that a cut never splits an escape. Use it for every value from
    the data (file names, titles, texts, messages) put into a ``dg.MetadataValue.md``; do not
    put such values in code spans, which cannot escape a backtick."""
    text = " ".join(str(value).split())
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return text.translate(_MD_ESCAPES)


def _cell(value) -> str:
    if hasattr(value, "tolist"):  # numpy scalars and arrays (list cells)
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)
    return md_text(text, PREVIEW_CELL_CHARS)


def markdown_preview(df: pd.DataFrame, columns: list[str] | None = None, rows: int = PREVIEW_ROWS) -> str:
    cols = columns or list(df.columns)
    if df.empty:
        return "_no rows_"
    head = "| " + " | ".join(md_text(c) for c in cols) + " |\n| " + " | ".join("---" for _ in cols) + " |\n"
    body = "".join("| " + " | ".join(_cell(v) for v in row) + " |\n" for row in df.head(rows)[cols].itertuples(index=False, name=None))
    return head + body


def markdown_list(items) -> str:
    """A markdown bullet list of untrusted texts (each escaped with md_text), or "none"."""
    return "\n".join(f"- {md_text(item)}" for item in items) or "none"


def table_metadata(df: pd.DataFrame, model, preview_columns: list[str] | None = None) -> dict:
    return {
        "dagster/row_count": dg.MetadataValue.int(len(df)),
        "dagster/column_schema": column_schema(model),
        "preview": dg.MetadataValue.md(markdown_preview(df, preview_columns)),
    }


def published_location(output_dir: str, name: str) -> str:
    """Where file or folder `name` of the latest release is: `<output>/latest/<name>` (a symlink
    to releases/<version>/), or, for a remote output, under the version its LATEST object names."""
    root = output_dir.rstrip("/")
    if is_remote(root):
        return f"{root}/{RELEASES}/<version in {root}/{LATEST_POINTER}>/{name}"
    return f"{root}/{LATEST}/{name}"


def published_metadata(output_dir: str, table: str, parts: bool = False) -> dict:
    """`path`: where the release publishes `table` (its CSV; Parquet and JSON sit beside it), not
    the internal store the values travel through between steps. A table published in monthly
    parts (documents, mentions) is a folder of one file per month."""
    csv = f"{table}.csv" + ("/" if parts else "")
    return {
        "path": dg.MetadataValue.path(published_location(output_dir, csv)),
        "formats": dg.MetadataValue.text("csv, parquet, json" + (" (one file per publication month)" if parts else "")),
    }
