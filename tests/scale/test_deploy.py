"""The shipped deployment config is a valid Dagster instance, and the definitions load with it."""
from __future__ import annotations

import importlib
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.instance.config import dagster_instance_config

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ENV = {
    "DAGSTER_PG_HOST": "db.internal",
    "DAGSTER_PG_DB": "dagster",
    "DAGSTER_PG_USER": "dagster",
    "DAGSTER_PG_PASSWORD": "secret",
    "DAGSTER_K8S_NAMESPACE": "deals",
}


@pytest.fixture()
def deploy_env(monkeypatch):
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)


def _definitions(monkeypatch, executor: str) -> dg.Definitions:
    monkeypatch.setenv("DEALS_EXECUTOR", executor)
    from pipeline import definitions

    return importlib.reload(definitions).defs


def test_dagster_yaml_validates_against_the_instance_schema(deploy_env):
    config, _ = dagster_instance_config(str(DEPLOY))
    assert set(config["storage"]) == {"postgres"}
    assert config["run_launcher"]["class"] == "K8sRunLauncher"
    # the classes it names exist in the pinned versions
    from dagster_k8s import K8sRunLauncher
    from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage, PostgresScheduleStorage

    assert K8sRunLauncher and PostgresRunStorage and PostgresEventLogStorage and PostgresScheduleStorage


def test_definitions_load_with_the_k8s_executor(deploy_env, monkeypatch):
    defs = _definitions(monkeypatch, "k8s")
    job = defs.resolve_job_def("refresh")
    assert job.executor_def.name == "k8s"
    assert {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()} >= {
        "documents", "mentions", "agreements", "procurements", "corrections", "release"}


def test_unknown_executor_is_a_clear_error(monkeypatch):
    with pytest.raises(ValueError, match="expected one of in_process, multiprocess, k8s"):
        _definitions(monkeypatch, "spark")


def test_default_executor_is_in_process(monkeypatch):
    monkeypatch.delenv("DEALS_EXECUTOR", raising=False)
    from pipeline import definitions

    assert importlib.reload(definitions).defs.resolve_job_def("refresh").executor_def.name == "in_process"
