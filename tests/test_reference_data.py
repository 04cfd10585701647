"""Checks on the reference-data CSVs (gazetteers) in pipeline/reference/.

The files are hand-maintained data; these tests keep them well-formed, consistent with the
controlled vocabularies and ISO 3166-1, free of ambiguous aliases, and sorted for stable diffs.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from schemas.vocab import CATEGORIES

REF = Path(__file__).resolve().parents[1] / "pipeline" / "reference"

HEADERS = {
    "country_aliases.csv": ["alpha3", "alias", "source"],
    "demonyms.csv": ["alpha3", "demonym", "source"],
    "capitals.csv": ["alpha3", "capital", "source"],
    "organisations.csv": ["name", "aliases", "country", "kind", "source"],
    "weapon_systems.csv": ["system", "aliases", "category", "origin_country", "manufacturer", "source"],
    "currencies.csv": ["form", "code", "position", "country", "source"],
    "category_nouns.csv": ["priority", "category", "noun", "source"],
    "abbreviations.csv": ["abbreviation", "kind", "source"],
}
# Columns that may be empty: list cells, the origin of multinational designs, unknown makers.
OPTIONAL = {
    "organisations.csv": {"aliases"},
    "weapon_systems.csv": {"aliases", "origin_country", "manufacturer"},
    "currencies.csv": {"country"},
}
LIST_COLUMNS = {"aliases"}
ORG_KINDS = {"ministry", "agency", "armed_forces", "firm", "government_body"}
# An empty origin_country is only allowed when the source says why.
NO_ORIGIN_REASONS = ("multinational", "joint", "trilateral", "not recorded")

ISO_ALPHA3 = {c.alpha_3 for c in pycountry.countries}

UN_MEMBERS = set(
    """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
    CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST
    SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN
    JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG
    MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA
    KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO
    TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split()
)
# Deliberate gaps (see pipeline/reference/README.md): "Congolese" and "Dominican" are ambiguous
# between two states; the Seychelles' capital "Victoria" collides with the Australian state.
NO_DEMONYM = {"COD", "COG", "DMA"}
NO_CAPITAL = {"SYC"}


def load(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(REF / name, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, r, strict=True)) for r in reader]
    return header, rows


def split_list(cell: str) -> list[str]:
    return [a for a in cell.split("|")] if cell else []


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict[str, str]]]:
    return {name: load(name)[1] for name in HEADERS}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_cells(name: str) -> None:
    header, rows = load(name)
    assert header == HEADERS[name]
    assert rows, f"{name} is empty"
    optional = OPTIONAL.get(name, set())
    for i, row in enumerate(rows, start=2):
        for col, value in row.items():
            assert value == value.strip(), f"{name}:{i} {col} has surrounding whitespace: {value!r}"
            if col not in optional:
                assert value, f"{name}:{i} required column {col} is empty"
            if col in LIST_COLUMNS:
                parts = split_list(value)
                assert all(p and p == p.strip() for p in parts), f"{name}:{i} bad list cell {value!r}"
                assert len(parts) == len(set(parts)), f"{name}:{i} duplicate item in {value!r}"
            elif col != "source":
                assert "|" not in value, f"{name}:{i} {col} is single-valued: {value!r}"


@pytest.mark.parametrize(
    "name,key",
    [
        ("country_aliases.csv", ("alpha3", "alias")),
        ("demonyms.csv", ("alpha3", "demonym")),
        ("capitals.csv", ("alpha3", "capital")),
        ("organisations.csv", ("country", "kind", "name")),
        ("weapon_systems.csv", ("category", "system")),
        ("currencies.csv", ("code", "form")),
        ("category_nouns.csv", ("category", "noun")),
        ("abbreviations.csv", ("abbreviation",)),
    ],
)
def test_sorted_and_unique(name: str, key: tuple[str, ...]) -> None:
    _, rows = load(name)

    def sort_key(r: dict[str, str]) -> tuple[str, ...]:
        *groups, last = key
        return (*(r[k] for k in groups), r[last].casefold(), r[last])

    keys = [sort_key(r) for r in rows]
    assert keys == sorted(keys), f"{name} is not sorted by {key}"
    assert len(keys) == len(set(keys)), f"{name} has duplicate rows"


def test_alpha3_codes_are_iso(data) -> None:
    for name, col in [
        ("country_aliases.csv", "alpha3"),
        ("demonyms.csv", "alpha3"),
        ("capitals.csv", "alpha3"),
        ("organisations.csv", "country"),
        ("weapon_systems.csv", "origin_country"),
    ]:
        for row in data[name]:
            code = row[col]
            if code or col != "origin_country":
                assert code in ISO_ALPHA3, f"{name}: {code!r} is not an ISO 3166-1 alpha-3 code"


