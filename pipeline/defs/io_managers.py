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

The store is internal: unlike Dagster's own, this IO manager does not put the pickle's
location on the materialisation as `path`. The UI then shows the path the assets give
themselves: where the release publishes the table (defs/metadata.py, published_metadata).
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


STORE_PATH_KEY = "path"  # the metadata key Dagster's filesystem IO manager writes the pickle's location to


class _WithoutStorePath:
    """An output context whose add_output_metadata drops the store's `path`; all else is the context's."""

    def __init__(self, context: dg.OutputContext):
        self._context = context

    def __getattr__(self, name):
        return getattr(self._context, name)

    def add_output_metadata(self, metadata) -> None:
        kept = {k: v for k, v in metadata.items() if k != STORE_PATH_KEY}
        if kept:
            self._context.add_output_metadata(kept)


# The values the steps of the current run produced in this process: (run id, asset key) -> value.
# With the in-process executor (the default) every step of a run runs here, and a step reads its
# inputs from here instead of unpickling what its upstream step pickled moments before (the 100k
# document index and the mentions value were read back twice a run, ~1 s each). Values are still
# pickled to the store, for later runs and for other executors (a process per step finds nothing
# here). Only one run's values are kept: a run's first output drops the values of other runs.
_RUN_VALUES: dict[tuple[str, tuple[str, ...]], object] = {}


def _produced_here(context: dg.InputContext):
    """(True, value) when the upstream output was produced by this run in this process."""
    upstream = context.upstream_output
    try:
        key = (upstream.run_id, tuple(upstream.asset_key.path)) if upstream is not None and upstream.has_asset_key else None
    except dg.DagsterInvariantViolationError:
        key = None
    if key is None or key not in _RUN_VALUES:
        return False, None
    return True, _RUN_VALUES[key]


class _InternalStore(dg.IOManager):
    """Dagster's filesystem IO manager `inner`, minus the `path` metadata (an IO manager's
    metadata wins over the asset's own, so it is dropped here rather than overridden there);
    values produced by the current run in this process are handed over without a round trip
    through the store."""

    def __init__(self, inner: dg.IOManager):
        self.inner = inner

    def handle_output(self, context: dg.OutputContext, obj) -> None:
        self.inner.handle_output(_WithoutStorePath(context), obj)
        if context.has_asset_key:
            for key in [k for k in _RUN_VALUES if k[0] != context.run_id]:
                del _RUN_VALUES[key]
            _RUN_VALUES[(context.run_id, tuple(context.asset_key.path))] = obj

    def load_input(self, context: dg.InputContext):
        found, value = _produced_here(context)
        return value if found else self.inner.load_input(context)


class ScopedFilesystemIOManager(dg.ConfigurableIOManagerFactory):
    """Dagster's filesystem IO manager, one folder per corpus-and-output pair; its files are internal."""

    paths: DealsPaths
    base_dir: str = ""  # default: the instance's storage folder ($DAGSTER_HOME/storage)

    def create_io_manager(self, context: dg.InitResourceContext):
        root = self.base_dir or context.instance.storage_directory()
        store = dg.FilesystemIOManager(base_dir=os.path.join(root, "by-scope", scope_of(self.paths)))
        return _InternalStore(store.create_io_manager(context))


def resources_for(paths: DealsPaths) -> dict:
    """Every resource of the definitions, bound to one pair of folders (here, not in
    resources.py: the store is configured by the paths, so this module imports that one)."""
    return {"paths": paths, "io_manager": ScopedFilesystemIOManager(paths=paths)}
