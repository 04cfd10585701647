import json
import os

import pandas as pd

from pipeline.publish.release import publish_release
from schemas.table_schema import empty_frame
from schemas import TABLES


def _tables(status="signed"):
    tables = {name: empty_frame(model) for name, model in TABLES.items()}
    agr = empty_frame(TABLES["agreements"])
    row = {c: None for c in agr.columns}
    row.update(
        agreement_id="agr-0000000000000001", parties=["KOR", "MYS"], agreement_type="mou", status=status,
        signatories=[], topics=[], source_doc_ids=["d1"], n_sources=1, evidence_doc_id="d1",
        evidence_sentence="s", evidence_char_start=0, evidence_char_end=1, mention_ids=["m1"], conflicts=[],
        extractor_version="t", confidence=0.9, curated=False,
    )
    tables["agreements"] = pd.DataFrame([row]).astype(agr.dtypes.to_dict())
    return tables


def test_release_layout_and_no_new_version_when_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path, _tables(), [{"title": "t", "path": "a.txt"}])
    assert first.created and first.previous_version is None
    assert os.readlink(tmp_path / "latest") == f"releases/{first.version}"
    names = sorted(p.name for p in first.path.iterdir())
    assert "datapackage.json" in names and "changes.json" in names and "agreements.parquet" in names
    again = publish_release(tmp_path, _tables(), [{"title": "t", "path": "a.txt"}])
    assert not again.created and again.version == first.version
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [first.version]


def test_changed_data_gives_new_version_with_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path, _tables("proposed"), [])
    second = publish_release(tmp_path, _tables("signed"), [])
    assert second.created and second.version != first.version
    assert second.previous_version == first.version
    changes = json.loads((second.path / "changes.json").read_text())
    assert changes["tables"]["agreements"]["changed"] == ["agr-0000000000000001"]
    assert (tmp_path / "latest").resolve() == second.path.resolve()
    # the previous release is immutable and still there
    assert (first.path / "agreements.json").exists()


def test_no_staging_folder_left_behind(tmp_path):
    publish_release(tmp_path, _tables(), [])
    assert not [p for p in (tmp_path / "releases").iterdir() if p.name.startswith(".")]