def test_place_names_map_to_one_country(data) -> None:
    """An alias, demonym or capital must never point at two states (compared case-insensitively)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for name, col in [("country_aliases.csv", "alias"), ("demonyms.csv", "demonym"), ("capitals.csv", "capital")]:
        for row in data[name]:
            seen[row[col].casefold()].add(row["alpha3"])
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes, clashes


def test_un_member_coverage(data) -> None:
    with_demonym = {r["alpha3"] for r in data["demonyms.csv"]}
    with_capital = {r["alpha3"] for r in data["capitals.csv"]}
    assert UN_MEMBERS - NO_DEMONYM <= with_demonym, sorted(UN_MEMBERS - NO_DEMONYM - with_demonym)
    assert {"TWN", "PSE"} <= with_demonym
    assert UN_MEMBERS - NO_CAPITAL <= with_capital, sorted(UN_MEMBERS - NO_CAPITAL - with_capital)
    assert "TWN" in with_capital


def test_organisations(data) -> None:
    rows = data["organisations.csv"]
    assert {r["kind"] for r in rows} <= ORG_KINDS
    assert sum(r["kind"] == "firm" for r in rows) >= 170
    ministry_states = {r["country"] for r in rows if r["kind"] in ("ministry", "agency")}
    assert len(ministry_states) >= 60
    forces_states = {r["country"] for r in rows if r["kind"] == "armed_forces"}
    assert len(forces_states) >= 40
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)), "duplicate organisation name"
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for label in [r["name"], *split_list(r["aliases"])]:
            owners[label.casefold()].add(r["country"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"labels shared by organisations of different countries: {clashes}"


def test_weapon_systems(data) -> None:
    rows = data["weapon_systems.csv"]
    assert len(rows) >= 320
    assert {r["category"] for r in rows} <= set(CATEGORIES)
    org_names = {r["name"] for r in data["organisations.csv"]}
    missing = {r["manufacturer"] for r in rows if r["manufacturer"] and r["manufacturer"] not in org_names}
    assert not missing, f"manufacturers not in organisations.csv: {sorted(missing)}"
    for r in rows:
        if not r["origin_country"]:
            assert any(w in r["source"] for w in NO_ORIGIN_REASONS), f"{r['system']}: empty origin without reason"
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for label in [r["system"], *split_list(r["aliases"])]:
            owners[label.casefold()].add(r["system"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"aliases shared by different systems: {clashes}"


def _country_lookup(data) -> dict[str, set[str]]:
    lookup: dict[str, set[str]] = defaultdict(set)
    for name, col in [("country_aliases.csv", "alias"), ("demonyms.csv", "demonym"), ("capitals.csv", "capital")]:
        for row in data[name]:
            lookup[row[col]].add(row["alpha3"])
    for row in data["organisations.csv"]:
        for label in [row["name"], *split_list(row["aliases"])]:
            lookup[label].add(row["country"])
    return lookup


@pytest.mark.parametrize(
    "text,alpha3",
    [
        ("South Korea", "KOR"),
        ("ROK", "KOR"),
        ("Türkiye", "TUR"),
        ("Korean", "KOR"),
        ("Malaysian", "MYS"),
        ("Polish", "POL"),
        ("Seoul", "KOR"),
        ("Kuala Lumpur", "MYS"),
        ("KAI", "KOR"),
        ("DAPA", "KOR"),
        ("DAC", "IND"),  # "The DAC also cleared ...": the council told by its acronym
        ("Naval Group", "FRA"),
        ("Hanwha Aerospace", "KOR"),
        ("North Korea", "PRK"),
        ("North Korean", "PRK"),
        ("Philippine Air Force", "PHL"),
        ("Armament Agency", "POL"),
    ],
)
def test_spot_checks(data, text: str, alpha3: str) -> None:
    assert _country_lookup(data).get(text) == {alpha3}


def test_fa50ph_is_fa50(data) -> None:
    fa50 = [r for r in data["weapon_systems.csv"] if r["system"] == "FA-50"]
    assert len(fa50) == 1
    assert "FA-50PH" in split_list(fa50[0]["aliases"])
    assert fa50[0]["category"] == "combat_aircraft"
    assert fa50[0]["origin_country"] == "KOR"
    assert fa50[0]["manufacturer"] == "Korea Aerospace Industries"


def test_venues_csv():
    import csv
    from pathlib import Path

    import pycountry

    path = Path(__file__).resolve().parents[1] / "pipeline" / "reference" / "venues.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["venue", "city", "alpha3", "source"]
        venues = list(reader)
    assert len(venues) >= 25
    assert [r["venue"] for r in venues] == sorted(r["venue"] for r in venues)
    for r in venues:
        assert r["venue"] and r["city"] and r["source"], r
        assert pycountry.countries.get(alpha_3=r["alpha3"]) is not None, r
    assert {r["venue"]: r["city"] for r in venues}["Camp Aguinaldo"] == "Quezon City"


def test_currencies(data) -> None:
    """Every form names an ISO 4217 code the schemas accept, in one position, once per position
    and buyer state (an empty country: the default)."""
    codes = {c.alpha_3 for c in pycountry.currencies}
    seen: dict[tuple[str, str, str], str] = {}
    for row in data["currencies.csv"]:
        assert row["code"] in codes, row
        assert row["position"] in ("prefix", "suffix", "both"), row
        assert not row["country"] or row["country"] in ISO_ALPHA3, row
        for pos in (("prefix", "suffix") if row["position"] == "both" else (row["position"],)):
            key = (row["form"], pos, row["country"])
            assert key not in seen, f"{row['form']!r} as {pos} is both {seen[key]} and {row['code']}"
            seen[key] = row["code"]


def test_category_nouns(data) -> None:
    """Every category is in the vocabulary and has one priority of its own (the order in which
    overlapping nouns are tried); a noun names one category."""
    rows = data["category_nouns.csv"]
    priority: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        assert row["category"] in CATEGORIES, row
        assert row["priority"].isdigit(), row
        priority[row["category"]].add(row["priority"])
    assert all(len(p) == 1 for p in priority.values()), dict(priority)
    assert len({next(iter(p)) for p in priority.values()}) == len(priority), "two categories share a priority"
    nouns = [r["noun"] for r in rows]
    assert len(nouns) == len(set(nouns)), "a noun is listed under two categories"


def test_abbreviations(data) -> None:
    for row in data["abbreviations.csv"]:
        a = row["abbreviation"]
        assert a == a.lower() and not a.endswith(".") and " " not in a, row
