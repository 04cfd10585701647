"""A release as one SQLite database: every table, typed, indexed, with full-text search.

The database is derived from the release's tables (the same rows as its CSV, Parquet and JSON
files) and is what `make explore` serves with Datasette; it also opens in any SQLite client.

Layout (``PRAGMA user_version`` = LAYOUT_VERSION):

- one table per published table, with the columns, order and primary key of its pandera model
  (schemas/). Types: strings TEXT, integers INTEGER, numbers REAL, booleans INTEGER 0/1, lists
  TEXT holding a JSON array (SQLite's json_each() reads them; Datasette facets them);
- a `year` column on agreements and procurements, derived for faceting: the year of the record's
  own date (agreement `date`, procurement `order_date`), else of its first report;
- `record_documents` (record_table, record_id, doc_id): a record's `source_doc_ids` one per row,
  and `agreement_parties` (agreement_id, country): an agreement's `parties` one per row, so that
  documents and countries can be joined and indexed;
- `changes` (record_table, change, record_id, new_ids, relation): this release's changes.json
  (added, removed, changed, moved) and `release` (key, value): the release it follows;
- foreign keys from evidence and source document ids to `documents` (checked when the database
  is built), indexes on every id and country column;
- FTS5 indexes (porter stemming, diacritics folded) over the evidence sentences of agreements and
  procurements, the sentences of mentions, and the title and text of documents, as external-content
  tables named `<table>_fts` (the convention Datasette detects).

The same tables, change log and SQLite library give the same bytes: rows are inserted in the
tables' published order, nothing records a time, and the file is written without a journal and
vacuumed at the end.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable

import pandas as pd

from schemas import TABLES, column_order
from schemas.table_schema import FOREIGN_KEYS, PRIMARY_KEYS, frictionless_type

DATABASE = "defence-deals.sqlite"
MEDIA_TYPE = "application/vnd.sqlite3"
LAYOUT_VERSION = 1
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "array": "TEXT"}
# The derived `year` column: the first of these columns that holds a date (ISO, any precision).
YEAR_FROM = {"agreements": ("date", "first_reported"), "procurements": ("order_date", "first_reported")}
# Columns holding countries (ISO 3166-1 alpha-3), indexed for the explorer's filters and joins.
COUNTRY_COLUMNS = {"procurements": ("buyer_country", "supplier_country"),
                   "mentions": ("buyer_country", "supplier_country")}
# Columns searched as text: evidence sentences and document texts.
FTS_COLUMNS = {
    "agreements": ("evidence_sentence", "name"),
    "procurements": ("evidence_sentence", "system"),
    "mentions": ("sentence",),
    "documents": ("title", "text"),
}
# The database's tables beyond the published ones, described once (the explorer's metadata, the data card).
HELPER_TABLES = {
    "record_documents": "A record's source documents (its `source_doc_ids`), one row each.",
    "agreement_parties": "An agreement's parties (ISO 3166-1 alpha-3), one row each.",
    "changes": "What changed since the previous release (changes.json): records added, removed, changed, and old "
               "ids that moved (`new_ids`, `relation`, as in id_map).",
    "release": "The release this database belongs with: the version it follows, the database layout version.",
}
YEAR_DESCRIPTION = {
    table: f"Derived for the explorer: the year of `{own}`, else of `{fallback}`."
    for table, (own, fallback) in YEAR_FROM.items()
}
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
INSERT_BATCH = 5_000


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns(table: str) -> list[tuple[str, str]]:
    """(column, SQL type) of a table in the database: its model's columns, and `year` where derived."""
    schema = TABLES[table].to_schema()
    out = [(c, SQL_TYPES[frictionless_type(schema.columns[c].dtype)]) for c in column_order(TABLES[table])]
    if table in YEAR_FROM:
        out.append(("year", "INTEGER"))
    return out


def _create_table(con: sqlite3.Connection, table: str) -> None:
    schema = TABLES[table].to_schema()
    defs = []
    for name, sql_type in columns(table):
        col = schema.columns.get(name)
        constraint = " NOT NULL" if col is not None and not col.nullable else ""
        if name == PRIMARY_KEYS.get(table):
            constraint += " PRIMARY KEY"
        defs.append(f"{_q(name)} {sql_type}{constraint}")
    for (source, column), (target, target_column) in sorted(FOREIGN_KEYS.items()):
        if source == table:
            defs.append(f"FOREIGN KEY ({_q(column)}) REFERENCES {_q(target)}({_q(target_column)})")
    con.execute(f"CREATE TABLE {_q(table)} (\n  " + ",\n  ".join(defs) + "\n)")


