"""A content-addressed pickle store under the output dir.

Entries are written to a temporary name and renamed, so a run killed mid-write leaves no
torn entry; an unreadable entry counts as missing and is recomputed ("never mask problems"
applies to data, and a cache is not data: it can always be rebuilt).
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path

PROTOCOL = 5


class DiskCache:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, namespace: str, key: str) -> Path:
        return self.root / namespace / key[:2] / f"{key}.pkl"

    def get(self, namespace: str, key: str):
        try:
            with open(self.path(namespace, key), "rb") as f:
                return pickle.load(f)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def put(self, namespace: str, key: str, value) -> None:
        path = self.path(namespace, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=PROTOCOL)
        os.replace(tmp, path)
