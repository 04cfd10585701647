"""The data contract: one pandera DataFrameModel per published table.

Table Schemas (datapackage.json), the Dagster column schemas and the data card are
generated from these models; nothing about a column is written down twice.
Import the models from here: ``from schemas import AgreementsSchema``.

The models (and pandera, pandas) load on first use, so that ``schemas.vocab`` stays light
for the extraction library and its worker processes.
"""
from importlib import import_module

_MODELS = {
    "AgreementsSchema": "schemas.agreements",
    "ProcurementsSchema": "schemas.procurements",
    "DocumentsSchema": "schemas.documents",
    "MentionsSchema": "schemas.mentions",
    "RejectedSchema": "schemas.rejected",
    "IdMapSchema": "schemas.id_map",
    "CorrectionsSchema": "schemas.corrections",
    "ReviewSchema": "schemas.review",
}
# Published tables, in the order they appear in a release.
_TABLE_MODELS = {
    "agreements": "AgreementsSchema",
    "procurements": "ProcurementsSchema",
    "documents": "DocumentsSchema",
    "mentions": "MentionsSchema",
    "rejected": "RejectedSchema",
    "id_map": "IdMapSchema",
    "corrections": "CorrectionsSchema",
    "review": "ReviewSchema",
}

__all__ = [*_MODELS, "TABLES", "column_order"]


def __getattr__(name: str):
    if name in _MODELS:
        return getattr(import_module(_MODELS[name]), name)
    if name == "TABLES":
        tables = {table: __getattr__(model) for table, model in _TABLE_MODELS.items()}
        globals()["TABLES"] = tables
        return tables
    raise AttributeError(f"module 'schemas' has no attribute {name!r}")


def column_order(model) -> list[str]:
    """Published column order: the table's keys (its unique columns) first, then its other columns
    in declaration order (a shared column set such as ProcurementColumns where it is inherited),
    the inherited provenance columns last."""
    from schemas.provenance import ConsolidatedRecordColumns

    inherited = set(ConsolidatedRecordColumns.to_schema().columns) if issubclass(model, ConsolidatedRecordColumns) else set()
    columns = model.to_schema().columns
    own = [c for c in columns if c not in inherited]
    return ([c for c in own if columns[c].unique] + [c for c in own if not columns[c].unique]
            + [c for c in columns if c in inherited])
