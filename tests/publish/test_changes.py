from pipeline.publish.changes import diff_tables, summary


def test_diff_reports_added_removed_changed():
    old = {"agreements": [{"agreement_id": "a", "status": "proposed"}, {"agreement_id": "b", "status": "signed"}], "procurements": []}
    new = {"agreements": [{"agreement_id": "a", "status": "signed"}, {"agreement_id": "c", "status": "signed"}], "procurements": []}
    d = diff_tables(old, new)
    assert d["agreements"] == {"added": ["c"], "removed": ["b"], "changed": ["a"], "moved": {}}
    assert d["procurements"] == {"added": [], "removed": [], "changed": [], "moved": {}}
    assert summary(d) == "agreements: +1 -1 ~1; procurements: +0 -0 ~0"


def test_first_release_adds_everything():
    d = diff_tables(None, {"agreements": [{"agreement_id": "x"}], "procurements": [{"procurement_id": "p"}]})
    assert d["agreements"]["added"] == ["x"] and d["procurements"]["added"] == ["p"]


def test_diff_of_published_files_equals_diff_of_records(tmp_path):
    """changes.json compares the releases' JSON lines; it must say what comparing records says."""
    import io

    import pandas as pd

    from pipeline.publish.changes import diff_files
    from pipeline.publish.formats import JsonWriter

    def write(folder, rows_by_table):
        folder.mkdir()
        for table, rows in rows_by_table.items():
            sink = io.BytesIO()
            writer = JsonWriter(sink, pd.DataFrame())
            writer.write(pd.DataFrame(rows))
            writer.close()
            (folder / f"{table}.json").write_bytes(sink.getvalue())

    old = {"agreements": [{"agreement_id": "a", "status": "proposed"}, {"agreement_id": "b", "status": "signed"},
                          {"agreement_id": 'q"uote\\d', "status": "signed"}],
           "procurements": [{"procurement_id": "p", "status": "ordered"}]}
    new = {"agreements": [{"agreement_id": "a", "status": "signed"}, {"agreement_id": "c", "status": "signed"},
                          {"agreement_id": 'q"uote\\d', "status": "signed"}],
           "procurements": [{"procurement_id": "p", "status": "ordered"}]}
    write(tmp_path / "old", old)
    write(tmp_path / "new", new)
    assert diff_files(tmp_path / "old", tmp_path / "new") == diff_tables(old, new)
    assert diff_files(None, tmp_path / "new") == diff_tables(None, new)


def test_record_digests_stream_the_file_and_tell_records_apart(tmp_path):
    import hashlib

    from pipeline.publish.changes import record_digests, records_by_id
    lines = [b'{"procurement_id": "p1", "status": "ordered"}', b'{"procurement_id": "p2", "status": "ordered"}',
             b'{"status": "planned", "procurement_id": "p3"}']  # not the plain layout: decoded
    data = b"[\n" + b",\n".join(lines) + b"\n]"  # no newline after the closing bracket
    path = tmp_path / "procurements.json"
    path.write_bytes(data)
    digests = record_digests(path, "procurement_id")
    assert digests == {k: hashlib.sha256(v).digest() for k, v in records_by_id(data, "procurement_id").items()}
    assert sorted(digests) == ["p1", "p2", "p3"]
    assert digests["p1"] != digests["p2"]  # same layout, different records
