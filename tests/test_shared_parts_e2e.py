"""End to end: a part shared (hard-linked) between releases and edited in place fails the
integrity check, and so the run; the next run rebuilds it; no release reuses its bytes."""
from __future__ import annotations

import json
import os
import re

import dagster as dg

from tests.conftest import build_defs
from tests.publish.test_shared_parts import _rot, _untrue
from tests.test_pipeline_e2e import SIXTH_ARTICLE

SHARED = "documents.parquet/2025-09.parquet"  # a month the sixth article does not touch
SEVENTH_ARTICLE = SIXTH_ARTICLE.replace("Norway", "Sweden").replace("March 4, 2025", "April 8, 2025")


def _plain(markdown: str) -> str:
    """The problems as written: the UI's markdown escapes every punctuation character."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _run_integrity_check(corpus, out, instance) -> dg.ExecuteInProcessResult:
    """Only the release's integrity check, on what is published now (as `dagster asset check` would)."""
    from pipeline.defs.release.assets import release_integrity

    defs = build_defs(corpus, out)
    job = dg.define_asset_job("integrity_only", selection=dg.AssetSelection.checks(release_integrity))
    defs = dg.Definitions(assets=list(defs.assets), asset_checks=list(defs.asset_checks), jobs=[job],
                          resources=defs.resources, executor=dg.in_process_executor)
    return defs.resolve_job_def("integrity_only").execute_in_process(instance=instance, raise_on_error=False)


def _checks(result) -> dict:
    return {c.check_name: c for c in result.get_asset_check_evaluations()}


def test_a_damaged_shared_part_fails_the_run_and_the_next_run_repairs_it(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    assert run_refresh(seed_corpus, out, instance).success
    first = (out / "latest").resolve()
    (seed_corpus / "005_norway_k9.txt").write_text(SIXTH_ARTICLE, encoding="utf-8")
    assert run_refresh(seed_corpus, out, instance).success
    second = (out / "latest").resolve()
    assert second != first and os.path.samefile(first / SHARED, second / SHARED)

    _rot(first / SHARED)  # edited in the previous release: the latest one shares the file
    assert _untrue(second) == [SHARED]

    # the check reads every file, linked or not: it fails, and fails the run, naming the
    # file and both hashes
    checked = _run_integrity_check(seed_corpus, out, instance)
    assert not checked.success
    check = _checks(checked)["release_integrity"]
    assert not check.passed
    problems = _plain(check.metadata["problems"].value)
    recorded = next(r["hash"] for r in json.loads((second / "datapackage.json").read_text())["resources"]
                    if r["path"] == SHARED)
    assert SHARED in problems and recorded in problems and "sha256:" in problems.replace(recorded, "")

    # the next run rebuilds the part: the latest release (and the one it shares it with) is
    # whole again, and the check passes
    repaired = run_refresh(seed_corpus, out, instance)
    assert repaired.success, [e.message for e in repaired.all_events if e.is_failure]
    assert (out / "latest").resolve() == second
    assert _untrue(second) == [] and _untrue(first) == []
    assert _checks(repaired)["release_integrity"].passed

    # damaged again, then new data: the new release is built from true bytes, never the damaged ones
    _rot(second / SHARED)
    (seed_corpus / "006_sweden_k9.txt").write_text(SEVENTH_ARTICLE, encoding="utf-8")
    third_run = run_refresh(seed_corpus, out, instance)
    assert third_run.success, [e.message for e in third_run.all_events if e.is_failure]
    third = (out / "latest").resolve()
    assert third not in (first, second)
    assert _untrue(third) == [] and _untrue(second) == [] and _untrue(first) == []
    assert _checks(third_run)["release_integrity"].passed


def test_a_failed_integrity_check_fails_the_run(seed_corpus, tmp_path, instance, run_refresh, monkeypatch):
    """Whatever the damage, a failed check is a failed run (a non-zero exit from `make run`)."""
    from pipeline.publish import release as release_mod

    out = tmp_path / "out"
    real = release_mod.publish_release

    def publish_then_damage(*args, **kwargs):
        result = real(*args, **kwargs)
        _rot(result.path / "agreements.parquet")  # after the hashes were recorded
        return result

    monkeypatch.setattr("pipeline.defs.release.assets.publish_release", publish_then_damage)
    result = run_refresh(seed_corpus, out, instance)
    assert not result.success
    check = _checks(result)["release_integrity"]
    assert not check.passed and "agreements.parquet" in _plain(check.metadata["problems"].value)
