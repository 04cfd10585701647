"""`release`: the versioned dataset written under DEALS_OUTPUT_DIR, and a check run after the write."""

import hashlib
import json
import os
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas import TABLES

from pipeline.defs.common import OWNERS
from pipeline.defs.logs import library_warnings
from pipeline.defs.metadata import markdown_list, markdown_preview, published_location
from pipeline.defs.resources import DealsPaths
from pipeline.incremental.cache import DiskCache
from pipeline.incremental.extracting import MentionSet, months, rows_code
from pipeline.incremental.reading import DocumentIndex, load_cached_document
from pipeline.datasets import file_batches, release_dir, typed
from pipeline.publish import publish_release
from pipeline.publish.companions import companion_files
from pipeline.publish.consistency import disagreements
from pipeline.publish.changes import summary
from pipeline.publish.release import release_resources, size_and_sha256
from pipeline.publish.partitions import Part, fingerprint as part_fingerprint, rows_by_table
from pipeline.publish.state import write_processed
from pipeline.publish.tablemerge import changed_rows, row_key, unique_columns
from pipeline.incremental.code_version import publisher_fingerprint
from pipeline.quality import score_tables
from pipeline.tables import documents_frame, rejected_frame


DOCUMENT_BATCH = 1000
VALIDATION_BATCH = 20_000


def document_parts(index: DocumentIndex, failed: set[str]) -> list[Part]:
    """The documents table by publication month; texts are streamed from the cache batch by batch."""
    parts = []
    code = f"{index.reader_namespace}\0{publisher_fingerprint()}"
    for key, month in months(index).items():
        entries = sorted((e for e in month if e.file_name not in failed), key=lambda e: e.file_name)
        if not entries:  # every document of the month failed
            continue

        def batches(entries=entries):
            cache = DiskCache(index.cache_root)
            for i in range(0, len(entries), DOCUMENT_BATCH):
                yield documents_frame([load_cached_document(cache, index.reader_namespace, e, index.corpus_root) for e in entries[i:i + DOCUMENT_BATCH]])

        def build_rows(keys: list[str], entries=entries) -> pd.DataFrame:
            wanted = set(keys)
            cache = DiskCache(index.cache_root)
            return documents_frame([load_cached_document(cache, index.reader_namespace, e, index.corpus_root)
                                    for e in entries if e.file_name in wanted])

        # the members let a changed month be merged from its previous part (publish/merging.py):
        # a document's row depends on its cache key (bytes, name, manifest row) and the code only
        parts.append(Part("documents", key, part_fingerprint(code, key, *(e.cache_key for e in entries)), batches, len(entries),
                          members={e.file_name: e.cache_key for e in entries}, code=code, key_column="file_name",
                          build_rows=build_rows, batch_rows=DOCUMENT_BATCH))
    return parts


def mention_parts(mention_set: MentionSet) -> list[Part]:
    # members: a changed month is merged from its previous part, its unchanged documents' rows
    # reused (a document's mention rows depend on its extraction key and the code only)
    return [Part("mentions", p.key, p.fingerprint, lambda p=p: [p.frame()], p.n_rows, members=p.members(),
                 code=rows_code(), key_column="doc_id", build_rows=p.rows_of, one_row_per_key=False)
            for p in mention_set.parts]


def release_tables(index: DocumentIndex, mention_set: MentionSet, agreements: pd.DataFrame, procurements: pd.DataFrame) -> dict:
    """The published tables. A document whose extraction failed moves from documents to rejected.
    Documents and mentions are published by publication month (pipeline/publish/partitions.py)."""
    failed = {f.file for f in mention_set.failures}
    return {
        "agreements": agreements,
        "procurements": procurements,
        "documents": document_parts(index, failed),
        "mentions": mention_parts(mention_set),
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


def release_files_frame(files: dict[str, dict]) -> pd.DataFrame:
    """The release's data files (name inside releases/<version>/, rows, bytes, SHA-256 as in datapackage.json)."""
    rows = [
        {"file": name, "rows": info["rows"], "bytes": info["bytes"], "sha256": info["sha256"]}
        for name, info in sorted(files.items())
    ]
    return pd.DataFrame(rows, columns=["file", "rows", "bytes", "sha256"])


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
    failed = {f.file for f in mentions.failures}
    published_ids = {e.doc_id for e in documents.entries if e.file_name not in failed}
    failed_ids = {e.doc_id for e in documents.entries if e.file_name in failed}
    problems = disagreements(published_ids, set(mentions.doc_order) - failed_ids,
                             {"agreements": agreements, "procurements": procurements})
    if problems:  # never publish a release whose tables come from different corpora
        raise dg.Failure(description="the release's tables disagree, nothing was published: " + "; ".join(problems),
                         metadata={"problems": dg.MetadataValue.md(markdown_list(problems))})
    with library_warnings(context):  # a damaged cache entry or published part, as it is found
        tables = release_tables(documents, mentions, agreements, procurements)
        quality = score_tables(tables, json.loads(paths.gold_path.read_text(encoding="utf-8"))) if paths.gold_path else None
        result = publish_release(
            paths.prepare_output(), tables, sources(documents, mentions), corpus_report(documents),
            extra_files=companion_files(tables, quality),
        )
    write_processed(paths.output_path, documents.fingerprint, result.version)
    paths.publish_remote(result.version, result.carried)
    if result.created:
        context.log.info(f"published release {result.version} ({summary(result.changes)})")
    else:
        context.log.info(f"data unchanged: latest release {result.version} kept, no new version cut")
    files = release_files_frame(result.files)
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
            "bytes": dg.MetadataValue.int(sum(f["bytes"] for f in result.files.values())),
            **parts_metadata(result),
            **(quality_metadata(quality) if quality else {}),
        }
    )


