"""Consolidation: mentions from every document merged into one record per real-world arrangement.

- `merge`: the merging itself (pure: mentions in, records out), and the blocks it works within;
- `incremental`: the tables of a run rebuilt only for the blocks whose mentions changed, with
  the cache entries that a later run reuses.
"""
from pipeline.consolidate.merge import block_key, consolidate, consolidate_block

__all__ = ["block_key", "consolidate", "consolidate_block"]
