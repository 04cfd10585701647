"""Where asset values travel between steps: a store per (corpus, output) pair.

Dagster's filesystem IO manager keeps one file per asset under the instance's storage
folder, shared by every run of a checkout (`.dagster/storage/<asset>`). Two runs over
different corpora or outputs would then read each other's values: a run started on the
dev corpus could publish another run's documents. Scoping the store by the configured
corpus and output folders makes a run see only values computed for its own inputs,
while a later partial run (materialising `release` alone from the UI) still finds the
values its own full run left behind. Two runs on the same output still queue on the
publisher's lock (pipeline/publish/locking.py).

The values are pickles, so the store stays under DAGSTER_HOME (the instance's own
folder), never in the output folder that a shared deployment mounts for every pod.
"""
from __future__ import annotations

import hashlib
import os

import dagster as dg

from pipeline.defs.resources import DealsPaths
from pipeline.storage import is_remote


def scope_of(paths: DealsPaths) -> str:
    """The store's folder name: a digest of the absolute corpus and output locations."""
    def where(location: str) -> str:
        return location if is_remote(location) else os.path.abspath(location)
    return hashlib.sha256(f"{where(paths.corpus_dir)}\0{where(paths.output_dir)}".encode()).hexdigest()[:16]


class ScopedFilesystemIOManager(dg.ConfigurableIOManagerFactory):
    """Dagster's filesystem IO manager, one folder per corpus-and-output pair."""

    paths: DealsPaths
    base_dir: str = ""  # default: the instance's storage folder ($DAGSTER_HOME/storage)

    def create_io_manager(self, context: dg.InitResourceContext):
        root = self.base_dir or context.instance.storage_directory()
        return dg.FilesystemIOManager(base_dir=os.path.join(root, "by-scope", scope_of(self.paths))).create_io_manager(context)