def _unchanged_since_checked(latest, res: dict, previous_resources: dict[str, dict], previous) -> bool:
    """A part carried over from the previous release (same hash, same file on disk: a hard
    link) was validated against its model when that release was published; its bytes are
    verified against the hash on every run, but re-validating it would make every refresh
    cost as much as the whole corpus. Remote parts are always re-validated."""
    old = previous_resources.get(res["path"])
    if previous is None or old is None or old["hash"] != res["hash"] or not isinstance(latest, Path):
        return False
    try:
        return os.path.samefile(latest / res["path"], previous / res["path"])
    except OSError:
        return False


def _hash_problem(res: dict, size: int, digest: str) -> str | None:
    if size == res["bytes"] and "sha256:" + digest == res["hash"]:
        return None
    return (f"{res['path']}: holds sha256:{digest} ({size} bytes) but datapackage.json records {res['hash']} "
            f"({res['bytes']} bytes); edited in place or damaged (the next run rebuilds it)")


CHECKED = "release_checked.json"  # beside the releases: the last release that passed release_integrity


def _check_code() -> str:
    """What a row's verdict depends on: the models (schemas/ is in the publisher fingerprint) and pandera."""
    import pandera

    return f"{publisher_fingerprint()}\0{pandera.__version__}"


def _record_passed(output_dir: Path, version: str) -> None:
    tmp = output_dir / f".{CHECKED}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps({"version": version, "code": _check_code()}) + "\n", encoding="utf-8")
    os.replace(tmp, output_dir / CHECKED)


