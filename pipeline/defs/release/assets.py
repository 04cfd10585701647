"""`release`: the versioned dataset written under DEALS_OUTPUT_DIR, and a check run after the write."""

import json

import dagster as dg
import pandas as pd

from pipeline.defs.common import OWNERS
from pipeline.defs.logs import library_warnings
from pipeline.defs.metadata import markdown_list, markdown_preview, published_location
from pipeline.defs.resources import DealsPaths
from pipeline.extract.batch import MentionSet
from pipeline.corpus.index import DocumentIndex
from pipeline.publish import publish_release
from pipeline.publish.assemble import corpus_report, id_map_table, release_tables, sources, table_disagreements
from pipeline.publish.companions import companion_files
from pipeline.publish.database import database_file
from pipeline.publish.changes import summary
from pipeline.publish.partitions import rows_by_table
from pipeline.publish.state import write_processed
from pipeline.curate.corrections import curation_fingerprint
from pipeline.publish.verify import verify_release
from pipeline.evaluation import extractor_quality, release_quality
from pipeline.quality import score_tables


def quality_metadata(quality: dict) -> dict:
    """Slot and record F1 of the extractor on the evaluation set (`evaluation/…`) and, with a gold
    file for the corpus, on the corpus (`quality/…`), shown on the materialisation."""
    out = {}
    for prefix, figures in (("evaluation", (quality.get("evaluation_set") or {}).get("figures")),
                            ("quality", quality.get("corpus"))):
        if not figures:
            continue
        out[f"{prefix}/overall_slot_f1"] = dg.MetadataValue.float(float(figures["overall_slots"]["f1"]))
        for kind in ("agreements", "procurements"):
            out[f"{prefix}/{kind}_slot_f1"] = dg.MetadataValue.float(float(figures[kind]["slots"]["f1"]))
            out[f"{prefix}/{kind}_record_f1"] = dg.MetadataValue.float(float(figures[kind]["records"]["f1"]))
    return out


def release_files_frame(files: dict[str, dict]) -> pd.DataFrame:
    """The files datapackage.json lists (name inside releases/<version>/, rows, bytes, SHA-256): the data
    files, and the files derived from them (the SQLite database), which have no row count."""
    rows = [
        {"file": name, "rows": info.get("rows"), "bytes": info["bytes"], "sha256": info["sha256"]}
        for name, info in sorted(files.items())
    ]
    return pd.DataFrame(rows, columns=["file", "rows", "bytes", "sha256"]).astype({"rows": "Int64"})


def parts_metadata(result) -> dict:
    """What happened to the monthly part files (documents and mentions, three formats each).

    A part whose fingerprint is new (its articles, or the code that builds it, changed) is built
    again; a new version holds it as written (`parts_rewritten`), the others are hard-linked from
    the previous release (`parts_reused`). When the data equal the latest release's, no version is
    cut and nothing published is rewritten: the parts built again came out identical and were
    discarded (`parts_rebuilt_identical`). Only a damaged file (its bytes not those its release
    records) is written into published releases then, and `damaged_parts_repaired` counts it."""
    parts = [info for info in result.files.values() if info.get("partition")]
    built = sum(1 for info in parts if info.get("written"))
    return {
        "parts_rewritten": dg.MetadataValue.int(built if result.created else 0),
        "parts_reused": dg.MetadataValue.int(len(parts) - built if result.created else 0),
        "parts_rebuilt_identical": dg.MetadataValue.int(0 if result.created else built),
        "damaged_parts_found": dg.MetadataValue.int(len(result.damaged)),
        "damaged_parts_repaired": dg.MetadataValue.int(sum(1 for d in result.damaged if d.get("repaired"))),
    }


