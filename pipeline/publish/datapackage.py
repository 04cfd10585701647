"""Frictionless Data Package descriptor for a release, with schemas generated from pandera."""
from __future__ import annotations

from schemas import TABLES
from schemas.table_schema import table_schema

from pipeline.publish.formats import MEDIA_TYPES
from pipeline.publish.partitions import parse_part_path

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
        "path": path,
        "format": fmt,
        "mediatype": MEDIA_TYPES[fmt],
        "encoding": "utf-8" if fmt != "parquet" else None,
        "bytes": info["bytes"],
        "hash": "sha256:" + info["sha256"],
        "rows": info.get("rows"),
        # Extra properties (allowed by Frictionless) for the parts of a partitioned table: the
        # table, the month, and what went into the part, so the next release can reuse it.
        "table": table if part else None,
        "partition": part[1] if part else None,
        "fingerprint": info.get("fingerprint"),
        "schema": table_schema(table, TABLES[table]),
    }
    if fmt == "csv":
        res["dialect"] = {"delimiter": ",", "lineTerminator": "\n", "header": True}
    return {k: v for k, v in res.items() if v is not None}


def descriptor(version: str, created: str, files: dict[str, dict], sources: list[dict], corpus_report: dict) -> dict:
    """`files`: file name -> {"bytes", "sha256"} of the data files."""
    """`corpus_report`: how the corpus was read (ignored files, manifest problems), kept beside the data."""
    return {
        "profile": "tabular-data-package",
        "name": "defence-deals",
        "title": "defence-deals: defence agreements and arms procurements from the news",
        "description": DESCRIPTION,
        "version": version,
        "created": created,
        "licenses": LICENSES,
        "sources": sources,
        "resources": [resource(name, info) for name, info in files.items()],
        # Frictionless allows extra properties: files that were not read, and manifest problems.
        "corpus": corpus_report,
    }
