"""The single entry point: `dagster dev -m pipeline.definitions`."""
from __future__ import annotations

import dagster as dg

from pipeline.defs.automation.sensors import daily_refresh, new_articles_sensor, refresh_job
from pipeline.defs.corpus.assets import documents
from pipeline.defs.extraction.assets import mentions, records
from pipeline.defs.release.assets import release, release_integrity
from pipeline.defs.resources import paths_from_env

defs = dg.Definitions(
    assets=[documents, mentions, records, release],
    asset_checks=[release_integrity],
    jobs=[refresh_job],
    schedules=[daily_refresh],
    sensors=[new_articles_sensor],
    resources={"paths": paths_from_env()},
    # One process: a run over the seeds takes seconds, and a process per step would
    # triple that. Scale-out executors are configured per deployment (see README).
    executor=dg.in_process_executor,
)