@dg.asset(
    group_name="release",
    owners=OWNERS,
    kinds={"parquet", "csv", "json"},
    description=(
        "Writes `releases/<version>/` under DEALS_OUTPUT_DIR (agreements, procurements, documents, mentions, rejected "
        "as CSV, Parquet and JSON, with datapackage.json and changes.json, and all of them in one SQLite database) and switches `latest` to it atomically. "
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
    corrections: pd.DataFrame,
) -> dg.MaterializeResult:
    problems = table_disagreements(documents, mentions, {"agreements": agreements, "procurements": procurements})
    if problems:  # never publish a release whose tables come from different corpora
        raise dg.Failure(description="the release's tables disagree, nothing was published: " + "; ".join(problems),
                         metadata={"problems": dg.MetadataValue.md(markdown_list(problems))})
    with library_warnings(context):  # a damaged cache entry or published part, as it is found
        output = paths.prepare_output()
        id_map, problems = id_map_table(output, agreements, procurements)
        for problem in problems:  # an unreadable previous release: its ids cannot be mapped, said out loud
            context.log.warning(problem)
        tables = release_tables(documents, mentions, agreements, procurements, id_map, corrections)
        corpus_quality = score_tables(tables, json.loads(paths.gold_path.read_text(encoding="utf-8"))) if paths.gold_path else None
        # once per extractor version: cached under the code's and the evaluation set's fingerprint
        evaluation, evaluation_cached = extractor_quality(paths.evaluation_path, paths.cache_path)
        quality = release_quality(evaluation, corpus_quality)
        result = publish_release(
            output, tables, sources(documents, mentions), corpus_report(documents),
            extra_files=companion_files(tables, quality), derived_files=[database_file(tables)],
        )
    write_processed(paths.output_path, documents.fingerprint, result.version, curation_fingerprint(paths.curation_path))
    paths.publish_remote(result.version, result.carried)
    if result.created:
        context.log.info(f"published release {result.version} ({summary(result.changes)})")
    else:
        context.log.info(f"data unchanged: latest release {result.version} kept, no new version cut")
    files = release_files_frame({**result.files, **result.derived})
    return dg.MaterializeResult(
        metadata={
            "version": result.version,
            "semver": result.semver or "",
            "new_version": result.created,
            "previous_version": result.previous_version or "",
            "path": dg.MetadataValue.path(f"{paths.output_dir}/releases/{result.version}"),
            "latest": dg.MetadataValue.path(published_location(paths.output_dir, "")),
            "changes": summary(result.changes) if result.created else "none",
            # rows of each table (the release is several tables, not one: no dagster/row_count)
            **{f"rows/{table}": dg.MetadataValue.int(n) for table, n in rows_by_table(result.files).items()},
            "n_files": dg.MetadataValue.int(len(files)),
            "files": dg.MetadataValue.md(markdown_preview(files, rows=len(files))),
            "bytes": dg.MetadataValue.int(int(files["bytes"].sum())),
            # the SQLite database `make explore` serves (only a new version builds one)
            **{f"bytes/{name}": dg.MetadataValue.int(info["bytes"]) for name, info in result.derived.items()},
            **parts_metadata(result),
            "review_queue": dg.MetadataValue.int(len(tables["review"])),  # records a curator should check (review.csv)
            "ids_mapped": dg.MetadataValue.int(len(id_map)),  # old ids that resolve through id_map
            "corrections_applied": dg.MetadataValue.int(int((corrections["outcome"] == "applied").sum())),
            "corrections_not_applied": dg.MetadataValue.int(int((corrections["outcome"] != "applied").sum())),
            "id_map_problems": dg.MetadataValue.md(markdown_list(problems)) if problems else "none",
            **(quality_metadata(quality) if quality else {}),
            "evaluation_cached": evaluation_cached,
        }
    )


@dg.asset_check(asset=release, blocking=True, description=(
    "Every published file (hard-linked parts shared with earlier releases included) matches datapackage.json "
    "(bytes, sha256), and the files this release wrote re-validate against the pandera models (of a file merged "
    "from the previous release's, the rows that differ from it, and uniqueness whole). "
    "Fails the run when it fails; the next run rebuilds a damaged part instead of reusing it."))
def release_integrity(context: dg.AssetCheckExecutionContext, paths: DealsPaths) -> dg.AssetCheckResult:
    # Read where users read: the output folder or bucket itself, not the local work folder.
    report = verify_release(paths.output_dir, paths.output_path)
    if report.version is None:
        return dg.AssetCheckResult(passed=False, metadata={"problem": "no latest release"})
    for problem in report.problems:
        context.log.error(f"release {report.version}: {problem}")
    return dg.AssetCheckResult(
        passed=report.passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description=(f"{len(report.problems)} problem(s) in release {report.version}: " + "; ".join(report.problems[:3]))
        if report.problems else None,
        metadata={
            "version": report.version,
            "files_checked": dg.MetadataValue.int(report.files_checked),
            "files_revalidated": dg.MetadataValue.int(report.files_revalidated),
            # parts hard-linked from the previous release: hashed, not re-validated
            "files_carried_over": dg.MetadataValue.int(report.files_carried_over),
            # rows sent through the models (rows equal to the previous release's are not)
            "rows_validated": dg.MetadataValue.int(report.rows_validated),
            "problems": dg.MetadataValue.md(markdown_list(report.problems)),
        },
    )
