"""What the UI shows on the asset pages: the published file as `path` (not Dagster's internal
store), rows per table on the release (not its number of files), and parts metadata that agrees
with `new_version`."""
from __future__ import annotations

import json
import os

import dagster as dg

from pipeline import datasets
from pipeline.publish import assemble as release_assets

TABLES = ("agreements", "procurements", "documents", "mentions")


def _metadata(result) -> dict[str, dict]:
    return {e.asset_key.to_user_string(): {k: v.value for k, v in e.materialization.metadata.items()}
            for e in result.get_asset_materialization_events()}


def test_table_pages_show_the_published_file(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    result = run_refresh(seed_corpus, out, instance)
    assert result.success
    md = _metadata(result)
    for table in ("agreements", "procurements"):
        assert md[table]["path"] == f"{out}/latest/{table}.csv"
        assert (out / "latest" / f"{table}.csv").is_file()
    for table in ("documents", "mentions"):  # monthly parts: a folder of one file per month
        assert md[table]["path"] == f"{out}/latest/{table}.csv/"
        assert (out / "latest" / f"{table}.csv").is_dir()
    # nothing shown points into the IO manager's store under DAGSTER_HOME
    store = instance.storage_directory()
    for key, values in md.items():
        assert not any(isinstance(v, str) and (store in v or "by-scope" in v) for v in values.values()), key


def test_release_page_counts_rows_per_table_not_files(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    result = run_refresh(seed_corpus, out, instance)
    assert result.success
    md = _metadata(result)["release"]
    assert "dagster/row_count" not in md and "dagster/column_schema" not in md  # the release is not one table
    pkg = json.loads((out / "latest" / "datapackage.json").read_text())
    assert md["n_files"] == len(pkg["resources"]) > 20
    for table in (*TABLES, "rejected"):
        assert md[f"rows/{table}"] == len(datasets.load(table, output_dir=out)), table
    assert md["path"] == f"{out}/releases/{(out / 'latest').resolve().name}"
    assert md["latest"] == f"{out}/latest/"


def test_no_new_version_means_no_part_rewritten(seed_corpus, tmp_path, instance, run_refresh, monkeypatch):
    """The code that builds the documents parts changes, their bytes do not: they are built again,
    found identical, and discarded; the metadata must not claim that parts were rewritten."""
    out = tmp_path / "out"
    first = run_refresh(seed_corpus, out, instance)
    assert first.success
    published = {p: os.stat(p).st_ino for p in (out / "latest").resolve().rglob("*") if p.is_file()}

    real = release_assets.publisher_fingerprint
    monkeypatch.setattr(release_assets, "publisher_fingerprint", lambda: real() + "-changed")
    second = run_refresh(seed_corpus, out, instance)
    assert second.success
    md = _metadata(second)["release"]
    n_document_parts = sum(1 for p in published if p.parent.name.startswith("documents."))
    assert n_document_parts == 9  # three months, three formats
    assert md["new_version"] is False
    assert (md["parts_rewritten"], md["parts_reused"]) == (0, 0)
    assert md["parts_rebuilt_identical"] == n_document_parts
    assert (md["damaged_parts_found"], md["damaged_parts_repaired"]) == (0, 0)
    assert {p: os.stat(p).st_ino for p in published} == published  # nothing published was rewritten

    # a new version: what it wrote and what it linked add up to its part files
    (seed_corpus / "extra.txt").write_text(
        "Estonia orders more K9 howitzers\n\nTALLINN, Feb. 12, 2031 - Estonia has signed a contract with Hanwha "
        "Aerospace for 12 more K9 self-propelled howitzers, the defence ministry said on Thursday.\n", encoding="utf-8")
    third = run_refresh(seed_corpus, out, instance)
    md = _metadata(third)["release"]
    assert md["new_version"] is True and md["parts_rebuilt_identical"] == 0
    pkg = json.loads((out / "latest" / "datapackage.json").read_text())
    n_parts = sum(1 for r in pkg["resources"] if "/" in r["path"])
    assert md["parts_rewritten"] == 6 and md["parts_rewritten"] + md["parts_reused"] == n_parts


def test_io_manager_store_keeps_values_without_showing_its_path(tmp_path):
    from pipeline.defs.io_managers import ScopedFilesystemIOManager
    from pipeline.defs.resources import DealsPaths

    @dg.asset
    def value() -> dict:
        return {"a": 1}

    @dg.asset
    def twice(value: dict) -> int:
        return value["a"] * 2

    paths = DealsPaths(corpus_dir=str(tmp_path / "c"), output_dir=str(tmp_path / "o"))
    with dg.instance_for_test() as instance:
        result = dg.materialize([value, twice], instance=instance, resources={
            "io_manager": ScopedFilesystemIOManager(paths=paths, base_dir=str(tmp_path / "store"))})
        assert result.success and result.output_for_node("twice") == 2
        for event in result.get_asset_materialization_events():
            assert "path" not in event.materialization.metadata
    assert len(list((tmp_path / "store" / "by-scope").rglob("value"))) == 1  # the value is stored all the same


def test_a_value_produced_by_the_run_reaches_its_downstream_step_without_the_store(tmp_path):
    """In one process (the in-process executor) a step gets the value its upstream step produced
    in the same run; a run that does not produce it reads it from the store."""
    import pickle

    from pipeline.defs import io_managers
    from pipeline.defs.io_managers import ScopedFilesystemIOManager
    from pipeline.defs.resources import DealsPaths

    produced, received = [], []

    @dg.asset
    def value() -> dict:
        produced.append({"a": 1})
        return produced[-1]

    @dg.asset
    def consumer(value: dict) -> int:
        received.append(value)
        return value["a"]

    paths = DealsPaths(corpus_dir=str(tmp_path / "c"), output_dir=str(tmp_path / "o"))
    resources = {"io_manager": ScopedFilesystemIOManager(paths=paths, base_dir=str(tmp_path / "store"))}
    with dg.instance_for_test() as instance:
        assert dg.materialize([value, consumer], instance=instance, resources=resources).success
        assert received[-1] is produced[-1]  # handed over, not unpickled
        [stored] = list((tmp_path / "store" / "by-scope").rglob("value"))
        assert pickle.loads(stored.read_bytes()) == {"a": 1}  # and stored all the same
        stored.write_bytes(pickle.dumps({"a": 5}))  # what a later run finds in the store
        result = dg.materialize([value, consumer], instance=instance, resources=resources, selection=[consumer])
        assert result.success and received[-1] == {"a": 5} and received[-1] is not produced[-1]
    assert all(key[0] == result.run_id for key in io_managers._RUN_VALUES)


def test_published_location_local_and_remote():
    from pipeline.defs.metadata import published_location

    assert published_location("outputs", "agreements.csv") == "outputs/latest/agreements.csv"
    assert published_location("outputs/", "") == "outputs/latest/"
    # an object store has no symlink: the LATEST object names the version
    assert published_location("s3://bucket/deals", "documents.csv/") == \
        "s3://bucket/deals/releases/<version in s3://bucket/deals/LATEST>/documents.csv/"
