from pipeline.corpus import ManifestRow, read_manifest
from pipeline.corpus.index import load_corpus


def test_good_manifest():
    rows, problems = read_manifest(
        "file,url,publisher,published\n"
        "a.txt,https://example.org/a,Wing News,2025-09-22\n"
        "sub/b.txt,,,2025-09\n"
        "\n"
        "./c.txt,https://example.org/c,,\n"
    )
    assert problems == []
    assert rows == {
        "a.txt": ManifestRow("a.txt", "https://example.org/a", "Wing News", "2025-09-22"),
        "sub/b.txt": ManifestRow("sub/b.txt", None, None, "2025-09"),
        "c.txt": ManifestRow("c.txt", "https://example.org/c", None, None),
    }


def test_bad_date_extra_column_duplicate_row():
    rows, problems = read_manifest(
        "\ufefffile,url,publisher,published,notes\n"
        "a.txt,https://example.org/a,Wing News,22/09/2025,checked\n"
        "b.txt,https://example.org/b,Wing News,2025-09-21,\n"
        "b.txt,https://example.org/b2,Other,2025-09-20,\n"
    )
    assert rows["a.txt"].published is None  # bad date dropped, row kept
    assert rows["a.txt"].publisher == "Wing News"
    assert rows["b.txt"].url == "https://example.org/b"  # first row wins
    assert len(problems) == 3
    assert any("notes" in p and "unknown column" in p for p in problems)
    assert any("22/09/2025" in p and "a.txt" in p for p in problems)
    assert any("duplicate" in p and "b.txt" in p and "line 4" in p for p in problems)


def test_missing_file_column():
    rows, problems = read_manifest("path,url\na.txt,https://example.org\n")
    assert rows == {}
    assert len(problems) == 1 and "'file'" in problems[0]


def test_never_raises_on_garbage():
    for text in ["", "\n\n", "file\n\"unterminated", "file,published\n,2025\nx.txt,not a date,extra,extra\n",
                 "file,url\n" + "\x00" * 5]:
        rows, problems = read_manifest(text)
        assert isinstance(rows, dict) and isinstance(problems, list)


def test_non_http_url_dropped_row_kept():
    # A javascript:, data: or schemeless link must never be published (documents.url, datapackage.json),
    # where a viewer makes it clickable; the row's publisher and date are still good and still apply.
    rows, problems = read_manifest(
        "file,url,publisher,published\n"
        "a.txt,javascript:alert(1),Wing News,2025-09-22\n"
        "b.txt, JaVaScRiPt:alert(1),,\n"
        '"c.txt","data:text/html;base64,PHNjcmlwdD4=",,\n'
        "d.txt,//evil.example/x,,\n"
        "e.txt,https://,,\n"
        "f.txt,HTTPS://example.org/f,,\n"
    )
    assert rows["a.txt"] == ManifestRow("a.txt", None, "Wing News", "2025-09-22")
    assert [rows[f].url for f in ("b.txt", "c.txt", "d.txt", "e.txt")] == [None] * 4
    assert rows["f.txt"].url == "HTTPS://example.org/f"  # the scheme is case-insensitive
    assert len(problems) == 5
    for line, (file, problem) in enumerate(zip("abcde", problems), start=2):
        assert problem.startswith(f"line {line}: url ") and f"'{file}.txt'" in problem
        assert "not an http(s) address" in problem and "dropped" in problem


def test_dropped_url_never_reaches_the_document(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Manila orders two corvettes\n\nMANILA, March 7, 2025 - The Philippine Navy signed a contract "
        "for two corvettes with a Korean shipbuilder, the defence department said.\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,url,publisher\na.txt,javascript:alert(1),Wing News\n")
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents
    assert doc.url is None and doc.publisher == "Wing News"
    assert any("javascript:alert(1)" in p and "dropped" in p for p in corpus.manifest_problems)
