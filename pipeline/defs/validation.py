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


def validate_frame(df: pd.DataFrame, model, asset_key: str) -> dg.AssetCheckResult:
    """Lazy validation: every failure case is collected and shown in the check's metadata."""
    try:
        model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases.assign(failure_case=cases["failure_case"].astype(str))
        return dg.AssetCheckResult(
            check_name=SCHEMA_CHECK,
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
    return dg.AssetCheckResult(
        check_name=SCHEMA_CHECK, asset_key=asset_key, passed=True, metadata={"n_rows": dg.MetadataValue.int(len(df))}
    )
