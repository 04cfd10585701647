"""Remove scraping noise from an article while keeping an exact map back to the raw text.

Invisible format and control characters (zero-width joiners, bidi overrides, NULs: see
``sanitising``) are dropped one by one first; then only whole lines are removed (plus a leading
``date YYYY-MM-DD`` metadata prefix) and kept lines are copied unchanged, so every character of
the cleaned text is a character of the raw text: ``raw[ct.to_raw(i)] == ct.text[i]`` for every ``i``,
except that a lone CR line break (old Mac files) reads as LF (``same_char``): lines are split on
CR, LF and CRLF, but the sentence splitter and the extractor only break lines on LF, so a CR-only
file would run its title into its first sentence. One character for one: offsets are unchanged.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import compress

from .lines import (
    Layout,
    analyze,
    ends_with_sentence,
    header_date,
    is_body_like,
    is_comment_prompt,
    is_fragment,
    is_section_label,
    is_table_filler,
    not_quiet,
    read_more,
    simple_noise,
)
from .sanitising import Segment, compose, invisible_runs, strip_invisible


_LONE_CR = re.compile(r"\r(?!\n)")


def same_char(raw_char: str, clean_char: str) -> bool:
    """``clean_char`` (a character of a CleanText) stands for ``raw_char`` (the raw one it maps to)."""
    return raw_char == clean_char or (raw_char == "\r" and clean_char == "\n")


def _lone_cr_to_lf(ct: "CleanText", raw: str) -> "CleanText":
    """``ct`` (cleaned from ``raw``) with each lone CR line break of ``raw`` read as LF. Decided in
    ``raw``, not in the cleaned text, where a kept CR may now sit before an LF of a later line."""
    if "\r" not in ct.text:
        return ct
    lf_raw = _LONE_CR.sub("\n", raw)
    text = "".join([lf_raw[r:r + n] for _, r, n in ct.segments])
    return CleanText(text, ct.segments, ct.removed, ct.n_removed_controls)


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
    """(layout, drop reason of each line or None, each line's stripped content)."""
    lay = analyze(raw)
    texts = lay.contents
    n = len(texts)
    drop: list[str | None] = [None] * n
    stripped = list(map(str.strip, texts))
    if lay.first is None:
        return lay, drop, stripped
    nonblank = list(compress(range(n), stripped))
    total_chars = sum(map(len, stripped)) or 1  # blank lines add 0
    title_text = stripped[lay.title] if lay.title is not None else None
    if lay.prefix_end is not None and not stripped[lay.first]:
        drop[lay.first] = "date line"

    # The lines before lay.first are blank, and blank lines are skipped: visit the non-blank ones,
    # except quiet long lines: no test below can match one (see lines.quiet_long_line), so it is kept.
    resume = 0  # after a related-links block: the first line after it
    for i in not_quiet(stripped, nonblank):
        if i < resume:
            continue
        s = texts[i]
        in_header = i < lay.header_end
        reason = simple_noise(s)
        if reason is None:
            kind = read_more(s)
            if kind in ("strong", "weak"):
                stop = _block_stop(i, kind, texts, nonblank, total_chars)
                for j in range(i, stop):
                    if stripped[j]:
                        drop[j] = "related block"
                resume = stop
                continue
            if is_comment_prompt(s):
                if not in_header:  # comments and the comment form run to the end of the page
                    for j in range(i, n):
                        if stripped[j]:
                            drop[j] = "comments"
                    break
                reason = "comments"
        if reason is None and i != lay.title:
            if in_header and header_date(s):
                reason = "date line"
            elif in_header and is_section_label(s):
                reason = "section label"
            elif title_text is not None and stripped[i] == title_text:
                reason = "duplicate title"
            elif is_fragment(s):
                reason = "caption fragment"
        drop[i] = reason
    # table separator / empty rows around a removed picture table go with it (a row is only
    # removed next to an "image" one: with none to start from, none ever is)
    if "image" in drop:
        for i in range(n):
            if drop[i] is None and is_table_filler(texts[i]) and (
                (i > 0 and drop[i - 1] == "image") or (i + 1 < n and drop[i + 1] == "image")
            ):
                drop[i] = "image"
    return lay, drop, stripped


def _block_stop(i: int, kind: str, texts: list[str], nonblank: list[int], total_chars: int) -> int:
    """End (exclusive) of the lines removed with a related-links block heading at line i."""
    n = len(texts)
    rest = [j for j in nonblank if j > i]
    if not any(is_body_like(texts[j]) for j in rest):
        return n
    if kind == "strong" and sum(len(texts[j].strip()) for j in rest) <= TRAILER_SHARE * total_chars:
        return n
    # a block in the middle of the article: the heading and the list items right after it, bulleted
    # or not (a linked headline ends with no full stop: "Egypt eyes K9 howitzers in local production deal")
    j = i + 1
    while j < n and (not texts[j].strip() or not is_body_like(texts[j]) and (
            _LIST_ITEM.match(texts[j]) or not ends_with_sentence(texts[j]))):
        j += 1
    return j


def clean_text(raw: str) -> CleanText:
    """Remove scraping noise (crumbs, share bars, captions, ads, bylines, related links,
    comments, duplicate titles...) and return the cleaned text with its map to ``raw``."""
    return clean_with_layout(raw)[0]


def clean_with_layout(raw: str, unusual: str | None = None) -> tuple[CleanText, Layout]:
    """clean_text, plus the line layout it was based on (reused for metadata inference).

    The layout is that of the raw text without its invisible characters (``strip_invisible``):
    its line offsets are not raw offsets, only its line texts are meant to be reused.
    ``unusual``, if given, must be ``sanitising.unusual_chars(raw)``."""
    plain, plain_map, n_invisible = strip_invisible(raw, unusual)
    clean, lay = _clean_lines(plain)
    clean = _lone_cr_to_lf(clean, plain)
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
    """Keep the lines that are not dropped, except a blank line right after another blank or
    dropped-then-blank one (runs of blank lines collapse to one), the blank lines before the first
    kept line and those after the last non-blank kept line; map the kept runs back to ``raw``."""
    lay, drop, stripped = _drop_reasons(raw)
    stops = lay.stops
    starts = lay.starts  # where each line's kept text starts: after the prefix on the first line
    removed: list[tuple[int, int, str]] = []
    if lay.prefix_end is not None:
        # the first removal: the lines before lay.first are blank and never dropped
        removed.append((starts[lay.first], lay.prefix_end, "date line"))
        starts = starts.copy()
        starts[lay.first] = lay.prefix_end
    # the last kept non-blank line: the (blank) lines kept after it are dropped
    last = next((i for i in range(len(drop) - 1, -1, -1) if drop[i] is None and stripped[i]), -1)

    # Every line is a non-empty range of `raw` (content or line break) right after the one before,
    # so the runs of consecutive kept lines are exactly the maximal contiguous kept ranges (segments).
    # (The first line's kept part starts after its prefix, and is not empty when kept: no line
    # before it is kept.)
    segments: list[tuple[int, int, int]] = []
    pos = 0  # length of the cleaned text up to the open run
    run = -1  # raw start of the open run of kept lines (-1: none is open)
    prev_nonblank = False  # the last line not dropped was non-blank (a blank line is kept only then)
    for i in range(last + 1):
        reason = drop[i]
        if reason is None:
            if stripped[i]:
                prev_nonblank = True
                if run < 0:
                    run = starts[i]
                continue
            if prev_nonblank:  # the first blank line of a run of them
                prev_nonblank = False
                if run < 0:
                    run = starts[i]
                continue
        elif starts[i] < stops[i]:
            removed.append((starts[i], stops[i], reason))
        if run >= 0:  # line i is not kept: the run of kept lines ends with line i - 1
            segments.append((pos, run, stops[i - 1] - run))
            pos += stops[i - 1] - run
            run = -1
    if run >= 0:
        segments.append((pos, run, stops[last] - run))
    for i in range(last + 1, len(drop)):
        reason = drop[i]
        if reason is not None and starts[i] < stops[i]:
            removed.append((starts[i], stops[i], reason))

    text = "".join([raw[r:r + ln] for _, r, ln in segments])
    merged: list[tuple[int, int, str]] = []
    for a, b, reason in removed:
        if merged and merged[-1][1] == a and merged[-1][2] == reason:
            merged[-1] = (merged[-1][0], b, reason)
        else:
            merged.append((a, b, reason))
    return CleanText(text, tuple(segments), tuple(merged)), lay
