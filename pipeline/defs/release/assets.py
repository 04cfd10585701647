"""`release`: the versioned dataset written under DEALS_OUTPUT_DIR, and a check run after the write."""

import hashlib
import json

import dagster as dg
import pandas as pd

from schemas import TABLES

from pipeline.defs.common import OWNERS
from pipeline.defs.metadata import markdown_preview
from pipeline.defs.resources import DealsPaths
from pipeline.incremental.cache import DiskCache
from pipeline.incremental.extracting import MentionSet
from pipeline.incremental.reading import DocumentIndex, load_cached_document
from pipeline.datasets import load_batches, release_dir
from pipeline.publish import publish_release
from pipeline.publish.companions import companion_files
from pipeline.publish.changes import summary
from pipeline.publish.release import size_and_sha256
from pipeline.publish.state import write_processed
from pipeline.quality import score_tables
from pipeline.tables import documents_frame, rejected_frame


DOCUMENT_BATCH = 1000


def release_tables(index: DocumentIndex, mention_set: MentionSet, agreements: pd.DataFrame, procurements: pd.DataFrame) -> dict:
    """The published tables. A document whose extraction failed moves from documents to rejected.
    Documents (with their texts) are streamed from the cache batch by batch."""
    failed = {f.file for f in mention_set.failures}
    entries = sorted((e for e in index.entries if e.file_name not in failed), key=lambda e: e.file_name)

    def document_batches():
        cache = DiskCache(index.cache_root)
        for i in range(0, len(entries), DOCUMENT_BATCH):
            yield documents_frame([load_cached_document(cache, index.reader_namespace, e) for e in entries[i:i + DOCUMENT_BATCH]])

    return {
        "agreements": agreements,
        "procurements": procurements,
        "documents": document_batches,
        "mentions": mention_set.frame,
        "rejected": rejected_frame(index.rejected + mention_set.failures),
    }


def sources(index: DocumentIndex, mention_set: MentionSet) -> list[dict]:
    failed = {f.file for f in mention_set.failures}
    out = []
    for e in sorted(index.entries, key=lambda e: e.file_name):
        if e.file_name in failed:
            continue
        row = e.row
        src = {"title": row["title"] or e.file_name, "path": row["url"] or e.file_name}
        if row["publisher"]:
            src["publisher"] = row["publisher"]
        if row["published"]:
            src["published"] = row["published"]
        out.append(src)
    return out


def quality_metadata(quality: dict) -> dict:
    """Slot and record F1 against the configured gold file, shown on the materialisation."""
    out = {"quality/overall_slot_f1": dg.MetadataValue.float(float(quality["overall_slots"]["f1"]))}
    for kind in ("agreements", "procurements"):
        out[f"quality/{kind}_slot_f1"] = dg.MetadataValue.float(float(quality[kind]["slots"]["f1"]))
        out[f"quality/{kind}_record_f1"] = dg.MetadataValue.float(float(quality[kind]["records"]["f1"]))
    return out


def corpus_report(index: DocumentIndex) -> dict:
    return {
        "ignored": [{"path": path, "reason": reason} for path, reason in index.ignored],
        "manifest": index.manifest,
        "manifest_problems": list(index.manifest_problems),
    }


RELEASE_FILES_SCHEMA = dg.TableSchema(
    columns=[
        dg.TableColumn("file", "string", description="File name inside releases/<version>/."),
        dg.TableColumn("rows", "integer", description="Rows of the table it holds."),
        dg.TableColumn("bytes", "integer", description="Size in bytes."),
        dg.TableColumn("sha256", "string", description="SHA-256 of the file, as in datapackage.json."),
    ]
)


def release_files_frame(files: dict[str, dict]) -> pd.DataFrame:
    rows = [
        {"file": name, "rows": info["rows"], "bytes": info["bytes"], "sha256": info["sha256"]}
        for name, info in sorted(files.items())
    ]
    return pd.DataFrame(rows, columns=["file", "rows", "bytes", "sha256"])


@dg.asset(
    group_name="release",
    owners=OWNERS,
    kinds={"parquet", "csv", "json"},
    description=(
        "Writes releases/<version>/ under DEALS_OUTPUT_DIR (agreements, procurements, documents, mentions, rejected "
        "as CSV, Parquet and JSON, with datapackage.json and changes.json) and switches `latest` to it atomically. "
        "No new version is cut when the data are unchanged."
    ),
)
def release(
    context: dg.AssetExecutionContext,
    paths: DealsPaths,
    documents: DocumentIndex,
    mentions: MentionSet,
    agreements: pd.DataFrame,
    procurements: pd.DataFrame,
) -> dg.MaterializeResult:
    tables = release_tables(documents, mentions, agreements, procurements)
    quality = score_tables(tables, json.loads(paths.gold_path.read_text(encoding="utf-8"))) if paths.gold_path else None
    result = publish_release(
        paths.prepare_output(), tables, sources(documents, mentions), corpus_report(documents),
        extra_files=companion_files(tables, quality),
    )
    write_processed(paths.output_path, documents.fingerprint, result.version)
    paths.publish_remote(result.version)
    if result.created:
        context.log.info(f"published release {result.version} ({summary(result.changes)})")
    else:
        context.log.info(f"data unchanged: latest release {result.version} kept, no new version cut")
    files = release_files_frame(result.files)
    return dg.MaterializeResult(
        metadata={
            # the release's own table is its file manifest
            "dagster/row_count": dg.MetadataValue.int(len(files)),
            "dagster/column_schema": RELEASE_FILES_SCHEMA,
            "preview": dg.MetadataValue.md(markdown_preview(files, rows=len(files))),
            "version": result.version,
            "new_version": result.created,
            "previous_version": result.previous_version or "",
            "path": dg.MetadataValue.path(f"{paths.output_dir}/releases/{result.version}"),
            "changes": summary(result.changes) if result.created else "none",
            **{f"rows/{name.split('.')[0]}": dg.MetadataValue.int(info["rows"]) for name, info in result.files.items()},
            "bytes": dg.MetadataValue.int(sum(f["bytes"] for f in result.files.values())),
            **(quality_metadata(quality) if quality else {}),
        }
    )


@dg.asset_check(asset=release, description="The published files match datapackage.json (bytes, sha256) and re-validate against the pandera models.")
def release_integrity(paths: DealsPaths) -> dg.AssetCheckResult:
    # Read where users read: the output folder or bucket itself, not the local work folder.
    try:
        latest = release_dir("latest", paths.output_dir)
    except FileNotFoundError:
        return dg.AssetCheckResult(passed=False, metadata={"problem": "no latest release"})
    pkg = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))
    problems = []
    for res in pkg["resources"]:
        size, digest = size_and_sha256(latest / res["path"])
        if size != res["bytes"] or "sha256:" + digest != res["hash"]:
            problems.append(f"{res['path']}: bytes or hash differ from datapackage.json")
    # batch by batch: the documents table holds every article's text
    for table, model in TABLES.items():
        try:
            for batch in load_batches(table, version=pkg["version"], output_dir=paths.output_dir):
                model.validate(batch, lazy=True)
        except Exception as exc:  # noqa: BLE001 - reported, not raised: this check runs after the write
            problems.append(f"{table}.parquet: {type(exc).__name__}: {str(exc)[:300]}")
    return dg.AssetCheckResult(
        passed=not problems,
        metadata={"version": pkg["version"], "problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none")},
    )
