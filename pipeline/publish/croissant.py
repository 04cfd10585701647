"""`croissant.json`: the release described as an MLCommons Croissant 1.1 dataset (JSON-LD).

ML tooling (mlcroissant, TFDS, Hugging Face, Kaggle) reads datasets through this
description. Record sets and fields are generated from the pandera models, as the Table
Schemas in datapackage.json are; files are listed with their SHA-256. Paths are relative
to the release folder, so the file holds no path of the machine that wrote it. `version`
is the release's semver (Croissant 1.1: patch = same data, minor = data added, major =
existing data changed; see versioning.py); the release name is in `citeAs`.
"""
from __future__ import annotations

import json

from schemas import TABLES
from schemas.table_schema import table_schema

from pipeline.publish.datacard import load_citation
from pipeline.publish.datapackage import DESCRIPTION, LICENSES
from pipeline.publish.formats import MEDIA_TYPES

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
# The @context of a Croissant 1.1 file (as mlcroissant 1.1 writes and checks it: any other
# is reported as "not standard").
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
# Table Schema type (generated from the models) -> Croissant dataType. Lists are arrays of Text.
DATA_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "array": "sc:Text", "boolean": "sc:Boolean"}
# Croissant readers (mlcroissant, Hugging Face) recognise Parquet by this media type; the
# Data Package keeps the IANA-registered one.
ENCODING_FORMATS = {**MEDIA_TYPES, "parquet": "application/x-parquet"}
# Records are read from the typed Parquet file: it keeps lists as lists (CSV joins them).
RECORD_SOURCE_FORMATS = ("parquet", "json", "csv")


def _file_object(name: str, info: dict) -> dict:
    fmt = name.rsplit(".", 1)[-1]
    return {
        "@type": "cr:FileObject",
        "@id": name,
        "name": name,
        "contentUrl": name,
        "contentSize": f"{info['bytes']} B",
        "encodingFormat": ENCODING_FORMATS.get(fmt, "application/octet-stream"),
        "sha256": info["sha256"],
    }


def _file_set(folder: str) -> dict:
    """The parts of a table published by month (`documents.parquet/2025-03.parquet`, ...)."""
    fmt = folder.rsplit(".", 1)[-1]
    return {
        "@type": "cr:FileSet",
        "@id": folder,
        "name": folder,
        "encodingFormat": ENCODING_FORMATS.get(fmt, "application/octet-stream"),
        "includes": f"{folder}/*.{fmt}",
    }


def _part_folders(files: dict[str, dict]) -> list[str]:
    return sorted({name.split("/", 1)[0] for name in files if "/" in name})


def _source(table: str, files: dict[str, dict]) -> dict | None:
    """Where a record set's rows are read: a whole file, or the set of a table's monthly parts."""
    folders = set(_part_folders(files))
    for fmt in RECORD_SOURCE_FORMATS:
        if f"{table}.{fmt}" in files:
            return {"fileObject": {"@id": f"{table}.{fmt}"}}
        if f"{table}.{fmt}" in folders:
            return {"fileSet": {"@id": f"{table}.{fmt}"}}
    return None


def _record_set(table: str, source: dict) -> dict:
    model = TABLES[table]
    schema = table_schema(table, model)
    fields = []
    for f in schema["fields"]:
        field = {
            "@type": "cr:Field",
            "@id": f"{table}/{f['name']}",
            "name": f["name"],
            "description": f.get("description", ""),
            "dataType": DATA_TYPES.get(f["type"], "sc:Text"),
            "source": {**source, "extract": {"column": f["name"]}},
        }
        if f["type"] == "array":
            field["isArray"] = True
        fields.append(field)
    rs = {
        "@type": "cr:RecordSet",
        "@id": table,
        "name": table,
        "description": " ".join((model.__doc__ or "").split()),
        "field": fields,
    }
    if schema.get("primaryKey"):
        rs["key"] = {"@id": f"{table}/{schema['primaryKey']}"}
    return rs


def _cite_as(version: str, citation: dict) -> str:
    authors = " and ".join("{" + a["name"] + "}" for a in citation["authors"] if a.get("name"))
    return (f"@misc{{defence_deals_{version.replace('-', '_').replace('.', '_')}, author = {{{authors}}}, "
            f"title = {{{{{citation['title']}}}}}, year = {{{version[:4]}}}, version = {{{version}}}}}")


def document(tables: dict, version: str, files: dict[str, dict], citation: dict | None = None,
             semver: str | None = None) -> dict:
    """`version`: the release's name; `semver`: its semantic version (Croissant's `version`)."""
    citation = citation or load_citation()
    record_sets = []
    for table in TABLES:
        source = _source(table, files)
        if table in tables and source:
            record_sets.append(_record_set(table, source))
    doc = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": "defence-deals",
        "description": DESCRIPTION,
        "license": LICENSES[0]["path"],
        "version": semver,
        # the release name starts with the date it was cut; no clock is read here
        "datePublished": version[:10],
        "creator": [{"@type": "sc:Organization", "name": a["name"]} for a in citation["authors"] if a.get("name")],
        "keywords": list(citation.get("keywords", [])),
        "citeAs": _cite_as(version, citation),
        "isLiveDataset": False,
        "distribution": [_file_object(name, info) for name, info in sorted(files.items()) if "/" not in name]
        + [_file_set(folder) for folder in _part_folders(files)],
        "recordSet": record_sets,
    }
    return {k: v for k, v in doc.items() if v is not None}


def render(tables: dict, version: str, files: dict[str, dict], citation: dict | None = None,
           semver: str | None = None) -> bytes:
    """croissant.json bytes. `files`: file name in the release -> {"bytes", "sha256"} (ReleaseResult.files)."""
    return (json.dumps(document(tables, version, files, citation, semver), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
