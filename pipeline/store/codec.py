"""JSON for cache entries: plain values and a fixed list of record classes, nothing else.

A cache entry is read back from a folder other users may write, so decoding must never be
able to run code: `decode_json` builds dicts, lists, strings, numbers and the classes in
`RECORD_CLASSES` (by name, with their own fields only), and rejects anything else.
JSON is written by value, so equal values always give equal bytes (their hash names a
block of mentions in consolidate/incremental.py).
"""
from __future__ import annotations

import dataclasses
import json

from pipeline.corpus.document import Document
from pipeline.extract.records import AgreementMention, Evidence, MoneyValue, ProcurementMention

TAG = "$type"
# The classes an entry may hold, and how a field that JSON turns into a list comes back.
RECORD_CLASSES = {cls.__name__: cls for cls in (Document, Evidence, MoneyValue, AgreementMention, ProcurementMention)}
# in declaration order: a set's order changes from process to process, and so would the bytes
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in RECORD_CLASSES.items()}
_FIELD_SETS = {name: frozenset(fields) for name, fields in _FIELDS.items()}
_RESTORE = {"Document": {"segments": lambda v: tuple(tuple(s) for s in v)}}


class CacheFormatError(ValueError):
    """An entry that is valid JSON but not of a shape this version writes."""


def _default(obj):
    name = type(obj).__name__
    if RECORD_CLASSES.get(name) is type(obj):
        out = {TAG: name}
        for f in _FIELDS[name]:
            out[f] = getattr(obj, f)
        return out
    raise TypeError(f"a cache entry cannot hold a {name}")


def encode_json(value) -> bytes:
    return json.dumps(value, default=_default, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                      sort_keys=False).encode("utf-8")


def _object(d: dict):
    name = d.get(TAG)
    if name is None:
        return d
    if name not in RECORD_CLASSES:
        raise CacheFormatError(f"unknown record class {name!r}")
    del d[TAG]
    if d.keys() != _FIELD_SETS[name]:
        raise CacheFormatError(f"{name} with fields {sorted(d)}")
    for field, restore in _RESTORE.get(name, {}).items():
        d[field] = restore(d[field])
    return RECORD_CLASSES[name](**d)


def _no_constant(name: str):
    raise CacheFormatError(f"{name} is not a number a cache entry holds")


def decode_json(payload: bytes):
    return json.loads(payload.decode("utf-8"), object_hook=_object, parse_constant=_no_constant)