def _cell(value, sql_type: str):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if sql_type == "TEXT" and not isinstance(value, str):  # a list column: a JSON array
        return json.dumps([str(v) for v in value], ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def _year(row: dict, table: str):
    for column in YEAR_FROM[table]:
        value = row.get(column)
        if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
            return int(value[:4])
    return None


def _values(table: str, rows: list[dict], cols: list[tuple[str, str]]) -> Iterable[tuple]:
    for row in rows:
        values = [_cell(row.get(name), sql_type) for name, sql_type in cols if name != "year"]
        if table in YEAR_FROM:
            values.append(_year(row, table))
        yield tuple(values)


def _bridges(con: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """record_documents and agreement_parties rows of one batch of a record table."""
    if table not in YEAR_FROM:
        return
    key = PRIMARY_KEYS[table]
    con.executemany("INSERT INTO record_documents VALUES (?, ?, ?)",
                    ((table, row[key], str(doc)) for row in rows for doc in row.get("source_doc_ids") or []))
    if table == "agreements":
        con.executemany("INSERT INTO agreement_parties VALUES (?, ?)",
                        ((row[key], str(c)) for row in rows for c in row.get("parties") or []))


def _changes_rows(change_log: dict) -> Iterable[tuple]:
    for table in sorted(change_log):
        entry = change_log[table]
        for change in ("added", "removed", "changed"):
            for record_id in entry.get(change, []):
                yield table, change, record_id, None, None
        for old, moved in sorted((entry.get("moved") or {}).items()):
            yield table, "moved", old, json.dumps(list(moved.get("new_ids", [])), ensure_ascii=False), moved.get("relation")


def _frame_rows(frame: pd.DataFrame) -> Iterable[list[dict]]:
    import pyarrow as pa

    for i in range(0, len(frame), INSERT_BATCH):
        yield pa.Table.from_pandas(frame.iloc[i:i + INSERT_BATCH], preserve_index=False).to_pylist()


def _file_rows(path: Path) -> Iterable[list[dict]]:
    import pyarrow.parquet as pq

    with path.open("rb") as f:
        for batch in pq.ParquetFile(f).iter_batches(batch_size=INSERT_BATCH):
            yield batch.to_pylist()


def _row_batches(table: str, source, folder: Path | None) -> Iterable[list[dict]]:
    """A table's rows, batch by batch, in published order. A source of publish_release is a frame,
    a callable giving frames, or a list of Parts; a part is read from its Parquet file in `folder`
    (the release being written: written or hard-linked there), which is far cheaper than building
    its rows again, and from the part itself when the folder has no copy (a remote output)."""
    from pipeline.publish.partitions import part_path

    if isinstance(source, pd.DataFrame):
        yield from _frame_rows(source)
    elif isinstance(source, list):
        for part in sorted(source, key=lambda p: p.key):
            path = folder / part_path(table, part.key, "parquet") if folder is not None else None
            if path is not None and path.is_file():
                yield from _file_rows(path)
            else:
                for frame in part.batches():
                    yield from _frame_rows(frame)
    else:
        for frame in source():
            yield from _frame_rows(frame)


def build_database(path: Path, tables: dict, change_log: dict, previous_version: str | None,
                   folder: Path | None = None) -> dict[str, int]:
    """Write the database of these release tables to `path` (replaced). Returns rows per table.
    `folder`: the release folder being written, whose Parquet parts are read instead of rebuilt.
    Raises ValueError when a foreign key does not hold (the tables come from different corpora)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp, isolation_level=None)
    counts: dict[str, int] = {}
    try:
        # a fixed page size and no journal: the bytes depend on the rows only
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
        con.execute("BEGIN")
        for table in TABLES:
            _create_table(con, table)
        con.execute("CREATE TABLE record_documents (record_table TEXT NOT NULL, record_id TEXT NOT NULL, "
                    "doc_id TEXT NOT NULL REFERENCES documents(doc_id), PRIMARY KEY (record_id, doc_id))")
        con.execute("CREATE TABLE agreement_parties (agreement_id TEXT NOT NULL REFERENCES agreements(agreement_id), "
                    "country TEXT NOT NULL, PRIMARY KEY (agreement_id, country))")
        con.execute("CREATE TABLE changes (record_table TEXT NOT NULL, change TEXT NOT NULL, record_id TEXT NOT NULL, "
                    "new_ids TEXT, relation TEXT)")
        con.execute("CREATE TABLE release (key TEXT PRIMARY KEY, value TEXT)")
        for table in TABLES:
            if table not in tables:
                continue
            cols = columns(table)
            sql = f"INSERT INTO {_q(table)} VALUES ({', '.join('?' * len(cols))})"
            counts[table] = 0
            for rows in _row_batches(table, tables[table], folder):
                con.executemany(sql, _values(table, rows, cols))
                _bridges(con, table, rows)
                counts[table] += len(rows)
        con.executemany("INSERT INTO changes VALUES (?, ?, ?, ?, ?)", _changes_rows(change_log))
        con.execute("INSERT INTO release VALUES ('previous_version', ?)", (previous_version,))
        con.execute("INSERT INTO release VALUES ('layout_version', ?)", (str(LAYOUT_VERSION),))
        _indexes(con)
        _full_text(con)
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"{len(problems)} row(s) name a document that is not in the release, first: "
                             + ", ".join(f"{t} row {r} -> {p}" for t, r, p, _ in problems[:5]))
        con.execute("COMMIT")
        con.execute("VACUUM")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return counts


def _indexes(con: sqlite3.Connection) -> None:
    wanted = set()
    for (table, column), _ in FOREIGN_KEYS.items():
        wanted.add((table, (column,)))
    for table, cols in COUNTRY_COLUMNS.items():
        wanted.update((table, (c,)) for c in cols)
    wanted.add(("procurements", ("buyer_country", "supplier_country")))
    wanted.update({("record_documents", ("doc_id",)), ("agreement_parties", ("country",)),
                   ("changes", ("record_id",)), ("review", ("table",)),
                   ("id_map", ("table",)), ("corrections", ("record_id",))})
    for table, cols in sorted(wanted):
        name = f"idx_{table}_{'_'.join(cols)}"
        con.execute(f"CREATE INDEX {_q(name)} ON {_q(table)} ({', '.join(map(_q, cols))})")


def _full_text(con: sqlite3.Connection) -> None:
    for table, cols in FTS_COLUMNS.items():
        fts = f"{table}_fts"
        con.execute(f"CREATE VIRTUAL TABLE {_q(fts)} USING fts5 ({', '.join(map(_q, cols))}, "
                    f"content={_q(table)}, tokenize='{FTS_TOKENIZER}')")
        con.execute(f"INSERT INTO {_q(fts)}({_q(fts)}) VALUES ('rebuild')")
        con.execute(f"INSERT INTO {_q(fts)}({_q(fts)}) VALUES ('optimize')")


DESCRIPTION = ("Every table of this release in one SQLite database, typed and indexed, with full-text search over "
               "evidence sentences and document texts (`make explore` serves it with Datasette).")


def database_file(tables: dict):
    """The database as a derived file of publish_release (listed in datapackage.json with its hash)."""
    from pipeline.publish.release import DerivedFile

    return DerivedFile(DATABASE, "sqlite", MEDIA_TYPE, DESCRIPTION,
                       lambda path, change_log, previous_version: build_database(path, tables, change_log, previous_version,
                                                                                 folder=path.parent))


def check_database(path: Path, rows: dict[str, int]) -> list[str]:
    """Problems of a published database: SQLite's integrity check, and its rows per table against
    `rows` (the release's tables, from datapackage.json). Opened read-only: untrusted input."""
    try:
        con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [f"{DATABASE}: cannot be opened ({exc})"]
    problems = []
    try:
        verdict = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if verdict != ["ok"]:
            problems.append(f"{DATABASE}: integrity check says {'; '.join(verdict[:3])}")
        for table, n in sorted(rows.items()):
            found = con.execute(f"SELECT count(*) FROM {_q(table)}").fetchone()[0]
            if found != n:
                problems.append(f"{DATABASE}: {table} has {found} rows, the release's files {n}")
    except sqlite3.Error as exc:
        problems.append(f"{DATABASE}: {type(exc).__name__}: {exc}")
    finally:
        con.close()
    return problems
