"""Remove scraping noise from an article while keeping an exact map back to the raw text.

Invisible format and control characters (zero-width joiners, bidi overrides, NULs: see
``sanitising``) are dropped one by one first; then only whole lines are removed (plus a leading
``date YYYY-MM-DD`` metadata prefix) and kept lines are copied unchanged, so every character of
the cleaned text is a character of the raw text: ``raw[ct.to_raw(i)] == ct.text[i]`` for every ``i``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .lines import (
    Layout,
    analyze,
    content,
    header_date,
    is_body_like,
    is_comment_prompt,
    is_fragment,
    is_section_label,
    is_table_filler,
    read_more,
    simple_noise,
)
from .sanitising import Segment, compose, invisible_runs, strip_invisible


@dataclass(frozen=True)
class CleanText:
    text: str  # cleaned text
    segments: tuple[Segment, ...]  # each kept run of characters: (clean_start, raw_start, length)
    # what was removed, for auditing: (raw_start, raw_end, reason), in raw order
    removed: tuple[tuple[int, int, str], ...] = ()
    n_removed_controls: int = 0  # invisible format / control characters dropped from the raw text

    @cached_property
    def _starts(self) -> list[int]:
        return [s[0] for s in self.segments]

    def to_raw(self, clean_offset: int, *, end: bool = False) -> int:
        """Map an offset in the cleaned text to the raw (decoded) text.

        ``0 <= clean_offset <= len(text)``. With ``end=True`` the offset is read as an exclusive
        span end, mapped just past the raw character of ``clean_offset - 1`` (so that a span never
        swallows removed lines that sit right after it). ``to_raw(len(text))`` is the raw offset
        just past the last kept character.
        """
        n = len(self.text)
        if not 0 <= clean_offset <= n:
            raise IndexError(f"clean offset {clean_offset} outside 0..{n}")
        if not self.segments:
            return 0
        if end and clean_offset > 0:
            return self.to_raw(clean_offset - 1) + 1
        if clean_offset == n:
            cs, rs, ln = self.segments[-1]
            return rs + ln
        k = bisect_right(self._starts, clean_offset) - 1
        cs, rs, _ = self.segments[k]
        return rs + (clean_offset - cs)

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned-text span [start, end) to the raw text."""
        if start > end:
            raise ValueError(f"span start {start} > end {end}")
        if start == end:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self.to_raw(end, end=True)


_LIST_ITEM = re.compile(r"^\s*(?:[-–—•»·▪*]|\d{1,2}[.)])\s+")
TRAILER_SHARE = 0.3  # a "Related Articles"-type block is the trailer when at most this share follows


def _drop_reasons(raw: str):
    lay = analyze(raw)
    lines = lay.lines
    n = len(lines)
    drop: list[str | None] = [None] * n
    if lay.first is None:
        return lay, drop
    texts = [content(lay, i) for i in range(n)]
    nonblank = [i for i in range(n) if texts[i].strip()]
    total_chars = sum(len(texts[i].strip()) for i in nonblank) or 1
    title_text = texts[lay.title].strip() if lay.title is not None else None
    if lay.prefix_end is not None and not texts[lay.first].strip():
        drop[lay.first] = "date line"

    i = lay.first
    while i < n:
        s = texts[i]
        if not s.strip():
            i += 1
            continue
        in_header = i < lay.header_end
        reason = simple_noise(s)
        if reason is None:
            kind = read_more(s)
            if kind in ("strong", "weak"):
                stop = _block_stop(i, kind, texts, nonblank, total_chars)
                for j in range(i, stop):
                    if texts[j].strip():
                        drop[j] = "related block"
                i = stop
                continue
            if is_comment_prompt(s):
                if not in_header:  # comments and the comment form run to the end of the page
                    for j in range(i, n):
                        if texts[j].strip():
                            drop[j] = "comments"
                    break
                reason = "comments"
        if reason is None and i != lay.title:
            if in_header and header_date(s):
                reason = "date line"
            elif in_header and is_section_label(s):
                reason = "section label"
            elif title_text is not None and s.strip() == title_text:
                reason = "duplicate title"
            elif is_fragment(s):
                reason = "caption fragment"
        drop[i] = reason
        i += 1
    # table separator / empty rows around a removed picture table go with it
    for i in range(n):
        if drop[i] is None and is_table_filler(texts[i]) and (
            (i > 0 and drop[i - 1] == "image") or (i + 1 < n and drop[i + 1] == "image")
        ):
            drop[i] = "image"
    return lay, drop


