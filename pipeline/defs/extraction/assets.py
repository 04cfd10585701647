"""`mentions` (per-document extraction) and `agreements` / `procurements` (consolidated records)."""

import dagster as dg

from schemas import AgreementsSchema, MentionsSchema, ProcurementsSchema

from pipeline.consolidate import consolidate
from pipeline.defs.common import OWNERS
from pipeline.defs.metadata import table_metadata
from pipeline.defs.validation import schema_check_spec, validate_frame, validate_in_batches
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.defs.progress import progress_logger
from pipeline.defs.resources import DealsPaths
from pipeline.incremental.extracting import MentionSet, extract_index
from pipeline.publish.partitions import UNDATED
from pipeline.incremental.reading import DocumentIndex
from pipeline.tables import agreements_frame, mentions_frame, procurements_frame


@dg.asset(
    group_name="extraction",
    owners=OWNERS,
    kinds={"python", "pandas"},
    code_version=EXTRACTOR_VERSION,
    description=(
        "Every agreement or procurement mention found in each document, with the typed fields of the "
        "guidelines and its evidence: doc_id, sentence, and character offsets in the cleaned and raw text."
    ),
    check_specs=[schema_check_spec("mentions")],
)
def mentions(context: dg.AssetExecutionContext, paths: DealsPaths, documents: DocumentIndex):
    result: MentionSet = extract_index(documents, paths.workers, progress_logger(context.log, "extraction"))
    context.log.info(f"extracted {result.n_new} new or changed documents, {result.n_cached} from the cache")
    for failure in result.failures:
        context.log.error(failure.message)
    # Months served from the cache passed this check when they were built; the months built
    # now are checked before they are cached (and before anything is published).
    check = validate_in_batches(result.fresh_frames(), MentionsSchema, "mentions")
    if check.passed:
        result.mark_checked()
    # the preview shows the newest month (the whole table can be far larger than a preview needs)
    newest = max(result.parts, key=lambda p: (p.key != UNDATED, p.key), default=None)
    newest = newest.frame() if newest else mentions_frame([])
    metadata = table_metadata(newest, MentionsSchema, ["doc_id", "kind", "status", "system", "parties", "sentence"])
    metadata.update(
        {
            "dagster/row_count": dg.MetadataValue.int(result.n_rows),
            "extractor_version": EXTRACTOR_VERSION,
            "n_documents": dg.MetadataValue.int(len(documents.entries)),
            "n_extracted": dg.MetadataValue.int(result.n_new),
            "n_cached": dg.MetadataValue.int(result.n_cached),
            "n_extraction_failures": dg.MetadataValue.int(len(result.failures)),
            "n_months": dg.MetadataValue.int(len(result.parts)),
            "n_months_rebuilt": dg.MetadataValue.int(sum(p.fresh for p in result.parts)),
            "n_rows_checked": dg.MetadataValue.int(sum(p.n_rows for p in result.parts if p.fresh)),
        }
    )
    return dg.MaterializeResult(value=result, metadata=metadata, check_results=[check])


@dg.multi_asset(
    outs={
        "agreements": dg.AssetOut(
            group_name="records",
            owners=OWNERS,
            kinds={"python", "pandas"},
            description="Inter-state agreements, one per real-world arrangement across documents, with the latest stage reported.",
        ),
        "procurements": dg.AssetOut(
            group_name="records",
            owners=OWNERS,
            kinds={"python", "pandas"},
            description="Arms procurements (one per acquisition or batch) across documents, with the latest stage reported.",
        ),
    },
    check_specs=[schema_check_spec("agreements"), schema_check_spec("procurements")],
    code_version=EXTRACTOR_VERSION,
)
def records(mentions: MentionSet):
    agreement_records, procurement_records = consolidate(*mentions.mentions_and_dates())
    for key, df, model, cols in (
        ("agreements", agreements_frame(agreement_records, EXTRACTOR_VERSION), AgreementsSchema,
         ["parties", "agreement_type", "status", "date", "n_sources"]),
        ("procurements", procurements_frame(procurement_records, EXTRACTOR_VERSION), ProcurementsSchema,
         ["buyer_country", "system", "quantity", "status", "n_sources"]),
    ):
        yield dg.MaterializeResult(
            asset_key=key, value=df, metadata=table_metadata(df, model, cols), check_results=[validate_frame(df, model, key)]
        )
