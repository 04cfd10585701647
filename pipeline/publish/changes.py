"""What changed between two releases: record ids added, removed and changed."""
from __future__ import annotations

import json

ID_COLUMNS = {"agreements": "agreement_id", "procurements": "procurement_id"}


def _by_id(rows: list[dict], id_col: str) -> dict[str, str]:
    return {r[id_col]: json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows}


def diff_tables(previous: dict[str, list[dict]] | None, current: dict[str, list[dict]]) -> dict:
    out = {}
    for table, id_col in ID_COLUMNS.items():
        new = _by_id(current.get(table, []), id_col)
        old = _by_id((previous or {}).get(table, []), id_col)
        out[table] = {
            "added": sorted(new.keys() - old.keys()),
            "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(k for k in new.keys() & old.keys() if new[k] != old[k]),
        }
    return out


def summary(changes: dict) -> str:
    parts = []
    for table, c in changes.items():
        parts.append(f"{table}: +{len(c['added'])} -{len(c['removed'])} ~{len(c['changed'])}")
    return "; ".join(parts)
