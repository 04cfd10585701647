"""`extract_fanout`: one run's extraction spread over many workers (pods under the k8s executor).

The `mentions` asset extracts new documents on the cores of the one process that runs it.
For a backfill too large for one machine, this job plans shards of the documents that have
no cached extraction yet, maps `extract_shard` over them (a dynamic fan-out: every shard is
its own step, so `DEALS_EXECUTOR=k8s` gives every shard its own pod), and counts the
results. The cache under the output dir (on a volume every pod mounts) then holds every
document's mentions, and the `refresh` job that follows, requested by the sensor below,
only assembles them.
"""

import dagster as dg

from pipeline.defs.executors import executor_from_env
from pipeline.defs.resources import DealsPaths
from pipeline.extract.batch import ExtractionShard, extract_shard as extract_documents, pending_shards
from pipeline.corpus.index import read_corpus


class FanoutConfig(dg.Config):
    shard_size: int = 2000  # documents per step: a few minutes of one core's work


@dg.op(out=dg.DynamicOut(ExtractionShard), description="Read the corpus; plan shards of the documents not yet extracted.")
def plan_extraction_shards(context: dg.OpExecutionContext, config: FanoutConfig, paths: DealsPaths):
    index = read_corpus(paths.prepare_corpus(), paths.cache_path, paths.workers)
    shards = pending_shards(index, config.shard_size)
    context.log.info(f"{sum(len(s.entries) for s in shards)} of {len(index.entries)} documents to extract in {len(shards)} shards")
    for i, shard in enumerate(shards):
        yield dg.DynamicOutput(shard, mapping_key=f"shard_{i:05d}")


@dg.op(description="Extract one shard's documents into the cache (on every core of the worker).")
def extract_shard(context: dg.OpExecutionContext, paths: DealsPaths, shard: ExtractionShard) -> int:
    done, failures = extract_documents(shard, paths.workers)
    for failure in failures:
        context.log.error(failure.message)
    context.add_output_metadata({"documents": len(shard.entries), "extracted": done, "failures": len(failures)})
    return done


@dg.op(description="Total documents extracted by the shards.")
def count_extracted(context: dg.OpExecutionContext, counts: list[int]) -> int:
    total = sum(counts)
    context.log.info(f"{total} documents extracted by {len(counts)} shards")
    return total


@dg.job(executor_def=executor_from_env(), description=(
    "Extract every document that has no cached extraction, shard by shard: one step per shard, "
    "one pod per step with DEALS_EXECUTOR=k8s. A successful run requests `refresh`."))
def extract_fanout():
    count_extracted(plan_extraction_shards().map(extract_shard).collect())
