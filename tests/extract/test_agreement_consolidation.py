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
