"""The document index and the month sources travel between steps as pickles, column by column
(issue 17, part 2): what comes back must be the entries that went in."""
from __future__ import annotations

import pickle

from pipeline.extract.batch import MonthSource
from pipeline.corpus.index import DocEntry, DocumentIndex, pack_entries, read_corpus


def test_the_index_comes_back_from_its_pickle_as_it_was(seed_corpus, tmp_path):
    index = read_corpus(seed_corpus, tmp_path / "cache", workers=1)
    assert len(index.entries) >= 5
    back = pickle.loads(pickle.dumps(index))
    assert back == index
    assert [list(e.row) for e in back.entries] == [list(e.row) for e in index.entries]  # column order too
    assert pack_entries(index.entries)[0] == "columns"

    source = MonthSource("c", "ns", "root", tuple(index.entries[:3]), ("k1", "k2", "k3"))
    assert pickle.loads(pickle.dumps(source)) == source


def test_entries_of_other_shapes_come_back_too():
    rows = [{"doc_id": "a", "file_name": "a.txt"}, {"file_name": "b.txt", "doc_id": "b"}]  # two column orders
    entries = [DocEntry(rows[0], "k1", True, None), DocEntry(rows[1], "k2")]
    index = DocumentIndex("c", "ns", entries=entries)
    back = pickle.loads(pickle.dumps(index))
    assert back == index and [list(e.row) for e in back.entries] == [list(r) for r in rows]
    empty = DocumentIndex("c", "ns")
    assert pickle.loads(pickle.dumps(empty)) == empty
    blank = DocumentIndex("c", "ns", entries=[DocEntry({}, "k"), DocEntry({}, "j", True)])
    assert pickle.loads(pickle.dumps(blank)) == blank
