"""What the library logs (the `pipeline.*` loggers: a damaged cache entry, a damaged
published part) goes to the run's log too, so that it shows in the UI beside the step and
not only on the terminal of whoever started the run."""
from __future__ import annotations

import logging
from contextlib import contextmanager

LIBRARY_LOGGER = "pipeline"


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
