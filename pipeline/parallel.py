"""Run a function over tasks on all cores, in order, or in-process when there is little to do."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

# Below this many tasks, worker start-up (a fresh interpreter importing the library,
# ~1 s) costs more than it saves.
PARALLEL_MIN_TASKS = 200
CHUNK_SIZE = 32


def available_workers(requested: int = 0) -> int:
    """`requested` <= 0 means every core this process may use."""
    if requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_ordered(fn: Callable, tasks: Iterable, workers: int = 0) -> Iterator:
    """Yield fn(task) for every task, in task order."""
    tasks = list(tasks)
    n = available_workers(workers)
    if n <= 1 or len(tasks) < PARALLEL_MIN_TASKS:
        for task in tasks:
            yield fn(task)
        return
    # spawn, not fork: the parent may run Dagster's threads, and forking a threaded
    # process can deadlock on a lock held by another thread.
    with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(fn, tasks, chunksize=CHUNK_SIZE)
