"""A cheap test that any of several patterns can match, run before scanning with each.

Most sentences of an article carry no cue at all; one scan with the union of the
patterns rules them out, instead of one scan per pattern.
"""
from __future__ import annotations

import re
from typing import Iterable

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def union(patterns: Iterable[re.Pattern]) -> re.Pattern:
    parts = []
    for p in patterns:
        body = _NAMED_GROUP.sub("(?:", p.pattern)  # group names would clash in a union
        parts.append(f"(?i:{body})" if p.flags & re.IGNORECASE else f"(?:{body})")
    return re.compile("|".join(parts))
