"""Record ids never move under their users (issue 15, part 1).

An id hashes the record's block and its earliest evidence, so documents that add nothing to a
record, and the names and order of the corpus's files, leave it alone; where an id does move,
the release's id map says what it became.
"""
from __future__ import annotations

import random
from pathlib import Path

from pipeline.consolidate import consolidate
from pipeline.corpus.index import read_corpus
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.extract.batch import extract_index
from pipeline.extract.records import AgreementMention, Evidence, ProcurementMention
from pipeline.publish.idmap import PreviousRelease, build_id_map, records_of
from pipeline.tables import agreements_frame, procurements_frame
from tests.scale.test_consolidating import _generate


def _tables(corpus: Path, cache: Path) -> dict:
    mention_set = extract_index(read_corpus(corpus, cache, workers=1), workers=1)
    agreements, procurements = consolidate(*mention_set.mentions_and_dates())
    return {"agreements": agreements_frame(agreements, EXTRACTOR_VERSION),
            "procurements": procurements_frame(procurements, EXTRACTOR_VERSION)}


def _ids(tables: dict) -> dict[str, set[str]]:
    return {"agreements": set(tables["agreements"]["agreement_id"]),
            "procurements": set(tables["procurements"]["procurement_id"])}


def test_adding_100_articles_moves_no_existing_id_and_the_map_accounts_for_backfills(tmp_path):
    """A news feed: 100 articles published after the corpus's (the generator dates article i
    about i/50 days into the feed, give or take three days). Some report arrangements the
    corpus already holds (the generator reuses buyers, systems and pairs of states): those
    records gain sources, and still no id of the first corpus changes; the id map is empty.

    Then 100 articles whose dates overlap the corpus's last days: where one of them is an
    earlier report of a known arrangement, that record's earliest evidence, and so its id,
    moves; every id that moved is in the id map, and every other id stays."""
    corpus = tmp_path / "corpus"
    _generate(corpus, 150)  # days 0-6 of the feed
    before = _tables(corpus, tmp_path / "cache")
    _generate(corpus, 100, start=600)  # days 9-17: later news
    after = _tables(corpus, tmp_path / "cache")
    old, new = _ids(before), _ids(after)
    assert sum(map(len, old.values())) > 100  # the test means something only with many records
    for table in old:
        assert old[table] <= new[table], f"{table}: ids gone: {sorted(old[table] - new[table])[:5]}"
        assert len(new[table]) > len(old[table])
    grown = [after[t].merge(before[t], on=id_col, suffixes=("", "_before"))
             for t, id_col in (("agreements", "agreement_id"), ("procurements", "procurement_id"))]
    assert any((g["n_sources"] > g["n_sources_before"]).any() for g in grown)  # related articles joined known records
    assert build_id_map(PreviousRelease("r1", records_of(before)), records_of(after)) == []

    _generate(corpus, 100, start=150)  # days 0-6 again: some earlier than articles already held
    backfilled = _tables(corpus, tmp_path / "cache")
    rows = build_id_map(PreviousRelease("r2", records_of(after)), records_of(backfilled))
    mapped = {r["old_id"] for r in rows}
    for table, ids in _ids(backfilled).items():
        assert _ids(after)[table] - ids == {r["old_id"] for r in rows if r["table"] == table}
    assert mapped and {r["relation"] for r in rows} <= {"superseded", "merged", "split"}
    assert all(set(r["new_ids"]) <= _ids(backfilled)[r["table"]] for r in rows)


def test_renaming_and_reordering_files_keeps_every_id(tmp_path):
    """Ids hash content, never file names or positions: the same articles under shuffled names
    (some moved into a subfolder) give the same records with the same ids."""
    corpus = tmp_path / "corpus"
    files = _generate(corpus, 80)
    before = _tables(corpus, tmp_path / "cache1")
    names = [p.name for p in files]
    random.Random(3).shuffle(names)
    texts = {p: p.read_bytes() for p in files}
    for p in files:
        p.unlink()
    (corpus / "later").mkdir()
    for i, (p, name) in enumerate(zip(files, names)):
        (corpus / ("later" if i % 3 == 0 else "") / f"x-{name}").write_bytes(texts[p])
    after = _tables(corpus, tmp_path / "cache2")
    for table, id_col in (("agreements", "agreement_id"), ("procurements", "procurement_id")):
        assert len(before[table]) > 10
        assert list(after[table][id_col]) == list(before[table][id_col])
        assert after[table].drop(columns=["extractor_version"]).equals(before[table].drop(columns=["extractor_version"]))


def _agreement(doc: str, start: int, kind: str, name: str | None = None, date: str | None = None) -> AgreementMention:
    sentence = "Two invented states signed a paper."
    return AgreementMention(parties=["AAA", "BBB"], agreement_type=kind, status="signed", name=name, date=date,
                            evidence=Evidence(doc, sentence, start, start + len(sentence)))


def _records(mentions, published) -> dict:
    agreements, procurements = consolidate(mentions, published)
    return records_of({"agreements": agreements_frame(agreements, EXTRACTOR_VERSION),
                       "procurements": procurements_frame(procurements, EXTRACTOR_VERSION)})


def test_an_article_that_shows_two_records_are_one_maps_both_old_ids_to_the_merged_record():
    """A named MoU (no year) and a dated generic agreement between the same states are two records:
    nothing says they are one. An earlier article naming the MoU and giving its date joins them;
    both old ids are then mapped, as merged, to the one record."""
    named = _agreement("d1", 0, "mou", name="Blue Harbour Accord")
    dated = _agreement("d2", 10, "agreement", date="2031-03")
    published = {"d1": "2031-05-02", "d2": "2031-05-09"}
    first = _records([named, dated], published)
    assert len(first["agreements"]) == 2

    linking = _agreement("d0", 5, "mou", name="Blue Harbour Accord", date="2031-03-14")
    second = _records([named, dated, linking], {**published, "d0": "2031-03-15"})
    assert len(second["agreements"]) == 1
    (merged_id,) = second["agreements"]
    rows = build_id_map(PreviousRelease("2031-05-10.001.00000000", first), second)
    assert rows == [{"old_id": i, "table": "agreements", "relation": "merged", "new_ids": [merged_id],
                     "last_release": "2031-05-10.001.00000000"} for i in sorted(first["agreements"])]


def _procurement(doc: str, start: int, date: str | None = None) -> ProcurementMention:
    sentence = "An invented state ordered invented jets."
    return ProcurementMention(buyer_country="AAA", system="Kestrel", status="ordered", order_date=date,
                              evidence=Evidence(doc, sentence, start, start + len(sentence)))


def test_an_earlier_article_found_later_supersedes_the_id_and_later_articles_do_not():
    """A later report of a known order keeps its id; an earlier one, backfilled, becomes the
    record's earliest evidence: the id moves and the map says superseded."""
    first_report = _procurement("d1", 0, "2031-04")
    published = {"d1": "2031-04-10"}
    first = _records([first_report], published)
    later = _records([first_report, _procurement("d2", 0)], {**published, "d2": "2031-06-01"})
    assert later["procurements"].keys() == first["procurements"].keys()

    backfilled = _records([first_report, _procurement("d0", 0, "2031-04")], {**published, "d0": "2031-04-02"})
    (old_id,), (new_id,) = first["procurements"], backfilled["procurements"]
    assert old_id != new_id
    assert build_id_map(PreviousRelease("r1", first), backfilled) == [
        {"old_id": old_id, "table": "procurements", "relation": "superseded", "new_ids": [new_id], "last_release": "r1"}]
