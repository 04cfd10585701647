"""The data contract: one pandera DataFrameModel per published table.

Table Schemas (datapackage.json), the Dagster column schemas and the data card are
generated from these models; nothing about a column is written down twice.
Import the models from here: ``from schemas import AgreementsSchema``.
"""
from schemas.agreements import AgreementsSchema
from schemas.documents import DocumentsSchema
from schemas.mentions import MentionsSchema
from schemas.procurements import ProcurementsSchema
from schemas.rejected import RejectedSchema

# Published tables, in the order they appear in a release.
TABLES = {
    "agreements": AgreementsSchema,
    "procurements": ProcurementsSchema,
    "documents": DocumentsSchema,
    "mentions": MentionsSchema,
    "rejected": RejectedSchema,
}

__all__ = ["AgreementsSchema", "DocumentsSchema", "MentionsSchema", "ProcurementsSchema", "RejectedSchema", "TABLES"]


def column_order(model) -> list[str]:
    """Published column order: the table's own columns first, inherited provenance columns last."""
    from schemas.provenance import ConsolidatedRecordColumns

    inherited = set(ConsolidatedRecordColumns.to_schema().columns) if issubclass(model, ConsolidatedRecordColumns) else set()
    cols = list(model.to_schema().columns)
    return [c for c in cols if c not in inherited] + [c for c in cols if c in inherited]
