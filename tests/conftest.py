"""Shared fixtures: run the whole asset graph in-process on a corpus folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import os

import dagster as dg
import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI cannot turn red by chance;
# HYPOTHESIS_PROFILE=explore draws new ones (how the cp1252/U+0085 case was found).
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def build_defs(corpus_dir, output_dir, gold_file: str = "", work_dir: str = "", curation_dir: str = "curation") -> dg.Definitions:
    """The project's definitions bound to these folders (local paths or URLs), run in-process."""
    # Imported here so that unit tests of single modules do not load the whole graph.
    from pipeline import definitions
    from pipeline.defs.io_managers import resources_for
    from pipeline.defs.resources import DealsPaths

    d = definitions.defs
    return dg.Definitions(
        assets=list(d.assets),
        asset_checks=list(d.asset_checks),
        jobs=list(d.jobs),
        sensors=list(d.sensors),
        schedules=list(d.schedules),
        resources=resources_for(DealsPaths(corpus_dir=str(corpus_dir), output_dir=str(output_dir), gold_file=gold_file,
                                                work_dir=str(work_dir), curation_dir=str(curation_dir))),
        executor=dg.in_process_executor,
    )


def run_refresh(corpus_dir: Path, output_dir: Path, instance: dg.DagsterInstance, gold_file: str = "",
                curation_dir: str | Path = "curation") -> dg.ExecuteInProcessResult:
    job = build_defs(corpus_dir, output_dir, gold_file, curation_dir=str(curation_dir)).resolve_job_def("refresh")
    return job.execute_in_process(instance=instance, raise_on_error=False)


@pytest.fixture(name="run_refresh")
def run_refresh_fixture():
    return run_refresh


@pytest.fixture()
def instance():
    with dg.instance_for_test() as inst:
        yield inst


@pytest.fixture()
def seed_corpus(tmp_path) -> Path:
    """A private copy of the seeds, so a test may add or change articles."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus
