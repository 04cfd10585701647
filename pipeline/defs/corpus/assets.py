"""`documents`: the corpus folder read into documents; every other file accounted for."""

import dagster as dg

from schemas import DocumentsSchema, RejectedSchema

from pipeline.defs.common import OWNERS
from pipeline.defs.metadata import table_metadata
from pipeline.defs.resources import DealsPaths
from pipeline.defs.validation import schema_check_spec, validate_frame
from pipeline.corpus import Corpus, load_corpus
from pipeline.tables import documents_frame, rejected_frame

REJECTED_CHECK = "rejected_schema"


@dg.asset(
    group_name="corpus",
    owners=OWNERS,
    kinds={"python", "pandas"},
    description=(
        "Every `*.txt` article under DEALS_CORPUS_DIR: content-hash id, title, publisher, publication date "
        "(from sources.csv or the text) and cleaned text with a map back to the raw offsets. "
        "Files that cannot be used are listed as rejected, other files as ignored."
    ),
    check_specs=[
        schema_check_spec("documents"),
        dg.AssetCheckSpec(REJECTED_CHECK, asset="documents", blocking=True, description="The rejected-files table satisfies its pandera model."),
    ],
)
def documents(context: dg.AssetExecutionContext, paths: DealsPaths):
    corpus: Corpus = load_corpus(paths.corpus_path)
    df = documents_frame(corpus.documents)
    rejected = rejected_frame(corpus.rejected)
    for r in corpus.rejected:
        context.log.warning(f"rejected {r.file}: {r.message}")
    for problem in corpus.manifest_problems:
        context.log.warning(problem)
    rejected_check = validate_frame(rejected, RejectedSchema, "documents")
    rejected_check = dg.AssetCheckResult(
        check_name=REJECTED_CHECK, asset_key="documents", passed=rejected_check.passed, metadata=rejected_check.metadata
    )
    metadata = table_metadata(df, DocumentsSchema, ["file_name", "title", "publisher", "published", "n_chars"])
    metadata.update(
        {
            "n_rejected": dg.MetadataValue.int(len(corpus.rejected)),
            "n_ignored": dg.MetadataValue.int(len(corpus.ignored)),
            "rejected": dg.MetadataValue.md(_rejected_md(rejected)),
            "ignored": dg.MetadataValue.md("\n".join(f"- `{p}`: {why}" for p, why in corpus.ignored) or "none"),
            "manifest_problems": dg.MetadataValue.int(len(corpus.manifest_problems)),
        }
    )
    return dg.MaterializeResult(
        value=corpus,
        metadata=metadata,
        check_results=[validate_frame(df, DocumentsSchema, "documents"), rejected_check],
    )


def _rejected_md(rejected) -> str:
    from pipeline.defs.metadata import markdown_preview

    return markdown_preview(rejected, ["file_name", "reason", "message"], rows=50)
