"""The data card (README.md of a release) is generated from the models and the data, deterministically."""
from __future__ import annotations

import re

from schemas import TABLES, vocab
from schemas.table_schema import table_schema

from pipeline.publish import datacard
from tests.sample_release import sample_tables, validate, sample_tables_in_dollars

CHANGES = {
    "agreements": {"added": ["agr-0000000000000002"], "removed": ["agr-00000000000000ff"], "changed": ["agr-0000000000000001"]},
    "procurements": {"added": [f"proc-{i:016x}" for i in range(1, 26)], "removed": [], "changed": []},
}
FIGURES = {
    "agreements": {"records": {"precision": 1.0, "recall": 0.6667, "f1": 0.8}, "slots": {"precision": 0.9412, "recall": 0.6667, "f1": 0.7805},
                   "field_accuracy": {"status": 0.75}, "fields": {"status": {"precision": 0.75, "recall": 0.6, "f1": 0.6667}}},
    "procurements": {"records": {"precision": 0.4, "recall": 0.6667, "f1": 0.5}, "slots": {"precision": 0.45, "recall": 0.65, "f1": 0.53},
                     "field_accuracy": {"value": 1.0}},
    "overall_slots": {"precision": 0.63, "recall": 0.66, "f1": 0.6446},
}
QUALITY = {"extractor_version": "9.9.9",
           "evaluation_set": {"digest": "0123456789abcdef", "articles": 10, "figures": FIGURES,
                              "sets": [{"folder": "seeds", "gold": "evaluation/seeds.gold.json", "source": "the seeds", "articles": 5},
                                       {"folder": "evaluation/articles", "gold": "evaluation/team.gold.json",
                                        "source": "written by the team", "articles": 5}]}}


def _card(**kw) -> str:
    args = dict(tables=sample_tables(), changes=CHANGES, version="2026-11-24.ab12cd34", previous_version="2026-11-20.00000000")
    args.update(kw)
    return datacard.render(**args).decode("utf-8")


def _section(card: str, heading: str) -> str:
    start = card.index(heading + "\n")
    nxt = re.search(r"^#{1,3} ", card[start + len(heading):], flags=re.M)
    return card[start: start + len(heading) + (nxt.start() if nxt else len(card))]


def test_same_inputs_give_identical_bytes_and_no_timestamps():
    validate(sample_tables())
    assert datacard.render(sample_tables(), CHANGES, "2026-11-24.ab12cd34", None) == datacard.render(sample_tables(), CHANGES, "2026-11-24.ab12cd34", None)
    card = _card()
    assert card.startswith("# defence-deals, release 2026-11-24.ab12cd34\n")
    assert not re.search(r"\d{2}:\d{2}:\d{2}", card)
    assert "![Agreements and procurements per year by status, and the top buyer and supplier states](chart.png)" in card


def test_every_published_field_is_listed_with_its_type_and_description_from_the_models():
    card = _card()
    for name, model in TABLES.items():
        section = _section(card, f"### `{name}`")
        for field in table_schema(name, model)["fields"]:
            row = next(line for line in section.splitlines() if line.startswith(f"| `{field['name']}` |"))
            assert f"| {field['type']} |" in row
            assert field.get("description", "").replace("|", "\\|") in row
    agr = _section(card, "### `agreements`")
    assert "| `status` | string | yes | Latest stage reported. | one of [AGREEMENT_STATUSES](#agreement_statuses) |" in agr
    assert "| `topics` | array | yes |" in agr and "each from [TOPICS](#topics)" in agr
    # a vocabulary that exists only in a model (rejection reasons) is listed inline, from the model
    assert "one of `binary`, `duplicate`, `empty`" in _section(card, "### `rejected`")


def test_vocabularies_come_from_schemas_vocab():
    card = _card()
    for name, values in datacard.VOCABULARIES.items():
        assert _section(card, f"### {name}").split("\n")[2] == ", ".join(f"`{v}`" for v in values)
    assert "PROCUREMENT_STATUSES" in datacard.VOCABULARIES and datacard.VOCABULARIES["TOPICS"] is vocab.TOPICS


def test_counts_by_type_status_and_country():
    card = _card()
    assert "| `agreements` | 2 |" in card and "| `procurements` | 3 |" in card and "| `documents` | 1 |" in card
    types = _section(card, "### Agreements by type and status")
    assert "| mou | 0 | 0 | 1 | 0 | 1 |" in types and "| agreement | 1 | 0 | 0 | 0 | 1 |" in types
    parties = _section(card, "### Agreements by party")
    assert parties.index("KOR (Korea, Republic of) | 2") < parties.index("IDN (Indonesia) | 1")
    assert "| planned | 1 |" in _section(card, "### Procurements by status")
    assert "1 procurement(s) have no category." in card
    by_country = _section(card, "### Procurements by country")
    assert "| MYS (Malaysia) | 2 | 0 |" in by_country and "| KOR (Korea, Republic of) | 0 | 2 |" in by_country


