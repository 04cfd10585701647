"""Progress of a long loop, for the run log: "documents 40/200 (20%), 8.1 docs/s, ETA 20 s".

A run over thousands of articles is silent for minutes otherwise. The logger reports at
most every `every_s` seconds (and, if given, every `every_n` items), plus once at the end,
so the log stays short whatever the corpus size. The clock is injectable for tests.
"""
from __future__ import annotations

import time
from typing import Callable


def format_duration(seconds: float) -> str:
    """'45 s', '3 min 05 s', '2 h 07 min': precise enough for an ETA, short in a log line."""
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {(s % 3600) // 60:02d} min"


def format_rate(rate: float) -> str:
    """Two significant figures below 10/s (slow LLM-style extraction reads '0.033'), whole numbers above."""
    return f"{rate:.0f}" if rate >= 10 else f"{rate:.2g}"


class ProgressLogger:
    def __init__(
        self,
        total: int,
        log_fn: Callable[[str], None],
        every_s: float = 5.0,
        every_n: int | None = None,
        unit: str = "documents",
        rate_unit: str = "docs",
        clock: Callable[[], float] = time.monotonic,
    ):
        if total < 0:
            raise ValueError("total must be >= 0")
        self.total = total
        self.log_fn = log_fn
        self.every_s = every_s
        self.every_n = every_n
        self.unit = unit
        self.rate_unit = rate_unit
        self._clock = clock
        self._start = clock()
        self._last_log_t = self._start
        self._last_log_done = 0
        self.done = 0
        self._finished = False

    def message(self, now: float | None = None) -> str:
        now = self._clock() if now is None else now
        elapsed = max(now - self._start, 0.0)
        pct = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        line = f"{self.unit} {self.done}/{self.total}{pct}"
        if elapsed > 0 and self.done > 0:
            rate = self.done / elapsed
            line += f", {format_rate(rate)} {self.rate_unit}/s"
            if self.done < self.total:
                line += f", ETA {format_duration((self.total - self.done) / rate)}"
        if self.done >= self.total:
            line += f", done in {format_duration(elapsed)}"
        return line

    def update(self, n: int = 1) -> None:
        """Count `n` more items done; log when a time or count threshold is crossed."""
        self.done += n
        now = self._clock()
        due_time = now - self._last_log_t >= self.every_s
        due_count = self.every_n is not None and self.done - self._last_log_done >= self.every_n
        if self.done >= self.total:
            self.finish()
        elif due_time or due_count:
            self._log(now)

    def finish(self) -> None:
        """Log the final line once (also for an empty corpus, so the log says it ran)."""
        if not self._finished:
            self._finished = True
            self._log(self._clock())

    def _log(self, now: float) -> None:
        self.log_fn(self.message(now))
        self._last_log_t = now
        self._last_log_done = self.done

    def __enter__(self) -> "ProgressLogger":
        return self

    def __exit__(self, *exc) -> None:
        # On an exception the last line shows how far the loop got before it failed.
        self.finish()
