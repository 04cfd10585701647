import codecs
import hashlib
from pathlib import Path

import pytest

from pipeline.corpus import DocumentRejected, ManifestRow, corpus_fingerprint, read_document

from pipeline.corpus.index import load_corpus

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

ARTICLE = (
    "Home > News > Asia\n"
    "Manila orders two more corvettes\n"
    "March 7, 2025\n"
    "By Staff Writer\n\n"
    "MANILA: The Philippine Navy signed a contract for two more corvettes with a Korean shipbuilder "
    "on Friday, the defence department said.\n\n"
    "The ships will cost about $554 million and arrive from 2028. – Example Wire\n\n"
    "Share this\nRead more:\n- Typhoon update\n"
)


def test_read_document_fields():
    data = ARTICLE.encode("utf-8")
    doc = read_document("asia\\manila.txt", data)
    assert doc.file_name == "asia/manila.txt"
    assert len(doc.doc_id) == 16 and doc.raw_sha256.startswith(doc.doc_id)
    assert doc.title == "Manila orders two more corvettes"
    assert (doc.published, doc.published_precision, doc.published_source) == ("2025-03-07", "day", "text")
    assert doc.publisher == "Example Wire"
    assert doc.url is None
    assert doc.text.startswith("Manila orders two more corvettes\n\nMANILA: The Philippine Navy")
    assert doc.text.endswith("– Example Wire\n")
    assert doc.n_chars == len(doc.text) and doc.n_bytes == len(data) and doc.encoding == "utf-8"
    raw = data.decode(doc.encoding)
    for i, ch in enumerate(doc.text):
        assert raw[doc.to_raw(i)] == ch


def test_manifest_wins():
    row = ManifestRow("manila.txt", "https://example.org/m", "Manila Daily", "2025-03")
    doc = read_document("manila.txt", ARTICLE.encode("utf-8"), row)
    assert (doc.published, doc.published_precision, doc.published_source) == ("2025-03", "month", "manifest")
    assert doc.publisher == "Manila Daily" and doc.url == "https://example.org/m"
    # empty manifest values fall back to the text
    doc = read_document("manila.txt", ARTICLE.encode("utf-8"), ManifestRow("manila.txt", None, None, None))
    assert (doc.published, doc.published_source, doc.publisher) == ("2025-03-07", "text", "Example Wire")


def test_same_bytes_same_id_and_cp1252_offsets():
    data = ARTICLE.replace("–", "-").encode("cp1252") + b"\x93quoted\x94 end.\n"
    doc = read_document("x.txt", data)
    assert doc.encoding == "cp1252"
    assert read_document("y.txt", data).doc_id == doc.doc_id
    raw = data.decode("cp1252")
    for i, ch in enumerate(doc.text):
        assert raw[doc.to_raw(i)] == ch


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\nxxxx", "binary"), (b"a" * 101, "too_large"),
     (b"Share this\nTweet\nLeave a Reply\n", "only_boilerplate"),
     (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable")],
)
def test_rejections(data, reason):
    with pytest.raises(DocumentRejected) as e:
        read_document("bad.txt", data, max_bytes=100)
    assert e.value.reason == reason
    assert str(e.value).startswith("bad.txt: ")


def test_load_corpus(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-8"))
    (tmp_path / "copy.txt").write_bytes(ARTICLE.encode("utf-8"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "sources.csv").write_text("file,published,extra\na.txt,2024,x\nghost.txt,,\n")
    corpus = load_corpus(tmp_path)
    assert [d.file_name for d in corpus.documents] == ["a.txt"]
    assert corpus.documents[0].published == "2024" and corpus.documents[0].published_precision == "year"
    assert [(r.file, r.reason) for r in corpus.rejected] == [("copy.txt", "duplicate"), ("empty.txt", "empty")]
    assert "same bytes as a.txt" in corpus.rejected[0].message
    assert corpus.rejected[0].sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert corpus.fingerprint == corpus_fingerprint(tmp_path)
    assert set(corpus.fingerprint) == {"a.txt", "copy.txt", "empty.txt", "sources.csv"}
    assert corpus.ignored == [("notes.md", "not a .txt file")]
    assert any("extra" in p for p in corpus.manifest_problems)
    assert any("ghost.txt" in p for p in corpus.manifest_problems)


def test_seeds():
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5
    docs = {f.name[:3]: read_document(f.name, f.read_bytes()) for f in files}
    assert (docs["002"].published, docs["002"].published_precision) == ("2025-09-22", "day")
    assert docs["002"].publisher == "Bernama"
    assert (docs["000"].published, docs["000"].published_precision) == ("2025-11-02", "day")
    assert docs["003"].published is None
    assert docs["004"].published is None
    for doc in docs.values():
        for noise in ("Guess You Like", "slotId", "Leave a Reply", "Homepage"):
            assert noise not in doc.text, (doc.file_name, noise)
        assert doc.n_chars > 1000
