"""`make run`: one run of the `refresh` job (every asset and check), for a person at a terminal.

While it runs, the terminal shows the `terminal` logger's short lines (pipeline/defs/logs.py):
progress with rate and ETA, warnings (a rejected file...) and errors. At the end it prints a
summary: the release cut (or that the data were unchanged), rows per table, the changes since
the previous release and where the files are. The run's event log in the instance (DAGSTER_HOME)
still holds every event, debug ones included: `make ui` shows it under Runs.

    DEALS_LOG_LEVEL=DEBUG make run    # the terminal shows Dagster's debug events too

Why not `dagster asset materialize --select '*'`: Dagster 1.13 marks it superseded by `dg launch`
(SupersessionWarning), and parsing '*' raises a BetaWarning. `dg launch --assets` comes with the
dagster-dg-cli package (about twenty more packages: Dagster+ and GitHub clients) and in 1.13 runs
the very same code in process. This module does what both do, `dg.execute_job` on a
reconstructable job, with public APIs only; the multiprocess and k8s executors work as before.
"""
from __future__ import annotations

import os
import sys
import time

import dagster as dg

LOG_LEVEL_ENV = "DEALS_LOG_LEVEL"
JOB = "refresh"
TABLES = ("agreements", "procurements", "documents", "mentions")


def refresh_job() -> dg.JobDefinition:
    """The job `make run` runs, rebuilt from the definitions wherever a step runs."""
    from pipeline.definitions import defs

    return defs.resolve_job_def(JOB)


def run_config(log_level: str) -> dict:
    # Naming a logger replaces Dagster's default console logger (DEBUG) for this run only.
    from pipeline.defs.logs import TERMINAL_LOGGER

    return {"loggers": {TERMINAL_LOGGER: {"config": {"log_level": log_level}}}}


def release_metadata(instance: dg.DagsterInstance, run_id: str) -> dict | None:
    """The metadata of the run's `release` materialisation (values), or None when it has none."""
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = record.dagster_event.event_specific_data.materialization
        if materialization.asset_key == dg.AssetKey("release"):
            return {k: v.value for k, v in materialization.metadata.items()}
    return None


def summary_lines(release: dict | None, succeeded: bool, run_id: str, seconds: float) -> list[str]:
    """What the terminal says at the end of a run."""
    lines = []
    if release is None:
        lines.append("Nothing was published: the run failed before the release (see the errors above).")
    else:
        version = release["version"]
        if release["new_version"]:
            previous = release["previous_version"]
            lines.append(f"Release {version} published" + (f" (previous: {previous})" if previous else " (the first release)") + ".")
        else:
            lines.append(f"Unchanged: the data equal release {version}, which stays the latest; no new version was cut.")
        counts = [f"{t} {release.get(f'rows/{t}', 0)}" for t in TABLES]
        lines.append("  " + ", ".join(counts) + f", rejected files {release.get('rows/rejected', 0)}")
        if release["new_version"]:
            changes = release["changes"] if release["previous_version"] else "no previous release, every row is new"
            lines.append(f"  changes since the previous release: {changes}")
        else:
            lines.append("  changes since the previous release: none")
        lines.append(f"  files: {release['path']}/ (latest: {release['latest']})")
        if not succeeded:
            lines.append("  but a check failed after the release was written (see the errors above): run again to repair.")
    status = "succeeded" if succeeded else "FAILED"
    lines.append(f"Run {run_id} {status} in {seconds:.0f} s; its full log: `make ui`, then Runs.")
    return lines


def main() -> int:
    from pipeline import run as this  # not __main__: the job must be importable by name in every step process

    level = os.environ.get(LOG_LEVEL_ENV, "INFO").upper()
    started = time.monotonic()
    with dg.DagsterInstance.get() as instance:
        result = dg.execute_job(dg.reconstructable(this.refresh_job), instance=instance, run_config=run_config(level))
        lines = summary_lines(release_metadata(instance, result.run_id), result.success, result.run_id,
                              time.monotonic() - started)
    sys.stderr.flush()
    print("\n".join(lines), flush=True)
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
