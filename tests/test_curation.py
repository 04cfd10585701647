"""Correction files (pipeline/curate/corrections.py) and applying them (pipeline/curate/apply.py),
on small invented tables: bad input is recorded with a reason, never dropped or raised."""
from __future__ import annotations

import json
from dataclasses import replace

from pipeline.curate.apply import apply_corrections, editable_fields
from pipeline.curate.corrections import COLUMNS, Correction, curation_fingerprint, read_corrections
from pipeline.tables import corrections_frame
from schemas import TABLES
from tests.sample_release import DOC_ID, S2, TEXT, sample_tables

HEADER = ",".join(COLUMNS) + "\n"
WHO = "reason,https://example.org,Ann,2031-01-02"


def _c(action, record_id=None, field=None, value=None, line=2) -> Correction:
    return Correction("c.csv", line, action, record_id, field, value, "why", "https://example.org", "Ann", "2031-01-02")


def _apply(*corrections, moved=None):
    corrections = [replace(c, line=i + 2) for i, c in enumerate(corrections)]  # one file, one line each
    tables = sample_tables()
    docs = {DOC_ID: (TEXT, "2025-10-27")}
    return tables, apply_corrections(tables, list(corrections), docs.get, moved, "9.9.9")


def test_reading_keeps_every_row_and_says_what_is_wrong(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "\n".join([
        f"proc-0000000000000001,set,quantity,20,{WHO}",
        f"proc-0000000000000001,fix,,,{WHO}",
        "proc-0000000000000001,drop,,,,,,",
        f"proc-0000000000000001,drop,,,{WHO[:-10]}yesterday",
        f"proc-0000000000000001,drop,,,{WHO},extra",
        f'proc-0000000000000001,add,,"{{}}",{WHO}',
    ]) + "\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.csv").write_text("record_id,action,reason\n", encoding="utf-8")
    (tmp_path / "d.csv").write_bytes(HEADER.encode() + b"\xff\xfe,drop\n")
    (tmp_path / "notes.md").write_text("not a correction file")
    got = [(c.correction_id, c.problem) for c in read_corrections(tmp_path)]
    assert got[0] == ("a.csv:2", None)
    assert "action 'fix' is not one of set, drop, add, merge" in got[1][1]
    assert got[2][1] == "drop needs reason, author, date"
    assert "'yesterday' is not an ISO 8601 date" in got[3][1]
    assert got[4][1] == "has 9 cells for 8 columns"
    assert got[5][1].startswith("add takes no record_id")
    assert got[6][0] == "b/c.csv:0" and "no column 'field', 'value', 'source', 'author', 'date'" in got[6][1]
    assert got[7][0] == "d.csv:0" and "is not UTF-8" in got[7][1]
    assert len(got) == 8
    assert read_corrections(tmp_path / "missing") == []


def test_the_fingerprint_follows_the_correction_files_only(tmp_path):
    empty = curation_fingerprint(tmp_path)
    (tmp_path / "notes.md").write_text("x")
    assert curation_fingerprint(tmp_path) == empty
    (tmp_path / "a.csv").write_text(HEADER)
    first = curation_fingerprint(tmp_path)
    (tmp_path / "a.csv").write_text(HEADER + f"agr-0000000000000001,drop,,,{WHO}\n")
    assert len({empty, first, curation_fingerprint(tmp_path)}) == 3


def test_set_parses_by_column_type_and_keeps_the_contract():
    tables, result = _apply(_c("set", "proc-0000000000000001", "quantity", "24"),
                            _c("set", "proc-0000000000000001", "value_alternatives", "1 EUR; 2 GBP"),
                            _c("set", "proc-0000000000000001", "quantity", "-3"),
                            _c("set", "proc-0000000000000001", "quantity", "many"),
                            _c("set", "proc-0000000000000001", "evidence_sentence", "x"),
                            _c("set", "agr-0000000000000001", "topics", "defence_industry"))
    row = result.tables["procurements"].set_index("procurement_id").loc["proc-0000000000000001"]
    assert row["quantity"] == 24 and list(row["value_alternatives"]) == ["1 EUR", "2 GBP"] and row["curated"]
    assert [o["outcome"] for o in result.outcomes] == ["applied", "applied", "invalid", "invalid", "invalid", "stale"]
    assert "quantity" in result.outcomes[2]["message"] and "break the data contract" in result.outcomes[2]["message"]
    assert "evidence_sentence" in result.outcomes[4]["message"] and "evidence_sentence" not in editable_fields("procurements")
    assert not result.tables["agreements"]["curated"].any()  # a stale set changes nothing
    assert result.tables["documents"] is tables["documents"]
    for name in ("agreements", "procurements"):
        TABLES[name].validate(result.tables[name])
    TABLES["corrections"].validate(corrections_frame(result.outcomes))


