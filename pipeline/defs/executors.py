"""Which executor runs the steps, chosen per deployment with DEALS_EXECUTOR.

- in_process (default): one process; a run over the seeds takes seconds, and a
  process per step would triple that. Extraction still uses every core (a process pool).
- multiprocess: a process per step on this machine.
- k8s: a Kubernetes job per step (needs dagster-k8s, and deploy/dagster.yaml's run launcher).
"""
from __future__ import annotations

import os

import dagster as dg

EXECUTORS = ("in_process", "multiprocess", "k8s")


def executor_from_env() -> dg.ExecutorDefinition:
    name = os.environ.get("DEALS_EXECUTOR", "in_process")
    if name == "in_process":
        return dg.in_process_executor
    if name == "multiprocess":
        return dg.multiprocess_executor
    if name == "k8s":
        try:
            from dagster_k8s import k8s_job_executor
        except ImportError as exc:  # a clear message instead of a bare import error at load time
            raise RuntimeError("DEALS_EXECUTOR=k8s needs the dagster-k8s package (pip install dagster-k8s==0.29.27)") from exc
        return k8s_job_executor
    raise ValueError(f"DEALS_EXECUTOR={name!r}: expected one of {', '.join(EXECUTORS)}")