def _passed(output_dir: Path, version: str) -> bool:
    """`version` passed this check under the current models (a damaged record: it did not)."""
    try:
        value = json.loads((output_dir / CHECKED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(value, dict) and value.get("version") == version and value.get("code") == _check_code()


def _previous_table(previous: Path, old: dict):
    """The previous release's file as an Arrow table, when it holds the bytes its release
    records (else None: nothing of it is trusted)."""
    try:
        data = (previous / old["path"]).read_bytes()
        if len(data) != old["bytes"] or "sha256:" + hashlib.sha256(data).hexdigest() != old["hash"]:
            return None
        return pq.read_table(pa.BufferReader(data))
    except Exception:  # noqa: BLE001 - unreadable: validate the new file whole
        return None


def _validate_whole(path, table: str) -> int:
    """Validate a published Parquet file against its model, batch by batch; raises on failure."""
    model, n = TABLES[table], 0
    for batch in file_batches(path, model, VALIDATION_BATCH):
        model.validate(batch, lazy=True)
        n += len(batch)
    return n


def _rows_to_validate(path: Path, table: str, old: pa.Table) -> pa.Table:
    """The rows of a published Parquet file that differ from `old` (the previous release's file
    of the same path, which passed this check under the same models): every rule of the models
    is a rule on one row but uniqueness, which is checked here on the whole file (raises)."""
    model = TABLES[table]
    with path.open("rb") as f:
        new = pq.read_table(f)
    for column in unique_columns(model):
        values = new.column(column)
        if pc.count_distinct(values, mode="all").as_py() != new.num_rows:
            seen = pd.Series(values.to_pylist(), dtype=object)
            raise ValueError(f"column {column!r} is not unique: {seen[seen.duplicated()].unique().tolist()[:5]}")
    return new.filter(pa.array(changed_rows(new, old, row_key(model)))).replace_schema_metadata(None)


def _validate_rows(table: str, fresh: list[tuple[str, pa.Table]]) -> list[str]:
    """Validate the rows to check of a table's files (path, rows) in one pass (each pandera call
    has a fixed cost: a backfill rewrites ~100 parts); the files are named when it fails."""
    model = TABLES[table]
    fresh = [(path, rows) for path, rows in fresh if rows.num_rows]
    if not fresh:
        return []
    try:
        rows = pa.concat_tables([r for _, r in fresh])
        for i in range(0, rows.num_rows, VALIDATION_BATCH):
            model.validate(typed(rows.slice(i, VALIDATION_BATCH).to_pandas(ignore_metadata=True), model), lazy=True)
        return []
    except Exception:  # noqa: BLE001 - find the file(s) at fault, one by one
        pass
    problems = []
    for path, rows in fresh:
        try:
            model.validate(typed(rows.to_pandas(ignore_metadata=True), model), lazy=True)
        except Exception as exc:  # noqa: BLE001 - reported, not raised: this check runs after the write
            problems.append(f"{path}: {type(exc).__name__}: {str(exc)[:300]}")
    return problems


@dg.asset_check(asset=release, blocking=True, description=(
    "Every published file (hard-linked parts shared with earlier releases included) matches datapackage.json "
    "(bytes, sha256), and the files this release wrote re-validate against the pandera models (of a file merged "
    "from the previous release's, the rows that differ from it, and uniqueness whole). "
    "Fails the run when it fails; the next run rebuilds a damaged part instead of reusing it."))
def release_integrity(context: dg.AssetCheckExecutionContext, paths: DealsPaths) -> dg.AssetCheckResult:
    # Read where users read: the output folder or bucket itself, not the local work folder.
    try:
        latest = release_dir("latest", paths.output_dir)
    except FileNotFoundError:
        return dg.AssetCheckResult(passed=False, metadata={"problem": "no latest release"})
    pkg = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))
    previous_version = json.loads((latest / "changes.json").read_text(encoding="utf-8")).get("previous_version")
    previous = latest.parent / previous_version if previous_version and isinstance(latest, Path) else None
    previous_resources = release_resources(previous)
    if previous_resources is None:
        previous, previous_resources = None, {}
    # rows of the previous release are trusted only when it passed this check under these models
    trusted = previous is not None and _passed(paths.output_path, previous.name)
    # Every file is read and hashed: a part shared with earlier releases is one file on disk,
    # and an edit of it in any release is an edit of this one.
    problems, revalidate, skipped = [], [], 0
    for res in pkg["resources"]:
        size, digest = size_and_sha256(latest / res["path"])
        problem = _hash_problem(res, size, digest)
        if problem:
            problems.append(problem)
        elif _unchanged_since_checked(latest, res, previous_resources, previous):
            skipped += 1
            continue
        revalidate.append(res)
    # batch by batch: the documents table holds every article's text
    rows_validated, fresh = 0, {}
    for res in revalidate:
        if res["format"] != "parquet":
            continue
        table = res.get("table") or res["path"].split(".", 1)[0]
        old = previous_resources.get(res["path"]) if trusted else None
        old = _previous_table(previous, old) if old else None
        try:
            if old is None:
                rows_validated += _validate_whole(latest / res["path"], table)
            else:
                rows = _rows_to_validate(latest / res["path"], table, old)
                fresh.setdefault(table, []).append((res["path"], rows))
                rows_validated += rows.num_rows
        except Exception as exc:  # noqa: BLE001 - reported, not raised: this check runs after the write
            problems.append(f"{res['path']}: {type(exc).__name__}: {str(exc)[:300]}")
    for table, rows in fresh.items():
        problems.extend(_validate_rows(table, rows))
    for problem in problems:
        context.log.error(f"release {pkg['version']}: {problem}")
    if not problems and isinstance(latest, Path):
        _record_passed(paths.output_path, pkg["version"])
    return dg.AssetCheckResult(
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        description=(f"{len(problems)} problem(s) in release {pkg['version']}: " + "; ".join(problems[:3]))
        if problems else None,
        metadata={
            "version": pkg["version"],
            "files_checked": dg.MetadataValue.int(len(pkg["resources"])),
            "files_revalidated": dg.MetadataValue.int(len(revalidate)),
            # parts hard-linked from the previous release: hashed, not re-validated
            "files_carried_over": dg.MetadataValue.int(skipped),
            # rows sent through the models (rows equal to the previous release's are not)
            "rows_validated": dg.MetadataValue.int(rows_validated),
            "problems": dg.MetadataValue.md(markdown_list(problems)),
        },
    )
