from pipeline.publish.changes import diff_tables, summary


def test_diff_reports_added_removed_changed():
    old = {"agreements": [{"agreement_id": "a", "status": "proposed"}, {"agreement_id": "b", "status": "signed"}], "procurements": []}
    new = {"agreements": [{"agreement_id": "a", "status": "signed"}, {"agreement_id": "c", "status": "signed"}], "procurements": []}
    d = diff_tables(old, new)
    assert d["agreements"] == {"added": ["c"], "removed": ["b"], "changed": ["a"]}
    assert d["procurements"] == {"added": [], "removed": [], "changed": []}
    assert summary(d) == "agreements: +1 -1 ~1; procurements: +0 -0 ~0"


def test_first_release_adds_everything():
    d = diff_tables(None, {"agreements": [{"agreement_id": "x"}], "procurements": [{"procurement_id": "p"}]})
    assert d["agreements"]["added"] == ["x"] and d["procurements"]["added"] == ["p"]
