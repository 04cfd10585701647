"""What the library logs (the `pipeline.*` loggers: a damaged cache entry, a damaged
published part) goes to the run's log too, so that it shows in the UI beside the step and
not only on the terminal of whoever started the run.

`terminal_logger` is what `make run` shows while it runs (pipeline/run.py): one short line
per message at INFO and above (progress, warnings, errors), none of Dagster's per-step debug
events. It only writes to the terminal: every event, debug ones included, still goes to the
run's event log in the instance, whatever loggers a run has.

`progress_logger` turns the library's progress callbacks (done, total) into those lines, with
rate and ETA (pipeline/progress.py)."""
from __future__ import annotations

import logging
import sys
import time
from contextlib import contextmanager

import dagster as dg

from pipeline.progress import ProgressLogger

LIBRARY_LOGGER = "pipeline"
TERMINAL_LOGGER = "terminal"


class _ToRunLog(logging.Handler):
    def __init__(self, log):
        super().__init__(logging.WARNING)
        self.run_log = log

    def emit(self, record: logging.LogRecord) -> None:
        self.run_log.warning(record.getMessage())


@contextmanager
def library_warnings(context):
    """Within the block, warnings of the library's loggers are also written to the run log."""
    handler = _ToRunLog(context.log)
    logger = logging.getLogger(LIBRARY_LOGGER)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


class TerminalFormatter(logging.Formatter):
    """`HH:MM:SS step    message`; warnings and errors say so, errors keep their error text
    (a step's: the run's failure that follows repeats it)."""

    # runs whose step error was shown, in this process: a run's events reach several logger
    # objects (one per execution context), so this cannot be a formatter's own state
    _step_error_shown: set = set()

    def format(self, record: logging.LogRecord) -> str:
        # Dagster hands its loggers the record with the message's parts in `dagster_meta`
        # (the job, run id and event type are prefixed to record.msg); plain records work too.
        meta = getattr(record, "dagster_meta", None) or {}
        text = record.getMessage()
        message = meta.get("orig_message") or text
        if record.levelno >= logging.ERROR and "\n\n" in text:  # a failure event: its error and stack
            run = meta.get("run_id")
            if meta.get("step_key") or run not in self._step_error_shown:
                message += "\n" + text.split("\n\n", 1)[1].rstrip()
                if meta.get("step_key"):
                    self._step_error_shown.add(run)
            else:
                message += " (error above)"
        if record.levelno >= logging.WARNING:
            message = f"{record.levelname.lower()}: {message}"
        step = meta.get("step_key") or "run"
        return f"{time.strftime('%H:%M:%S', time.localtime(record.created))} {step:<12} {message}"


@dg.logger(
    {"log_level": dg.Field(str, is_required=False, default_value="INFO", description="Lowest level shown.")},
    description="Short lines on stderr for the terminal of `make run`: progress, warnings, errors.",
)
def terminal_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    # a logger object of its own per run (not logging.getLogger: handlers would pile up)
    logger = logging.Logger(TERMINAL_LOGGER, level=init_context.logger_config["log_level"].upper())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(TerminalFormatter())
    logger.addHandler(handler)
    return logger


def progress_logger(log, what: str):
    """A callback(done, total) for the library's loops, logging to the run log."""
    state: dict = {}

    def report(done: int, total: int) -> None:
        logger = state.get("logger")
        if logger is None:
            logger = state["logger"] = ProgressLogger(total, lambda line: log.info(f"{what}: {line}"))
        logger.update(done - logger.done)

    return report
