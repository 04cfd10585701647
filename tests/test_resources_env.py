"""Configuration comes from the environment only through the Dagster resource (DealsPaths)."""
import dagster as dg

from pipeline.defs.resources import paths_from_env


def _resolved(monkeypatch, **env):
    for name in ("DEALS_CORPUS_DIR", "DEALS_OUTPUT_DIR", "DEALS_WORKERS", "DEALS_GOLD_FILE", "DEALS_WORK_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with dg.build_resources({"paths": paths_from_env()}) as resources:
        return resources.paths


def test_the_work_folder_of_a_remote_output_comes_from_the_resource(monkeypatch, tmp_path):
    paths = _resolved(monkeypatch, DEALS_OUTPUT_DIR="s3://bucket/deals", DEALS_WORK_DIR=str(tmp_path / "w"))
    assert paths.work_dir == str(tmp_path / "w")
    # the local mirror of the bucket is under that folder, one subfolder per location
    assert paths.output_path.parent.parent == tmp_path / "w" and paths.output_path.name == "output"


def test_unset_variables_fall_back_to_the_documented_defaults(monkeypatch):
    paths = _resolved(monkeypatch)
    assert (paths.corpus_dir, paths.output_dir, paths.workers, paths.gold_file, paths.work_dir) == ("seeds", "outputs", 0, "", "")
    assert str(paths.output_path) == "outputs"  # a local output needs no work folder


def test_a_local_output_ignores_the_work_folder(monkeypatch, tmp_path):
    paths = _resolved(monkeypatch, DEALS_OUTPUT_DIR=str(tmp_path / "out"), DEALS_WORK_DIR=str(tmp_path / "w"), DEALS_WORKERS="3")
    assert paths.output_path == tmp_path / "out" and paths.workers == 3
