"""End to end: a corpus full of bad inputs next to good articles. Nothing crashes, nothing is
lost: every file ends up in exactly one of documents, rejected or ignored, with its reason, and
the good files still publish."""
from __future__ import annotations

import codecs
import csv
import io
import json

from tests.release_files import csv_rows, json_rows
import os
import unicodedata
from pathlib import Path

import pytest

from pipeline.corpus.index import load_corpus

GOOD_SPAIN = """Spain signs a contract with Navantia for four frigates

MADRID, March 3, 2025 - Spain has signed a contract with Navantia for four F-110 frigates worth 4.3 billion euros, the Spanish defence ministry said on Monday.
The first frigate is due to be delivered in 2028. – Iberia Defence Wire
"""
GOOD_NORWAY = """Norway orders K9 howitzers from South Korea

OSLO, April 8, 2025 - Norway has signed a contract with South Korea's Hanwha Aerospace for 24 K9 self-propelled howitzers worth $410 million, the Norwegian Defence Materiel Agency said on Tuesday.
Deliveries of the howitzers are scheduled to begin in 2027.
"""
# the same story told by two outlets in their own words
SYNDICATED_A = """Poland buys 96 Apache helicopters from the United States

WARSAW, August 13, 2024 - Poland signed a contract with the United States for 96 AH-64E Apache helicopters worth $10 billion, the Polish defence minister said on Tuesday.
The helicopters will be delivered from 2028. – Vistula Daily
"""
SYNDICATED_B = """Warsaw seals $10bn Apache deal with Washington

Polish defence officials on Tuesday signed a $10 billion deal with the United States covering 96 AH-64E Apache attack helicopters, the ministry in Warsaw said on August 13, 2024.
First deliveries are expected in 2028, officials added. – Baltic Defence Review
"""
# zero-width joiners inside names, right-to-left override and isolates, a NUL byte
HOSTILE = (
    "Poland buys K2 tanks from South\u200d Korea\n\n"
    "SEOUL, May 5, 2025 - Poland signed a contract with South\u200d Korea\u202e for 180 K2\u200b tanks worth "
    "$6 billion\x00, the Polish defence ministry said on Monday.\u202c\n"
    "Deliveries of the \u2066tanks\u2069 begin in 2025.\n"
)
INJECTION = """=HYPERLINK("http://evil","x")

+ROME, June 2, 2025 - Italy signed a contract with Germany for 50 Leopard 2A8 tanks, officials said on Monday.
@SUM(1+1) was not part of the deal.
"""
# a formula shaped like a headline: it becomes the title
INJECTION_TITLE = """=HYPERLINK("http://evil","Italy buys Leopard tanks")

ROME, June 3, 2025 - Italy confirmed the contract with Germany for 50 Leopard 2A8 tanks, officials said on Tuesday.
"""
CP1252 = ("Brazil buys Gripen fighters from Sweden\n\n"
          "BRAS\xcdLIA, July 1, 2024 - Brazil\u2019s air force called the \u201chistoric\u201d contract with Saab "
          "for four more Gripen E fighters \u2013 worth \u20ac500 million \u2013 a success, the ministry said.\n")
LATIN1 = (b"Chile orders patrol vessels\n\n"
          b"VALPARA\xcdSO, Sept. 9, 2024 - Chile's navy signed a contract for two patrol vessels with the shipyard "
          b"of Talcahuano, the ministry said on Monday.\x81 The ships are due in 2027.\n")  # 0x81: not cp1252
UTF16 = ("Greece orders Rafale jets from France\n\n"
         "ATHENS, January 25, 2021 - Greece signed a contract with France for 18 Rafale fighter jets worth "
         "2.5 billion euros, the Greek defence minister said on Monday.\n")
BOILERPLATE = "Home > News\nShare this\nTweet\nLeave a Reply\nRelated Articles\n\u00a9 2025 Example. All rights reserved.\n"
MANIFEST = (
    "file,url,publisher,published,notes\n"
    "good_spain.txt,https://example.org/spain,=cmd|' /C calc'!A0,2025-03-03,checked\n"
    "good_norway.txt,https://example.org/norway,Nordic\u200d Defence,08/04/2025\n"
    "ghost.txt,https://example.org/ghost,Nobody,2025-01-01\n"
    "cp1252.txt,not-a-url,,2024-02-30,x,y,z\n"
)
HUGE_BYTES = 20 * 1024 * 1024

GOOD = {"good_spain.txt", "good_norway.txt", "syndicated_a.txt", "syndicated_b.txt", "hostile.txt",
        "injection.txt", "injection_title.txt", "cp1252.txt", "latin1.txt", "utf16.txt"}
