"""Frictionless Data Package descriptor for a release, with schemas generated from pandera."""
from __future__ import annotations

from schemas import TABLES
from schemas.table_schema import table_schema

from pipeline.publish.formats import MEDIA_TYPES

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


def resource_name(table: str, fmt: str) -> str:
    # The CSV is the canonical tabular resource; the other formats carry the same rows.
    return table if fmt == "csv" else f"{table}-{fmt}"


def resource(table: str, fmt: str, info: dict) -> dict:
    res = {
        "name": resource_name(table, fmt),
        "path": f"{table}.{fmt}",
        "format": fmt,
        "mediatype": MEDIA_TYPES[fmt],
        "encoding": "utf-8" if fmt != "parquet" else None,
        "bytes": info["bytes"],
        "hash": "sha256:" + info["sha256"],
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
        "resources": [resource(*name.rsplit(".", 1), info) for name, info in files.items()],
        # Frictionless allows extra properties: files that were not read, and manifest problems.
        "corpus": corpus_report,
    }