def test_changes_since_previous_release():
    section = _section(_card(), "## Changes since the previous release")
    assert "Previous release: `2026-11-20.00000000`" in section
    assert "| agreements | 1 | 1 | 1 |" in section and "| procurements | 25 | 0 | 0 |" in section
    assert "agreements removed: `agr-00000000000000ff`" in section
    assert "and 5 more" in section  # long id lists are cut, the full list is in changes.json
    first = _section(_card(previous_version=None), "## Changes since the previous release")
    assert "This is the first release" in first


def test_quality_figures_shown_only_when_given():
    assert "no evaluation set and no gold file were configured" in _card()
    card = _card(quality=QUALITY)
    q = _section(card, "### Measured quality")
    assert "Extractor 9.9.9 on the project's own evaluation set" in q and "10 articles, digest `0123456789abcdef`" in q
    assert "`evaluation/articles` (5 articles: written by the team)" in q
    assert "| agreements | 1.00 | 0.67 | 0.80 | 0.94 | 0.67 | 0.78 |" in q
    assert "| overall |  |  |  | 0.63 | 0.66 | 0.64 |" in q
    assert "| agreements | `status` | 0.75 | 0.60 | 0.67 |" in q
    assert "| procurements | `value` | 1.00 |" in card
    assert "### Quality on this corpus" not in card
    both = _card(quality={**QUALITY, "corpus": FIGURES})
    assert "| agreements | 1.00 | 0.67 | 0.80 | 0.94 | 0.67 | 0.78 |" in _section(both, "### Quality on this corpus")


def test_the_card_shows_confidence_reliability_the_review_queue_and_corrections():
    card = _card(quality=QUALITY)
    section = _section(card, "## Confidence, review queue and corrections")
    assert "**Review queue: 1 record(s)** in `review.csv`" in section
    assert "Corrections (`corrections` table): 0 applied, 1 stale, 0 invalid" in section
    assert "| agreements | 0.8–1.0 |" in section  # the reliability table, from pipeline/review/
    for signal in ("sources", "conflicts", "agree", "explicit", "same_sentence", "details"):
        assert f"`{signal}`" in section


def test_license_and_citation_from_citation_cff():
    cff = datacard.load_citation()
    card = _card()
    assert "[Creative Commons Attribution 4.0](https://creativecommons.org/licenses/by/4.0/) (`CC-BY-4.0`)" in card
    assert cff["license"] == "CC-BY-4.0"
    assert f"defence-deals contributors (2026). *{cff['title']}* (version 2026-11-24.ab12cd34) [Data set]." in card
    assert "version = {2026-11-24.ab12cd34}" in card


def test_no_machine_paths_in_the_card():
    card = _card(quality=QUALITY)
    assert "/work/" not in card and "/home/" not in card and "/tmp/" not in card


def test_streamed_tables_are_counted_from_the_written_files():
    tables = sample_tables()
    tables["documents"] = lambda: iter([])  # a batch source, as publish_release accepts
    card = datacard.render(tables, CHANGES, "2026-11-24.ab12cd34", None, files={"documents.csv": {"bytes": 1, "sha256": "0" * 64, "rows": 1234}})
    assert "| `documents` | 1234 |" in card.decode("utf-8")


def test_rows_of_a_table_published_in_monthly_parts_are_summed():
    tables = sample_tables()
    tables["documents"] = []  # parts, as the pipeline publishes them
    files = {"documents.csv/2025-01.csv": {"bytes": 1, "sha256": "0" * 64, "rows": 2},
             "documents.csv/2025-02.csv": {"bytes": 1, "sha256": "0" * 64, "rows": 3},
             "documents.json/2025-01.json": {"bytes": 1, "sha256": "0" * 64, "rows": 2}}
    card = datacard.render(tables, CHANGES, "2026-11-24.ab12cd34", None, files=files).decode("utf-8")
    assert "| `documents` | 5 |" in card
    assert "documents.parquet/2025-03.parquet" in card  # the layout is explained


def test_the_card_documents_both_dollar_columns_their_sources_and_the_base_year():
    from pipeline.enrich.usd import BASE_YEAR

    tables = sample_tables_in_dollars()
    section = _section(_card(tables=tables), "## Money in US dollars")
    assert f"constant {BASE_YEAR} dollars" in section and "CPI-U" in section and "ECB euro reference rates" in section
    assert "1 procurement(s) state a value; 1 have `value_usd`, 1 `value_usd_constant`." in section
