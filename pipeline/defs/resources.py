"""Configuration, read from the environment: where the corpus is and where releases go."""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

DEFAULT_CORPUS_DIR = "seeds"
DEFAULT_OUTPUT_DIR = "outputs"


class DealsPaths(dg.ConfigurableResource):
    """Folders the pipeline reads and writes. Relative paths are relative to the working directory."""

    corpus_dir: str = DEFAULT_CORPUS_DIR
    output_dir: str = DEFAULT_OUTPUT_DIR

    @property
    def corpus_path(self) -> Path:
        return Path(self.corpus_dir)

    @property
    def output_path(self) -> Path:
        return Path(self.output_dir)


def _from_env(name: str, default: str):
    # dg.EnvVar has no default: bind it only when the variable is set, so the UI shows
    # where the value comes from and an unset variable falls back to the documented default.
    return dg.EnvVar(name) if os.environ.get(name) else default


def paths_from_env() -> DealsPaths:
    return DealsPaths(
        corpus_dir=_from_env("DEALS_CORPUS_DIR", DEFAULT_CORPUS_DIR),
        output_dir=_from_env("DEALS_OUTPUT_DIR", DEFAULT_OUTPUT_DIR),
    )
