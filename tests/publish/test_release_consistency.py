"""A release whose tables disagree is refused before anything is written (issue 12, part 1)."""
from __future__ import annotations

import dagster as dg
import pandas as pd
import pytest

from pipeline.tables import corrections_frame

from pipeline.defs.release.assets import release
from pipeline.defs.resources import DealsPaths
from pipeline.extract.batch import MentionSet
from pipeline.corpus.index import DocEntry, DocumentIndex
from pipeline.publish.consistency import disagreements

A, B, C = "a" * 16, "b" * 16, "c" * 16


def _records(*cited: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"source_doc_ids": [list(ids) for ids in cited], "evidence_doc_id": [ids[0] for ids in cited]})


def test_agreeing_tables_have_no_problem():
    assert disagreements({A, B}, {A, B}, {"agreements": _records([A]), "procurements": _records([A, B])}) == []


def test_records_citing_a_document_the_release_lacks_are_named():
    problems = disagreements({A}, {A}, {"agreements": _records([A]), "procurements": _records([A, C])})
    assert problems == [f"procurements cite 1 document(s) the documents table does not hold: {C}"]


def test_mentions_of_another_corpus_are_named_both_ways():
    problems = disagreements({A, B}, {B, C}, {"agreements": _records([B]), "procurements": _records([B])})
    assert problems == [f"mentions come from 1 document(s) the documents table does not hold: {C}",
                        f"1 document(s) of the documents table were never extracted: {A}"]


def test_long_lists_are_cut_and_counted():
    many = {f"{i:016x}" for i in range(8)}
    none = pd.DataFrame({"source_doc_ids": pd.Series([], dtype=object), "evidence_doc_id": pd.Series([], dtype=object)})
    (problem,) = disagreements(set(), set(), {"agreements": _records(sorted(many)), "procurements": none})
    assert problem.endswith("and 3 more") and "8 document(s)" in problem


def test_the_release_asset_refuses_and_writes_nothing(tmp_path):
    index = DocumentIndex(str(tmp_path / "cache"), "ns",
                          entries=[DocEntry({"doc_id": A, "file_name": "a.txt"}, "ka"), DocEntry({"doc_id": B, "file_name": "b.txt"}, "kb")])
    other_run = MentionSet(doc_order={C: 0})  # the mentions of another corpus
    paths = DealsPaths(corpus_dir=str(tmp_path / "corpus"), output_dir=str(tmp_path / "out"))
    with pytest.raises(dg.Failure, match="tables disagree, nothing was published") as failure:
        release(dg.build_asset_context(), paths=paths, documents=index, mentions=other_run,
                agreements=_records([A]), procurements=_records([C]), corrections=corrections_frame([]))
    assert C in failure.value.description and "never extracted" in failure.value.description
    assert not (tmp_path / "out").exists()
