"""Configuration, read from the environment: where the corpus is, where releases go, how many cores."""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline.storage import is_remote, mirror_corpus, pull_latest, push_release, read_pointer, work_dir_for

DEFAULT_CORPUS_DIR = "seeds"
DEFAULT_OUTPUT_DIR = "outputs"
DEFAULT_CURATION_DIR = "curation"
DEFAULT_EVALUATION_DIR = "evaluation"
CACHE_SUBDIR = "cache"


class DealsPaths(dg.ConfigurableResource):
    """Folders the pipeline reads and writes: local paths (relative to the working directory)
    or fsspec URLs such as s3://bucket/prefix (then processed through a local work folder)."""

    corpus_dir: str = DEFAULT_CORPUS_DIR
    output_dir: str = DEFAULT_OUTPUT_DIR
    workers: int = 0  # processes for reading and extraction; 0 = every core
    gold_file: str = ""  # optional gold annotations: the release then carries quality.json
    work_dir: str = ""  # local work folder for a remote corpus or output; "" = ~/.cache/defence-deals
    curation_dir: str = DEFAULT_CURATION_DIR  # corrections kept as data (README, "How to correct a record")
    evaluation_dir: str = DEFAULT_EVALUATION_DIR  # the project's annotated evaluation set (README, "Quality")

    @property
    def evaluation_path(self) -> Path | None:
        path = Path(self.evaluation_dir)
        return path if path.is_dir() else None

    @property
    def curation_path(self) -> Path | None:
        """The local folder of correction files; None when it does not exist (no corrections)."""
        path = Path(self.curation_dir)
        return path if path.is_dir() else None

    @property
    def gold_path(self) -> Path | None:
        return Path(self.gold_file) if self.gold_file else None

    @property
    def corpus_path(self) -> Path:
        """The local folder holding the articles (a mirror when the corpus is remote)."""
        return work_dir_for(self.corpus_dir, self.work_dir) / "corpus" if is_remote(self.corpus_dir) else Path(self.corpus_dir)

    @property
    def output_path(self) -> Path:
        """The local output folder (a work folder when the output is remote)."""
        return work_dir_for(self.output_dir, self.work_dir) / "output" if is_remote(self.output_dir) else Path(self.output_dir)

    def prepare_corpus(self) -> Path:
        """The corpus as local files: a remote corpus is mirrored (new or changed objects only)."""
        if is_remote(self.corpus_dir):
            return mirror_corpus(self.corpus_dir, self.corpus_path)
        return self.corpus_path

    def prepare_output(self) -> Path:
        """The local output folder, holding what is already published remotely (to diff against)."""
        self.output_path.mkdir(parents=True, exist_ok=True)
        if is_remote(self.output_dir):
            pull_latest(self.output_dir, self.output_path)
        return self.output_path

    def publish_remote(self, version: str, carried: dict[str, str] | None = None) -> None:
        """Upload the local release `version` when the output is remote and does not have it yet."""
        if is_remote(self.output_dir) and read_pointer(self.output_dir) != version:
            push_release(self.output_path / "releases" / version, self.output_dir, version,
                         extra={"processed_corpus.json": self.output_path / "processed_corpus.json"}, carried=carried)

    @property
    def cache_path(self) -> Path:
        """Cached read and extraction results, keyed by content and code: safe to delete."""
        return self.output_path / CACHE_SUBDIR


def _from_env(name: str, default):
    # dg.EnvVar has no default: bind it only when the variable is set, so the UI shows
    # where the value comes from and an unset variable falls back to the documented default.
    return dg.EnvVar(name) if os.environ.get(name) else default


def paths_from_env() -> DealsPaths:
    return DealsPaths(
        corpus_dir=_from_env("DEALS_CORPUS_DIR", DEFAULT_CORPUS_DIR),
        output_dir=_from_env("DEALS_OUTPUT_DIR", DEFAULT_OUTPUT_DIR),
        workers=dg.EnvVar.int("DEALS_WORKERS") if os.environ.get("DEALS_WORKERS") else 0,
        gold_file=_from_env("DEALS_GOLD_FILE", ""),
        work_dir=_from_env("DEALS_WORK_DIR", ""),
        curation_dir=_from_env("DEALS_CURATION_DIR", DEFAULT_CURATION_DIR),
        evaluation_dir=_from_env("DEALS_EVALUATION_DIR", DEFAULT_EVALUATION_DIR),
    )
