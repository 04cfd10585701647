"""Validate a frame against its pandera model and report it as an asset check result."""
from __future__ import annotations

import dagster as dg
import pandas as pd
import pandera.pandas as pa

from pipeline.defs.metadata import markdown_preview

SCHEMA_CHECK = "schema"
MAX_FAILURE_ROWS = 20


def schema_check_spec(asset_key: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        SCHEMA_CHECK,
        asset=asset_key,
        blocking=True,
        description="Rows satisfy the pandera model in schemas/ (types, vocabularies, ISO codes, cross-field rules). Blocks the release when it fails.",
    )


def _failure_cases(df: pd.DataFrame, model) -> pd.DataFrame | None:
    try:
        model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        return cases.assign(failure_case=cases["failure_case"].astype(str))
    return None


def _result(asset_key: str, check_name: str, n_rows: int, failures: list[pd.DataFrame]) -> dg.AssetCheckResult:
    if not failures:
        return dg.AssetCheckResult(
            check_name=check_name, asset_key=asset_key, passed=True, metadata={"n_rows": dg.MetadataValue.int(n_rows)}
        )
    cases = pd.concat(failures, ignore_index=True)
    return dg.AssetCheckResult(
        check_name=check_name,
        asset_key=asset_key,
        passed=False,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "n_failures": dg.MetadataValue.int(len(cases)),
            "failure_cases": dg.MetadataValue.md(
                markdown_preview(cases, ["column", "check", "failure_case", "index"], rows=MAX_FAILURE_ROWS)
            ),
        },
    )


def validate_frame(df: pd.DataFrame, model, asset_key: str, check_name: str = SCHEMA_CHECK) -> dg.AssetCheckResult:
    """Lazy validation: every failure case is collected and shown in the check's metadata."""
    cases = _failure_cases(df, model)
    return _result(asset_key, check_name, len(df), [] if cases is None else [cases])


def validate_in_batches(frames, model, asset_key: str, extra=(), extra_model=None, check_name: str = SCHEMA_CHECK) -> dg.AssetCheckResult:
    """Validate `frames` against `model` and the batches `extra` against `extra_model`, as one check."""
    failures, n_rows = [], 0
    for df, m in [(f, model) for f in frames] + [(f, extra_model) for f in extra]:
        n_rows += len(df) if m is model else 0
        cases = _failure_cases(df, m)
        if cases is not None:
            failures.append(cases)
    return _result(asset_key, check_name, n_rows, failures)