def _block_stop(i: int, kind: str, texts: list[str], nonblank: list[int], total_chars: int) -> int:
    """End (exclusive) of the lines removed with a related-links block heading at line i."""
    n = len(texts)
    rest = [j for j in nonblank if j > i]
    if not any(is_body_like(texts[j]) for j in rest):
        return n
    if kind == "strong" and sum(len(texts[j].strip()) for j in rest) <= TRAILER_SHARE * total_chars:
        return n
    # a block in the middle of the article: the heading and the list items right after it
    j = i + 1
    while j < n and (not texts[j].strip() or (_LIST_ITEM.match(texts[j]) and not is_body_like(texts[j]))):
        j += 1
    return j


def clean_text(raw: str) -> CleanText:
    """Remove scraping noise (crumbs, share bars, captions, ads, bylines, related links,
    comments, duplicate titles...) and return the cleaned text with its map to ``raw``."""
    return clean_with_layout(raw)[0]


def clean_with_layout(raw: str) -> tuple[CleanText, Layout]:
    """clean_text, plus the line layout it was based on (reused for metadata inference).

    The layout is that of the raw text without its invisible characters (``strip_invisible``):
    its line offsets are not raw offsets, only its line texts are meant to be reused."""
    plain, plain_map, n_invisible = strip_invisible(raw)
    clean, lay = _clean_lines(plain)
    if not n_invisible:
        return clean, lay
    # the line cleaning mapped into `plain`; chain that with the map from `plain` to `raw`
    segments = compose(clean.segments, plain_map)
    to_raw = CleanText(plain, plain_map)
    removed = [(to_raw.to_raw(a), to_raw.to_raw(b, end=True), reason) for a, b, reason in clean.removed]
    starts = [a for a, _, _ in removed]
    for a, b in invisible_runs(raw):
        k = bisect_right(starts, a) - 1
        if k < 0 or removed[k][1] <= a:  # not inside a removed line: list it on its own
            removed.append((a, b, "invisible character"))
    removed.sort()
    return CleanText(clean.text, segments, tuple(removed), n_invisible), lay


def _clean_lines(raw: str) -> tuple[CleanText, Layout]:
    lay, drop = _drop_reasons(raw)
    lines = lay.lines
    removed: list[tuple[int, int, str]] = []
    kept: list[tuple[int, int]] = []  # raw ranges of kept lines, in order
    last_kept_blank = True  # no blank line at the start
    for i, ln in enumerate(lines):
        start = ln.start
        if i == lay.first and lay.prefix_end is not None:
            removed.append((ln.start, lay.prefix_end, "date line"))
            start = lay.prefix_end
        reason = drop[i]
        if reason is not None:
            if start < ln.stop:
                removed.append((start, ln.stop, reason))
            continue
        blank = not raw[start:ln.end].strip()
        if blank:
            if last_kept_blank:
                continue  # collapse runs of blank lines; drop leading ones
            last_kept_blank = True
        else:
            last_kept_blank = False
        kept.append((start, ln.stop))
    # drop trailing blank lines
    while kept and not raw[kept[-1][0]:kept[-1][1]].strip():
        kept.pop()

    segments: list[list[int]] = []
    pos = 0
    for a, b in kept:
        if b <= a:
            continue
        if segments and segments[-1][1] + segments[-1][2] == a:
            segments[-1][2] += b - a
        else:
            segments.append([pos, a, b - a])
        pos += b - a
    text = "".join(raw[a:b] for a, b in kept)
    merged: list[tuple[int, int, str]] = []
    for a, b, reason in removed:
        if merged and merged[-1][1] == a and merged[-1][2] == reason:
            merged[-1] = (merged[-1][0], b, reason)
        else:
            merged.append((a, b, reason))
    return CleanText(text, tuple((c, r, ln) for c, r, ln in segments), tuple(merged)), lay
