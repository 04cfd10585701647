"""The unit-noun lexicon (pipeline/reference/unit_nouns.csv) is well formed and drives the counts."""
import csv
from pathlib import Path

from schemas.vocab import CATEGORIES

from pipeline.extract.quantities import quantity_in, single_unit

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "pipeline" / "reference" / "unit_nouns.csv"
FIXTURE = Path(__file__).parent / "fixtures" / "reference" / "unit_nouns.csv"


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_header_vocabulary_sources_and_order():
    rows = _rows(REAL)
    assert list(rows[0]) == ["noun", "forms", "categories", "single", "source"]
    for r in rows:
        assert r["source"].strip() and r["single"] in ("0", "1")
        assert all(c == "any" or c in CATEGORIES for c in r["categories"].split("|")), r
        assert r["forms"] == r["forms"].lower() and r["forms"].isascii(), r
    nouns = [r["noun"] for r in rows]
    assert nouns == sorted(nouns) and len(nouns) == len(set(nouns))
    forms = [f for r in rows for f in r["forms"].split("|")]
    assert len(forms) == len(set(forms))  # a written form counts for one noun only


def test_fixture_copy_is_the_real_lexicon():
    assert FIXTURE.read_text(encoding="utf-8") == REAL.read_text(encoding="utf-8")


def test_category_decides_which_nouns_count():
    text = "The package holds 36 launchers, 240 missiles and nine fire units."
    assert quantity_in(text, "missile") == 36
    assert quantity_in(text, "air_defence") == 36
    assert quantity_in(text, "artillery") == 36
    assert quantity_in("The package holds 240 missiles and nine fire units.", "air_defence") == 9
    assert quantity_in("The package holds 240 missiles.", "combat_aircraft") is None
    assert quantity_in("The package holds 240 missiles.", "other") == 240  # no nouns listed: any counts
    assert quantity_in("It adds 14 unmanned aerial vehicles.", "uav") == 14
    assert quantity_in("It adds 14 units.", "naval_vessel") == 14


def test_single_noun_closes_the_phrase():
    text = "The coast guard took over a Dutch-built Damen cutter from the navy."
    assert single_unit(text, text.index("Damen")) == 1
    text = "The army fielded a Korean Chunmoo launcher at the drill."
    assert single_unit(text, text.index("Chunmoo")) is None  # launcher: not counted as one from "a"


def test_lexicon_is_read_from_the_reference_dir(tmp_path, monkeypatch):
    (tmp_path / "unit_nouns.csv").write_text(
        "noun,forms,categories,single,source\nbarge,barge|barges,naval_vessel,1,test\n", encoding="utf-8")
    monkeypatch.setenv("DEALS_REFERENCE_DIR", str(tmp_path))
    assert quantity_in("It adds four barges.", "naval_vessel") == 4
    assert quantity_in("It adds four ships.", "naval_vessel") is None


def test_new_unit_nouns_count_their_categories_only():
    assert quantity_in("The order, signed in June, covers 36 guns and spares.", "artillery") == 36
    assert quantity_in("The army will field 150 APCs from the plant.", "armoured_vehicle") == 150
    assert quantity_in("The deal covers 36 guns and spares.", "helicopter") is None  # guns count artillery
    assert quantity_in("A loan for 5,000 rifles was agreed.", "small_arms") == 5000


def test_number_inside_a_named_system_is_masked():
    text = "Officials blocked the export of Leopard 2 tanks."
    start = text.index("Leopard 2")
    assert quantity_in(text, "tank") == 2  # unmasked, the name's number reads as a count
    assert quantity_in(text, "tank", [(start, start + len("Leopard 2"))]) is None