def test_a_moved_id_is_followed_and_a_split_one_is_stale():
    moved = {"proc-00000000000000aa": ["proc-0000000000000002"],
             "proc-00000000000000bb": ["proc-0000000000000001", "proc-0000000000000003"]}
    _, result = _apply(_c("drop", "proc-00000000000000aa"), _c("drop", "proc-00000000000000bb"), _c("drop", "bogus"),
                       moved=moved)
    assert [(o["outcome"], o["result_id"]) for o in result.outcomes] == [
        ("applied", "proc-0000000000000002"), ("stale", None), ("invalid", None)]
    assert "moved proc-00000000000000aa to proc-0000000000000002" in result.outcomes[0]["message"]
    assert "split into proc-0000000000000001, proc-0000000000000003" in result.outcomes[1]["message"]
    assert list(result.tables["procurements"]["procurement_id"]) == ["proc-0000000000000001", "proc-0000000000000003"]


def test_add_needs_evidence_in_a_corpus_document_and_is_stale_once_the_extractor_finds_it():
    base = {"buyer_country": "IDN", "system": "Kestrel", "status": "planned", "evidence_doc_id": DOC_ID, "evidence_sentence": S2}
    _, result = _apply(_c("add", value=json.dumps(base)),
                       _c("add", value=json.dumps(base)),  # the same add twice
                       _c("add", value=json.dumps({**base, "evidence_sentence": "Not in the text."})),
                       _c("add", value=json.dumps({**base, "evidence_doc_id": "0" * 16})),
                       _c("add", value=json.dumps({**base, "colour": "red"})),
                       _c("add", value=json.dumps({**base, "buyer_country": "MYS", "system": "fa-50"})),
                       _c("add", value="[1, 2]"))
    assert [o["outcome"] for o in result.outcomes] == ["applied", "stale", "invalid", "stale", "invalid", "stale", "invalid"]
    new = result.tables["procurements"].set_index("procurement_id").loc[result.outcomes[0]["result_id"]]
    assert TEXT[new["evidence_char_start"]:new["evidence_char_end"]] == S2
    assert list(new["source_doc_ids"]) == [DOC_ID] and new["first_reported"] == "2025-10-27" and new["curated"]
    assert new["extractor_version"] == "9.9.9" and list(new["mention_ids"]) == []
    assert "extractor now finds this record" in result.outcomes[5]["message"]
    assert "proc-0000000000000001" == result.outcomes[5]["result_id"]
    TABLES["procurements"].validate(result.tables["procurements"])


def test_merge_joins_sources_and_refuses_what_cannot_be_one_record():
    _, result = _apply(_c("merge", "agr-0000000000000001", value="agr-0000000000000002"),
                       _c("merge", "agr-0000000000000001", value="proc-0000000000000001"),
                       _c("merge", "agr-0000000000000001", value="agr-0000000000000002"))
    assert [o["outcome"] for o in result.outcomes] == ["applied", "invalid", "stale"]
    assert "different tables" in result.outcomes[1]["message"]
    agreements = result.tables["agreements"]
    assert list(agreements["agreement_id"]) == ["agr-0000000000000001"]
    assert list(agreements["mention_ids"].iloc[0]) == ["aaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaa2"]
    TABLES["agreements"].validate(agreements)


def test_the_same_corrections_give_the_same_tables():
    corrections = [_c("set", "proc-0000000000000002", "quantity", "7", line=2), _c("drop", "agr-0000000000000002", line=3)]
    _, a = _apply(*corrections)
    _, b = _apply(*corrections)
    for name in ("agreements", "procurements"):
        assert a.tables[name].equals(b.tables[name])
    assert a.outcomes == b.outcomes
