"""Progress of long steps in the run's logs, through pipeline.progress.ProgressLogger."""
from __future__ import annotations

from pipeline.progress import ProgressLogger


def progress_logger(log, what: str):
    """A callback(done, total) for the library's loops, logging to the run log."""
    state: dict = {}

    def report(done: int, total: int) -> None:
        logger = state.get("logger")
        if logger is None:
            logger = state["logger"] = ProgressLogger(total, lambda line: log.info(f"{what}: {line}"))
        logger.update(done - logger.done)

    return report
