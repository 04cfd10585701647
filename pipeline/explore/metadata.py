"""Datasette metadata for a release's database, generated from the pandera models (schemas/):
table and column descriptions, licence, source, default facets, full-text search and the canned
queries. Nothing about a column is written here twice: descriptions come from the models, and
the derived columns and tables from publish/database.py."""
from __future__ import annotations

from schemas import TABLES, column_order

from pipeline.publish.database import DATABASE, FTS_COLUMNS, HELPER_TABLES, YEAR_DESCRIPTION
from pipeline.publish.queries import QUERIES
from pipeline.publish.datapackage import DESCRIPTION, LICENSES

DATABASE_NAME = DATABASE.rsplit(".", 1)[0]  # Datasette names a database after its file
# Default facets per table (Datasette's `facets`; {"array": c} facets a list column item by item).
FACETS = {
    "procurements": ["buyer_country", "supplier_country", "category", "status", "year"],
    "agreements": [{"array": "parties"}, "agreement_type", "status", "year"],
    "mentions": ["kind", "status"],
    "documents": ["publisher", "published_precision"],
    "review": ["table"],
    "id_map": ["table", "relation"],
    "corrections": ["action", "outcome"],
    "changes": ["record_table", "change"],
}
SORT_DESC = {"procurements": "value_usd", "agreements": "year", "documents": "published"}
LABEL_COLUMNS = {"documents": "title"}

def _describe(model) -> str:
    return " ".join((model.__doc__ or "").split())


def _columns(table: str) -> dict[str, str]:
    schema = TABLES[table].to_schema()
    out = {c: schema.columns[c].description for c in column_order(TABLES[table]) if schema.columns[c].description}
    if table in YEAR_DESCRIPTION:
        out["year"] = YEAR_DESCRIPTION[table]
    return out


def metadata(version: str, semver: str | None = None, previous_version: str | None = None) -> dict:
    """Datasette metadata (metadata.json) for the database of release `version`."""
    lic = LICENSES[0]
    tables: dict[str, dict] = {}
    for table in TABLES:
        entry = {"description": _describe(TABLES[table]), "columns": _columns(table)}
        if table in FACETS:
            entry["facets"] = FACETS[table]
        if table in SORT_DESC:
            entry["sort_desc"] = SORT_DESC[table]
        if table in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[table]
        if table in FTS_COLUMNS:
            entry["fts_table"] = f"{table}_fts"
            entry["fts_pk"] = "rowid"
            entry["searchmode"] = "escaped"  # words as typed; `"exact phrase"` works, operators are literal
        tables[table] = entry
    for table, text in HELPER_TABLES.items():
        tables[table] = {"description": text}
        if table in FACETS:
            tables[table]["facets"] = FACETS[table]
    for table in FTS_COLUMNS:
        tables[f"{table}_fts"] = {"hidden": True}
    release = f"release {version}" + (f" (semver {semver})" if semver else "")
    return {
        "title": f"defence-deals, {release}",
        "description": (f"{DESCRIPTION} This is {release}"
                        + (f", following {previous_version}." if previous_version else ", the first one.")
                        + " Open a record, then the link beside its evidence sentence, to read it in its article."),
        "license": lic["name"],
        "license_url": lic["path"],
        "source": "News articles, listed in the documents table (title, publisher, url); "
                  f"the release's files and data card are in releases/{version}/",
        "about": "Data card: README.md of the release",
        "databases": {DATABASE_NAME: {"tables": tables, "queries": QUERIES}},
    }
