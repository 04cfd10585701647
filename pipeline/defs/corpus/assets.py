"""`documents`: the corpus folder read into documents (new or changed files only); every other file accounted for."""
import dagster as dg

from schemas import DocumentsSchema, RejectedSchema

from pipeline.corpus.errors import replaced_bytes_warning
from pipeline.defs.common import OWNERS
from pipeline.defs.logs import library_warnings, progress_logger
from pipeline.defs.metadata import markdown_list, markdown_preview, published_metadata, table_metadata
from pipeline.defs.resources import DealsPaths
from pipeline.defs.validation import schema_check_spec, validate_frame, validate_in_batches
from pipeline.corpus.index import DocumentIndex, read_corpus
from pipeline.tables import document_metadata_schema, documents_frame, documents_metadata_frame, rejected_frame

REJECTED_CHECK = "rejected_schema"
VALIDATION_BATCH = 1000


@dg.asset(
    group_name="corpus",
    owners=OWNERS,
    kinds={"python", "pandas"},
    description=(
        "Every `*.txt` article under DEALS_CORPUS_DIR: content-hash id, title, publisher, publication date "
        "(from sources.csv or the text) and cleaned text with a map back to the raw offsets. Only new or "
        "changed files are read (on every core); files that cannot be used are listed as rejected, other "
        "files as ignored."
    ),
    check_specs=[
        schema_check_spec("documents"),
        dg.AssetCheckSpec(REJECTED_CHECK, asset="documents", blocking=True, description="The rejected-files table satisfies its pandera model."),
    ],
)
def documents(context: dg.AssetExecutionContext, paths: DealsPaths):
    with library_warnings(context):
        index: DocumentIndex = read_corpus(
            paths.prepare_corpus(), paths.cache_path, paths.workers, progress_logger(context.log, "reading")
        )
    context.log.info(f"read {index.n_new} new or changed documents, {index.n_cached} from the cache")
    for r in index.rejected:
        context.log.warning(f"rejected {r.file}: {r.message}")
    for problem in index.manifest_problems:
        context.log.warning(problem)
    for e in index.entries:  # published, but not silently: the text has U+FFFD where bytes were bad
        if e.row.get("n_replaced_bytes"):
            context.log.warning(replaced_bytes_warning(e.file_name, e.row["n_replaced_bytes"]))

    metadata_df = documents_metadata_frame(index.entries)
    # Texts are checked when a document is first read (cached ones were checked then);
    # every run checks the whole table's metadata (ids, uniqueness, dates, precision).
    new_entries = [e for e in index.entries if e.is_new]
    check = validate_in_batches(
        [metadata_df],
        document_metadata_schema(),
        "documents",
        extra=(documents_frame([index.load_document(e) for e in batch]) for batch in _chunks(new_entries, VALIDATION_BATCH)),
        extra_model=DocumentsSchema,
    )
    rejected = rejected_frame(index.rejected)
    rejected_check = validate_frame(rejected, RejectedSchema, "documents", check_name=REJECTED_CHECK)
    metadata = table_metadata(metadata_df, DocumentsSchema, ["file_name", "title", "publisher", "published", "n_chars"])
    metadata.update(
        {
            **published_metadata(paths.output_dir, "documents", parts=True),
            "n_new": dg.MetadataValue.int(index.n_new),
            "n_cached": dg.MetadataValue.int(index.n_cached),
            "n_rejected": dg.MetadataValue.int(len(index.rejected)),
            "n_ignored": dg.MetadataValue.int(len(index.ignored)),
            "rejected": dg.MetadataValue.md(markdown_preview(rejected, ["file_name", "reason", "message"], rows=50)),
            # file names are untrusted (a backtick would close a code span): escaped, as plain text
            "ignored": dg.MetadataValue.md(markdown_list(f"{p}: {why}" for p, why in index.ignored)),
            "manifest_problems": dg.MetadataValue.int(len(index.manifest_problems)),
        }
    )
    return dg.MaterializeResult(value=index, metadata=metadata, check_results=[check, rejected_check])


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]