REJECTED = {
    "empty.txt": "empty",
    "blank.txt": "empty",
    "image.txt": "binary",
    "noise.txt": "binary",
    "broken_utf16.txt": "undecodable",
    "huge.txt": "too_large",
    "boilerplate.txt": "only_boilerplate",
    "mirror/copy_of_norway.txt": "duplicate",
}
IGNORED = {
    "notes.md": "not a .txt file",
    "photo.png": "not a .txt file",
    ".DS_Store": "hidden",
    "outside.txt": "symlink outside corpus",
    "outside_dir": "symlink outside corpus",
    "broken.txt": "broken symlink",
    "caf\\xe9.txt": "file name is not valid UTF-8",
    "mirror/sources.csv": "manifest outside the corpus root (only ./sources.csv is read)",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def build_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "mirror").mkdir(parents=True)
    for name, text in [("good_spain.txt", GOOD_SPAIN), ("good_norway.txt", GOOD_NORWAY),
                       ("syndicated_a.txt", SYNDICATED_A), ("syndicated_b.txt", SYNDICATED_B),
                       ("hostile.txt", HOSTILE), ("injection.txt", INJECTION),
                       ("injection_title.txt", INJECTION_TITLE), ("boilerplate.txt", BOILERPLATE),
                       ("mirror/copy_of_norway.txt", GOOD_NORWAY), ("sources.csv", MANIFEST)]:
        (root / name).write_bytes(text.encode("utf-8"))
    (root / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (root / "latin1.txt").write_bytes(LATIN1)
    (root / "utf16.txt").write_bytes(UTF16.encode("utf-16"))  # with a byte-order mark
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\t\r\n")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "noise.txt").write_bytes(bytes(range(256)) * 8)  # binary without a magic number
    (root / "broken_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Seoul".encode("utf-16-le") + b"\x00\xd8")
    (root / "huge.txt").write_bytes(GOOD_SPAIN.encode() * (HUGE_BYTES // len(GOOD_SPAIN.encode()) + 1))
    (root / "notes.md").write_text("# notes\n")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "mirror" / "sources.csv").write_text("file\n")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "private.txt").write_text(GOOD_SPAIN.replace("four", "five"))
    os.symlink(secret / "private.txt", root / "outside.txt")
    os.symlink(secret, root / "outside_dir")
    os.symlink(tmp_path / "missing.txt", root / "broken.txt")
    with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as f:
        f.write(GOOD_SPAIN.replace("four", "six").encode())
    return root


def files_under(root: Path) -> set[str]:
    """Every file and symlink under root, as the listing names them (bad bytes escaped)."""
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):  # does not follow symlinked dirs
        rel = Path(dirpath).relative_to(root)
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            out.add((rel / name).as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
    return out


def exactly_once(root: Path, documents: list[str], rejected: list[str], ignored: list[str], manifest: str | None):
    names = documents + rejected + ignored + ([manifest] if manifest else [])
    assert len(names) == len(set(names)), sorted(names)
    assert files_under(root) == set(names)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The corpus, and the output of one refresh run over it (shared by the tests below)."""
    import dagster as dg

    from tests.conftest import run_refresh

    tmp_path = tmp_path_factory.mktemp("bad_inputs")
    root = build_corpus(tmp_path)
    out = tmp_path / "out"
    with dg.instance_for_test() as instance:
        result = run_refresh(root, out, instance)
    return tmp_path, root, out, result


def test_the_run_succeeds_and_every_check_passes(released):
    _, _, out, result = released
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    assert all(c.passed for c in result.get_asset_check_evaluations())
    assert (out / "latest").is_symlink()


def test_every_file_is_in_exactly_one_place(released):
    _, root, out, _ = released
    corpus = load_corpus(root)
    exactly_once(root, [d.file_name for d in corpus.documents], [r.file for r in corpus.rejected],
                 [p for p, _ in corpus.ignored], corpus.manifest)

    latest = out / "latest"
    documents = json_rows(latest, "documents")
    rejected = json.loads((latest / "rejected.json").read_text(encoding="utf-8"))
    report = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))["corpus"]
    exactly_once(root, [d["file_name"] for d in documents], [r["file_name"] for r in rejected],
                 [i["path"] for i in report["ignored"]], report["manifest"])

    assert {d["file_name"] for d in documents} == GOOD
    assert {r["file_name"]: r["reason"] for r in rejected} == REJECTED
    assert {i["path"]: i["reason"] for i in report["ignored"]} == IGNORED
    for r in rejected:
        assert r["message"].startswith(r["file_name"] + ": ")
        if r["reason"] != "too_large":  # a too-large file is not read, so it has no hash
            assert len(r["sha256"]) == 64
        assert r["n_bytes"] == (root / r["file_name"]).stat().st_size


def test_rejections_say_why(released):
    _, _, out, _ = released
    rejected = {r["file_name"]: r for r in json.loads((out / "latest" / "rejected.json").read_text(encoding="utf-8"))}
    huge = rejected["huge.txt"]
    assert huge["n_bytes"] > HUGE_BYTES and huge["sha256"] is None
    assert "over the 5,000,000-byte" in huge["message"]  # the size limit (pipeline.corpus.document.MAX_BYTES)
    assert "PNG" in rejected["image.txt"]["message"]
    assert "same bytes as good_norway.txt" in rejected["mirror/copy_of_norway.txt"]["message"]


def test_encodings_are_decoded_and_recorded(released):
    _, _, out, _ = released
    docs = {d["file_name"]: d for d in json_rows(out / "latest", "documents")}
    assert docs["cp1252.txt"]["encoding"] == "cp1252"
    assert "\u201chistoric\u201d contract" in docs["cp1252.txt"]["text"] and "\u20ac500" in docs["cp1252.txt"]["text"]
    assert docs["latin1.txt"]["encoding"] == "latin-1"
    assert "VALPARA\xcdSO" in docs["latin1.txt"]["text"] and "\x81" not in docs["latin1.txt"]["text"]
    assert docs["utf16.txt"]["encoding"] == "utf-16"
    assert docs["utf16.txt"]["title"] == "Greece orders Rafale jets from France"
    assert docs["good_norway.txt"]["encoding"] == "utf-8"


def test_hostile_unicode_is_removed(released):
    _, root, out, _ = released
    docs = {d["file_name"]: d for d in json_rows(out / "latest", "documents")}
    text = docs["hostile.txt"]["text"]
    assert "South Korea for 180 K2 tanks" in text and docs["hostile.txt"]["title"] == "Poland buys K2 tanks from South Korea"
    assert not any(unicodedata.category(c) in ("Cf", "Cc") and c not in "\n\t\r" for c in text)
    (doc,) = [d for d in load_corpus(root).documents if d.file_name == "hostile.txt"]
    assert doc.n_removed_controls == 8 == sum(unicodedata.category(c) in ("Cf", "Cc") for c in HOSTILE.replace("\n", ""))
    # the procurement is found although its names were broken by invisible characters
    procurements = json.loads((out / "latest" / "procurements.json").read_text(encoding="utf-8"))
    assert any(p["buyer_country"] == "POL" and p["supplier_country"] == "KOR" and p["system"] == "K2"
               and p["evidence_doc_id"] == docs["hostile.txt"]["doc_id"] for p in procurements)
    # the manifest's publisher lost its zero-width joiner too
    assert docs["good_norway.txt"]["publisher"] == "Nordic Defence"


def test_syndicated_story_is_one_record_with_two_sources(released):
    _, _, out, _ = released
    latest = out / "latest"
    docs = {d["file_name"]: d["doc_id"] for d in json_rows(latest, "documents")}
    assert {"syndicated_a.txt", "syndicated_b.txt"} <= set(docs)
    apache = [p for p in json.loads((latest / "procurements.json").read_text(encoding="utf-8"))
              if p["buyer_country"] == "POL" and p["system"].startswith("AH-64")]
    assert len(apache) == 1
    assert apache[0]["n_sources"] == 2
    assert sorted(apache[0]["source_doc_ids"]) == sorted([docs["syndicated_a.txt"], docs["syndicated_b.txt"]])


def test_manifest_problems_are_published(released):
    _, _, out, _ = released
    report = json.loads((out / "latest" / "datapackage.json").read_text(encoding="utf-8"))["corpus"]
    problems = "\n".join(report["manifest_problems"])
    for expected in ("unknown column(s) ignored: notes", "'08/04/2025'", "'2024-02-30'", "'ghost.txt' matches no article",
                     "value(s) beyond the header", "'not-a-url'"):
        assert expected in problems


def test_published_files_are_clean(released):
    tmp_path, _, out, _ = released
    machine_paths = {str(tmp_path), str(tmp_path.resolve())}
    published = [p for p in sorted(out.rglob("*")) if p.is_file() and not p.is_symlink()]
    assert {p.name for p in published} >= {"rejected.json", "datapackage.json", "processed_corpus.json"}
    assert any(p.parent.name == "documents.csv" and p.suffix == ".csv" for p in published)  # a month of documents
    for path in published:
        data = path.read_bytes()
        for p in machine_paths:
            assert p.encode() not in data, f"{path.name} names {p}"
        if path.suffix == ".json":
            json.loads(data.decode("utf-8"))  # strict: valid UTF-8 and valid JSON
        if path.suffix == ".csv":
            for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
                for cell in row:
                    assert not cell.startswith(FORMULA_START), (path.name, cell[:40])


def test_csv_injection_is_neutralised(released):
    _, _, out, _ = released
    rows = {r["file_name"]: r for r in csv_rows(out / "latest", "documents")}
    injection = rows["injection.txt"]
    assert injection["text"].startswith("'=HYPERLINK(\"http://evil\",\"x\")")
    assert rows["good_spain.txt"]["publisher"] == "'=cmd|' /C calc'!A0"
    # JSON and Parquet keep the value as it is (only a spreadsheet executes it)
    docs = {d["file_name"]: d for d in json_rows(out / "latest", "documents")}
    assert docs["good_spain.txt"]["publisher"] == "=cmd|' /C calc'!A0"
    # a one-word line is no headline, so injection.txt has no title; a headline-shaped formula is
    # one, and its title cell is neutralised
    assert docs["injection.txt"]["title"] is None
    assert docs["injection_title.txt"]["title"] == '=HYPERLINK("http://evil","Italy buys Leopard tanks")'
    assert rows["injection_title.txt"]["title"] == '\'=HYPERLINK("http://evil","Italy buys Leopard tanks")'
    assert rows["injection_title.txt"]["text"].startswith("'=HYPERLINK")
