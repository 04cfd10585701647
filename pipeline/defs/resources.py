"""Configuration, read from the environment: where the corpus is, where releases go, how many cores."""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

DEFAULT_CORPUS_DIR = "seeds"
DEFAULT_OUTPUT_DIR = "outputs"
CACHE_SUBDIR = "cache"


class DealsPaths(dg.ConfigurableResource):
    """Folders the pipeline reads and writes. Relative paths are relative to the working directory."""

    corpus_dir: str = DEFAULT_CORPUS_DIR
    output_dir: str = DEFAULT_OUTPUT_DIR
    workers: int = 0  # processes for reading and extraction; 0 = every core
    gold_file: str = ""  # optional gold annotations: the release then carries quality.json

    @property
    def gold_path(self) -> Path | None:
        return Path(self.gold_file) if self.gold_file else None

    @property
    def corpus_path(self) -> Path:
        return Path(self.corpus_dir)

    @property
    def output_path(self) -> Path:
        return Path(self.output_dir)

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
    )
