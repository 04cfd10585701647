"""`mentions` (per-document extraction) and `agreements` / `procurements` (consolidated records)."""

import dagster as dg

from schemas import AgreementsSchema, MentionsSchema, ProcurementsSchema

from pipeline.defs.common import OWNERS
from pipeline.defs.logs import library_warnings, progress_logger
from pipeline.defs.metadata import published_metadata, table_metadata
from pipeline.defs.validation import schema_check_spec, validate_frame, validate_in_batches
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.defs.resources import DealsPaths
from pipeline.consolidate.incremental import consolidate_incremental
from pipeline.extract.batch import MentionSet, extract_index
from pipeline.publish.partitions import UNDATED
from pipeline.corpus.index import DocumentIndex
from pipeline.tables import mentions_frame


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
    with library_warnings(context):
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
            **published_metadata(paths.output_dir, "mentions", parts=True),
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
def records(context: dg.AssetExecutionContext, paths: DealsPaths, mentions: MentionSet):
    # Only the blocks (same parties; same buyer and system family) whose mentions changed are
    # consolidated again: the rest of the tables is carried over from the previous run.
    with library_warnings(context):
        result = consolidate_incremental(mentions, paths.cache_path, EXTRACTOR_VERSION)
    context.log.info(f"consolidated {result.n_blocks_rebuilt} new or changed blocks (read from "
                     f"{result.n_months_read} months), {result.n_blocks_reused} from the previous run")
    if result.whole_corpus:
        context.log.warning("two blocks share a record id: consolidated the whole corpus at once")
    blocks = {
        "n_blocks": dg.MetadataValue.int(result.n_blocks),
        "n_blocks_reused": dg.MetadataValue.int(result.n_blocks_reused),
        "n_blocks_rebuilt": dg.MetadataValue.int(result.n_blocks_rebuilt),
        "n_months_read": dg.MetadataValue.int(result.n_months_read),
    }
    for key, df, model, cols in (
        ("agreements", result.agreements, AgreementsSchema, ["parties", "agreement_type", "status", "date", "n_sources"]),
        ("procurements", result.procurements, ProcurementsSchema, ["buyer_country", "system", "quantity", "status", "n_sources"]),
    ):
        yield dg.MaterializeResult(
            asset_key=key, value=df, metadata={**table_metadata(df, model, cols), **published_metadata(paths.output_dir, key), **blocks},
            check_results=[validate_frame(df, model, key)],
        )
