"""The fan-out job extracts shard by shard into the cache; the refresh that follows only assembles."""
from __future__ import annotations

import dagster as dg

from tests.conftest import build_defs


def test_fanout_extracts_every_document_once_then_refresh_reuses_it(seed_corpus, tmp_path, instance):
    defs = build_defs(seed_corpus, tmp_path / "out")
    fanout = defs.resolve_job_def("extract_fanout")
    config = {"ops": {"plan_extraction_shards": {"config": {"shard_size": 2}}}}
    result = fanout.execute_in_process(instance=instance, run_config=config)
    assert result.success
    shards = [e for e in result.all_events if e.is_successful_output and e.step_key.startswith("extract_shard[")]
    assert sorted(e.step_key for e in shards) == ["extract_shard[shard_00000]", "extract_shard[shard_00001]", "extract_shard[shard_00002]"]
    assert result.output_for_node("count_extracted") == 5  # the five seed articles, each once

    again = fanout.execute_in_process(instance=instance, run_config=config)
    assert again.success and again.output_for_node("count_extracted") == 0  # nothing left to extract

    refresh = defs.resolve_job_def("refresh").execute_in_process(instance=instance)
    assert refresh.success
    mentions = next(m for m in refresh.asset_materializations_for_node("mentions"))
    assert mentions.metadata["n_extracted"].value == 0 and mentions.metadata["n_cached"].value == 5


def test_a_successful_fanout_requests_a_refresh(seed_corpus, tmp_path, instance):
    from pipeline.defs.automation.sensors import refresh_after_fanout

    defs = build_defs(seed_corpus, tmp_path / "out")
    run = defs.resolve_job_def("extract_fanout").execute_in_process(instance=instance)
    context = dg.build_run_status_sensor_context(
        sensor_name=refresh_after_fanout.name, dagster_instance=instance, dagster_run=run.dagster_run,
        dagster_event=run.get_run_success_event(),
    )
    request = refresh_after_fanout(context)
    assert isinstance(request, dg.RunRequest) and request.run_key == run.run_id
    assert refresh_after_fanout.job_name == "refresh" or "refresh" in {t.job_name for t in refresh_after_fanout.targets}
