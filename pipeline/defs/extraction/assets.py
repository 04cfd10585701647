"""`mentions` (per-document extraction) and `agreements` / `procurements` (consolidated records)."""

import dagster as dg

from schemas import AgreementsSchema, CorrectionsSchema, MentionsSchema, ProcurementsSchema

from pipeline.defs.common import OWNERS
from pipeline.defs.logs import library_warnings, progress_logger
from pipeline.defs.metadata import markdown_preview, published_metadata, table_metadata
from pipeline.defs.validation import schema_check_spec, validate_frame, validate_in_batches
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.defs.resources import DealsPaths
from pipeline.consolidate.incremental import consolidate_incremental
from pipeline.curate.records import finish_records
from pipeline.extract.batch import MentionSet, extract_index
from pipeline.publish.partitions import UNDATED
from pipeline.corpus.index import DocumentIndex
from pipeline.tables import corrections_frame, mentions_frame

CURRENT_CHECK = "corrections_current"


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
        "corrections": dg.AssetOut(
            group_name="records",
            owners=OWNERS,
            kinds={"csv", "pandas"},
            description=("Every correction in the curation folder (DEALS_CURATION_DIR, default curation/), applied to the "
                         "agreements and procurements before they are validated, with its outcome: applied, stale or invalid."),
        ),
    },
    check_specs=[schema_check_spec("agreements"), schema_check_spec("procurements"), schema_check_spec("corrections"),
                 dg.AssetCheckSpec(CURRENT_CHECK, asset="corrections", blocking=False, description=(
                     "Every correction still applies: none is stale (its record is gone, or the extractor now gives its "
                     "value) or invalid. Warns without blocking the release; the release lists them in stale_corrections.json."))],
    code_version=EXTRACTOR_VERSION,
)
def records(context: dg.AssetExecutionContext, paths: DealsPaths, documents: DocumentIndex, mentions: MentionSet):
    # Only the blocks (same parties; same buyer and system family) whose mentions changed are
    # consolidated again: the rest of the tables is carried over from the previous run.
    with library_warnings(context):
        result = consolidate_incremental(mentions, paths.cache_path, EXTRACTOR_VERSION)
        curated, problems = finish_records(result.agreements, result.procurements, documents, paths.output_path,
                                           paths.curation_path, EXTRACTOR_VERSION)
    for problem in problems:  # an unreadable previous release: moved ids cannot be followed
        context.log.warning(problem)
    for o in curated.outcomes:
        if o["outcome"] != "applied":
            context.log.warning(f"correction {o['correction_id']} is {o['outcome']}: {o['message']}")
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
        ("agreements", curated.tables["agreements"], AgreementsSchema, ["parties", "agreement_type", "status", "date", "n_sources"]),
        ("procurements", curated.tables["procurements"], ProcurementsSchema, ["buyer_country", "system", "quantity", "status", "n_sources"]),
    ):
        yield dg.MaterializeResult(
            asset_key=key, value=df, metadata={**table_metadata(df, model, cols), **published_metadata(paths.output_dir, key), **blocks,
                                               "n_curated": dg.MetadataValue.int(int(df["curated"].sum()))},
            check_results=[validate_frame(df, model, key)],
        )
    corrections = corrections_frame(curated.outcomes)
    not_applied = corrections[corrections["outcome"] != "applied"]
    yield dg.MaterializeResult(
        asset_key="corrections", value=corrections,
        metadata={**table_metadata(corrections, CorrectionsSchema, ["correction_id", "action", "record_id", "outcome", "message"]),
                  "curation_dir": paths.curation_dir,
                  **{f"n_{outcome}": dg.MetadataValue.int(curated.count(outcome)) for outcome in ("applied", "stale", "invalid")}},
        check_results=[
            validate_frame(corrections, CorrectionsSchema, "corrections"),
            dg.AssetCheckResult(
                check_name=CURRENT_CHECK, asset_key="corrections", passed=not len(not_applied),
                severity=dg.AssetCheckSeverity.WARN,
                description=f"{len(not_applied)} correction(s) not applied" if len(not_applied) else None,
                metadata={"n_stale": dg.MetadataValue.int(curated.count("stale")),
                          "n_invalid": dg.MetadataValue.int(curated.count("invalid")),
                          "not_applied": dg.MetadataValue.md(markdown_preview(
                              not_applied, ["correction_id", "outcome", "message"], rows=50))}),
        ],
    )
