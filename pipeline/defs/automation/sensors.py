"""Refresh when articles arrive: a sensor on the corpus folder and a daily schedule (both off by default)."""

import hashlib
import json

import dagster as dg

from pipeline.defs.extraction.fanout import extract_fanout
from pipeline.defs.resources import DealsPaths
from pipeline.corpus.index import corpus_state
from pipeline.curate.corrections import curation_fingerprint
from pipeline.publish.state import read_processed, read_processed_curation

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    description="Read the corpus, extract, consolidate and publish a release.",
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuild the release every day at 06:00 UTC (no new version is cut when nothing changed).",
)


def _digest(fingerprint: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()[:16]


@dg.sensor(
    job=refresh_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description=("Requests a refresh when an article in DEALS_CORPUS_DIR, or a correction file in DEALS_CURATION_DIR, "
                 "is added, changed or removed since the last processed run."),
)
def new_articles_sensor(context: dg.SensorEvaluationContext, paths: DealsPaths):
    current = corpus_state(paths.prepare_corpus(), paths.cache_path)
    processed = read_processed(paths.output_path)
    curation = curation_fingerprint(paths.curation_path)
    curation_changed = curation != read_processed_curation(paths.output_path)
    if processed == current and not curation_changed:
        return dg.SkipReason("the corpus and the corrections match what the last run processed")
    added = sorted(set(current) - set(processed or {}))
    changed = sorted(k for k in set(current) & set(processed or {}) if current[k] != processed[k])
    removed = sorted(set(processed or {}) - set(current))
    state = _digest({**current, "\0curation": curation})
    # The cursor only stops a second request for the same corpus state while the first
    # run is still on its way; what counts as new is decided against the processed record.
    if context.cursor == state:
        return dg.SkipReason("a refresh for this corpus state was already requested")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                tags={
                    "deals/added": str(len(added)),
                    "deals/changed": str(len(changed)),
                    "deals/removed": str(len(removed)),
                    "deals/corrections_changed": str(curation_changed).lower(),
                }
            )
        ],
        cursor=state,
    )


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[extract_fanout],
    request_job=refresh_job,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="After a fanned-out extraction succeeds, refresh: the mentions are then all in the cache.",
)
def refresh_after_fanout(context: dg.RunStatusSensorContext):
    return dg.RunRequest(run_key=context.dagster_run.run_id, tags={"deals/after": context.dagster_run.run_id})
