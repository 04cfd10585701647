"""Files published beside the data: data card, chart, Croissant metadata, quality figures.

They need the release's version and change log, so publish_release calls the builder
returned here once those are known, before the release folder is renamed into place.
"""
from __future__ import annotations

import json

import pyarrow as pa

from pipeline.publish import chart, croissant, datacard


def companion_files(tables: dict, quality: dict | None):
    def build(version: str, previous_version: str | None, change_log: dict, files: dict, semver: str | None = None) -> dict[str, bytes]:
        out = {
            "README.md": datacard.render(tables, change_log, version, previous_version, quality=quality, files=files),
            "chart.png": chart.render(tables, version=version),
            "croissant.json": croissant.render(tables, version, files, semver=semver),
        }
        corrections = tables.get("corrections")
        if corrections is not None:  # the corrections that did not apply, for curators (README, "How to correct a record")
            stale = corrections[corrections["outcome"] != "applied"]
            rows = pa.Table.from_pandas(stale, preserve_index=False).to_pylist()
            out["stale_corrections.json"] = (json.dumps(rows, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        if quality:
            out["quality.json"] = (json.dumps(quality, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        return out

    return build
