"""Frictionless Data Package (v2) descriptor for a release, with schemas generated from pandera.

The CSV files are the package's tabular resources (`"type": "table"`): their Table Schema
describes the cells as written (a list column is Table Schema v2's `list`, its items joined
by `;`). The Parquet and JSON files carry the same rows; they are listed with their size,
hash and the typed schema (lists as `array`), but not as tables: frictionless 5 reads
Parquet through pandas (list cells become NumPy arrays, nullable integers floats, and the
byte count is lost) and JSON tables only with its optional `json` extra, so it would report
errors that are not in the data. A JSON file without `type` is a plain data resource to the
standard and to frictionless; a Parquet file needs frictionless' own `"type": "file"` (the
standard's profile lists only `table`), else frictionless reads it as a table anyway.
`frictionless validate datapackage.json` checks every file's size and SHA-256 and every CSV
row against its schema (tests/test_pipeline_e2e.py).
"""
from __future__ import annotations

from schemas import TABLES
from schemas.table_schema import table_schema

from pipeline.publish.formats import MEDIA_TYPES
from pipeline.publish.partitions import parse_part_path

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]
DESCRIPTION = (
    "Inter-state defence agreements and arms procurements extracted from news articles. "
    "Every record links to the sentence it came from (document, sentence, character offsets)."
)


def resource_name(table: str, fmt: str, partition: str | None = None) -> str:
    # The CSV is the canonical tabular resource; the other formats carry the same rows.
    base = table if partition is None else f"{table}-{partition}"
    return base if fmt == "csv" else f"{base}-{fmt}"


def resource(path: str, info: dict) -> dict:
    """`path`: `<table>.<fmt>`, or `<table>.<fmt>/<partition>.<fmt>` for one part of a table."""
    part = parse_part_path(path)
    table, fmt = (part[0], part[2]) if part else path.rsplit(".", 1)
    res = {
        "name": resource_name(table, fmt, part[1] if part else None),
        "type": {"csv": "table", "parquet": "file"}.get(fmt),
        "path": path,
        "format": fmt,
        "mediatype": MEDIA_TYPES[fmt],
        "encoding": "utf-8" if fmt != "parquet" else None,
        "bytes": info["bytes"],
        "hash": "sha256:" + info["sha256"],
        # frictionless counts rows of tables only (and reports a mismatch for other resources)
        "rows": info.get("rows") if fmt == "csv" else None,
        # Extra properties (allowed by Frictionless) for the parts of a partitioned table: the
        # table, the month, and what went into the part, so the next release can reuse it.
        "table": table if part else None,
        "partition": part[1] if part else None,
        "fingerprint": info.get("fingerprint"),
        "schema": table_schema(table, TABLES[table], csv=fmt == "csv"),
    }
    if fmt == "csv":
        res["dialect"] = {"delimiter": ",", "lineTerminator": "\n", "header": True}
    return {k: v for k, v in res.items() if v is not None}


def derived_resource(path: str, info: dict) -> dict:
    """A file derived from the tables (the SQLite database): not a table to Frictionless (its own
    `"type": "file"`, as for Parquet), listed with its size and hash."""
    return {"name": path.rsplit(".", 1)[0], "type": "file", "path": path, "format": info["format"],
            "mediatype": info["mediatype"], "description": info["description"], "bytes": info["bytes"],
            "hash": "sha256:" + info["sha256"]}


def descriptor(version: str, created: str, files: dict[str, dict], sources: list[dict], corpus_report: dict,
               semver: str | None = None, previous_version: str | None = None, derived: dict[str, dict] | None = None) -> dict:
    """`files`: file name -> {"bytes", "sha256"} of the data files; `derived`: of the files derived
    from them (publish.release.DerivedFile), with their format, media type and description.
    `corpus_report`: how the corpus was read (ignored files, manifest problems), kept beside the data.
    `version` is the release's name (its folder); `semver` its MAJOR.MINOR.PATCH (see versioning.py)."""
    pkg = {
        "$schema": PROFILE,
        "name": "defence-deals",
        "title": "defence-deals: defence agreements and arms procurements from the news",
        "description": DESCRIPTION,
        "version": version,
        # extra properties (allowed by the standard): the semantic version and the release before
        "semver": semver,
        "previous_version": previous_version,
        "created": created,
        "licenses": LICENSES,
        "sources": sources,
        "resources": [resource(name, info) for name, info in files.items()]
        + [derived_resource(name, info) for name, info in sorted((derived or {}).items())],
        # Frictionless allows extra properties: files that were not read, and manifest problems.
        "corpus": corpus_report,
    }
    return {k: v for k, v in pkg.items() if v is not None or k == "previous_version"}
