"""Cross-document merging of agreement mentions (pipeline.consolidate, agreement half)."""
from pipeline.consolidate import consolidate
from pipeline.extract.records import AgreementMention, Evidence


def _m(doc, kind, status, topics, date=None):
    return AgreementMention(["JPN", "VNM"], kind, status, Evidence(doc, "s", 0, 1), date=date, topics=topics)


def test_generic_agreement_on_another_subject_does_not_join_a_specific_arrangement():
    ms = [_m("a.txt", "free_trade_agreement", "under_negotiation", ["trade"]),
          _m("b.txt", "agreement", "signed", ["certification"], "2024-05")]
    agreements, _ = consolidate(ms, {"a.txt": "2024-04-01", "b.txt": "2024-06-01"})
    assert sorted((r.agreement_type, r.status) for r in agreements) == [
        ("agreement", "signed"), ("free_trade_agreement", "under_negotiation")]


def test_generic_agreement_on_the_same_subject_joins():
    ms = [_m("a.txt", "mou", "proposed", ["defence_industry"]),
          _m("b.txt", "agreement", "signed", ["defence_industry", "training"], "2024-05-02")]
    agreements, _ = consolidate(ms, {"a.txt": "2024-04-01", "b.txt": "2024-06-01"})
    assert [(r.agreement_type, r.status, r.date) for r in agreements] == [("mou", "signed", "2024-05-02")]


def test_undated_generic_agreement_does_not_join_a_dated_record_of_another_kind():
    # a missing year is no evidence: the deal still in talks is not the MoU signed years ago
    ms = [_m("a.txt", "mou", "signed", ["procurement"], "2019"),
          _m("b.txt", "agreement", "under_negotiation", ["procurement"])]
    agreements, _ = consolidate(ms, {"a.txt": "2024-04-01", "b.txt": "2024-06-01"})
    assert sorted((r.agreement_type, r.status, r.date) for r in agreements) == [
        ("agreement", "under_negotiation", None), ("mou", "signed", "2019")]


def test_undated_mou_on_civil_subjects_is_not_the_defence_mou():
    ms = [_m("a.txt", "mou", "signed", ["defence_industry", "co_production", "trade"], "2025-03-02"),
          _m("b.txt", "mou", "proposed", ["critical_minerals"])]
    agreements, _ = consolidate(ms, {"a.txt": "2025-03-03", "b.txt": "2025-04-01"})
    assert sorted((r.status, r.topics[0]) for r in agreements) == [
        ("proposed", "critical_minerals"), ("signed", "co_production")]
    # the same subject's proposal joins and, reported later, ... stays one record
    ms = [_m("a.txt", "mou", "signed", ["defence_industry"], "2025-03-02"),
          _m("b.txt", "mou", "proposed", ["defence_industry", "training"])]
    agreements, _ = consolidate(ms, {"a.txt": "2025-03-03", "b.txt": "2025-02-01"})
    assert [(r.status, r.date) for r in agreements] == [("signed", "2025-03-02")]


def test_an_acronym_and_the_full_name_it_abbreviates_are_one_arrangement():
    full = AgreementMention(["CHL", "PER"], "agreement", "signed", Evidence("a.txt", "s", 0, 1),
                            name="Andean Skies Accord")
    short = AgreementMention(["CHL", "PER"], "agreement", "signed", Evidence("b.txt", "s", 0, 1), name="ASA")
    other = AgreementMention(["CHL", "PER"], "agreement", "signed", Evidence("c.txt", "s", 0, 1), name="Lima Accord")
    agreements, _ = consolidate([full, short, other], {"a.txt": "2024-05-04", "b.txt": "2024-05-05", "c.txt": "2024-05-06"})
    assert sorted(sorted(r.source_doc_ids) for r in agreements) == [["a.txt", "b.txt"], ["c.txt"]]
