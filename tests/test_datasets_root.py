"""pipeline.datasets finds the releases wherever Python starts (a notebook kernel starts in
notebooks/), and says where it looked when there are none."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline import datasets

REPO = Path(__file__).resolve().parents[1]
BUNDLED = (REPO / "outputs" / "latest").resolve()


def _n_agreements(release: Path) -> int:
    return len(json.loads((release / "agreements.json").read_text(encoding="utf-8")))


def _small_output(folder: Path, version: str = "v-test") -> Path:
    """An output folder holding one release: a copy of the bundled agreements, `latest` pointing at it."""
    release = folder / "releases" / version
    release.mkdir(parents=True)
    for name in ("agreements.parquet", "agreements.json"):
        shutil.copy(BUNDLED / name, release / name)
    (folder / "latest").symlink_to(Path("releases") / version)
    return folder


@pytest.fixture()
def elsewhere(tmp_path, monkeypatch):
    """A working folder outside the project with no outputs/ of its own, DEALS_OUTPUT_DIR unset."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("DEALS_OUTPUT_DIR", raising=False)
    return cwd


def test_the_projects_outputs_are_found_from_any_working_folder(elsewhere, monkeypatch):
    assert datasets.release_dir() == BUNDLED
    assert len(datasets.load("agreements")) == _n_agreements(BUNDLED)
    assert BUNDLED.name in datasets.versions()
    monkeypatch.chdir(REPO / "notebooks")  # where Jupyter starts the kernel
    assert datasets.release_dir() == BUNDLED


def test_a_relative_deals_output_dir_is_taken_against_the_project_root(elsewhere, monkeypatch, tmp_path):
    # the Makefile exports DEALS_OUTPUT_DIR=outputs: from notebooks/ that is still the project's
    monkeypatch.setenv("DEALS_OUTPUT_DIR", "outputs")
    assert datasets.release_dir() == BUNDLED
    other = _small_output(tmp_path / "other")
    monkeypatch.setenv("DEALS_OUTPUT_DIR", os.path.relpath(other, REPO))
    assert datasets.release_dir() == (other / "releases" / "v-test").resolve()
    assert datasets.versions() == ["v-test"]


def test_an_absolute_deals_output_dir_and_an_explicit_output_dir_win(elsewhere, monkeypatch, tmp_path):
    a = _small_output(tmp_path / "a", "v-a")
    b = _small_output(elsewhere / "b", "v-b")
    monkeypatch.setenv("DEALS_OUTPUT_DIR", str(a))
    assert datasets.release_dir().name == "v-a"
    assert len(datasets.load("agreements")) == _n_agreements(BUNDLED)
    # an explicit folder wins over the variable; a relative one is relative to the working folder
    assert datasets.release_dir(output_dir="b").name == "v-b"
    assert datasets.release_dir(output_dir=b).name == "v-b"


def test_outside_a_checkout_the_working_folders_outputs_are_used(elsewhere, monkeypatch):
    # installed from a wheel: no outputs/ beside the package, so ./outputs as before
    monkeypatch.setattr(datasets, "PROJECT_ROOT", elsewhere / "site-packages")
    _small_output(elsewhere / "outputs", "v-here")
    assert datasets.release_dir().name == "v-here"


def test_no_release_names_every_place_looked(elsewhere, monkeypatch, tmp_path):
    monkeypatch.setattr(datasets, "PROJECT_ROOT", tmp_path / "checkout")
    with pytest.raises(FileNotFoundError) as e:
        datasets.release_dir()
    message = str(e.value)
    assert str(tmp_path / "checkout" / "outputs") in message and str(elsewhere / "outputs") in message
    assert "make run" in message and "DEALS_OUTPUT_DIR" in message

    monkeypatch.setenv("DEALS_OUTPUT_DIR", "nowhere")
    with pytest.raises(FileNotFoundError, match="DEALS_OUTPUT_DIR=nowhere, relative to the project root"):
        datasets.load("agreements")
    with pytest.raises(FileNotFoundError, match=r"no release '1999-01-01\.x'.*nowhere"):
        datasets.release_dir("1999-01-01.x")
