"""The single entry point: `dagster dev -m pipeline.definitions`."""
from __future__ import annotations

import dagster as dg

from pipeline.defs.automation.sensors import daily_refresh, new_articles_sensor, refresh_after_fanout, refresh_job
from pipeline.defs.corpus.assets import documents
from pipeline.defs.executors import executor_from_env
from pipeline.defs.extraction.assets import mentions, records
from pipeline.defs.extraction.fanout import extract_fanout
from pipeline.defs.logs import TERMINAL_LOGGER, terminal_logger
from pipeline.defs.metadata import md_description
from pipeline.defs.release.assets import release, release_integrity
from pipeline.defs.io_managers import resources_for
from pipeline.defs.resources import paths_from_env

# Asset descriptions reach the UI as markdown: <, > and & escaped here, once for every asset
# (column descriptions go through the same md_description in defs/metadata.py).
ASSETS = dg.map_asset_specs(
    lambda spec: spec.replace_attributes(description=md_description(spec.description)),
    [documents, mentions, records, release],
)

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=[release_integrity],
    jobs=[refresh_job, extract_fanout],
    schedules=[daily_refresh],
    sensors=[new_articles_sensor, refresh_after_fanout],
    # asset values go through a store of their own per corpus and output (defs/io_managers.py)
    resources=resources_for(paths_from_env()),
    # In-process by default (seconds on the seeds); DEALS_EXECUTOR picks multiprocess or k8s.
    executor=executor_from_env(),
    # A run gets the loggers its run config names, else Dagster's console logger at DEBUG (runs
    # from the UI, the sensor, the schedule). `make run` names `terminal` (pipeline/run.py).
    loggers={"console": dg.colored_console_logger, TERMINAL_LOGGER: terminal_logger},
)
