"""The role cue lexicon (pipeline/reference/role_cues.csv) is well-formed and every role is used."""
import csv
from pathlib import Path

from pipeline.extract import role_cues

LEXICON = Path(__file__).resolve().parents[2] / "pipeline" / "reference" / "role_cues.csv"
ROLES = {"budget_noun", "build_place", "buying_verb", "choice_verb", "competitor", "denier_verb", "domestic_marker", "existing_fleet", "export_word", "firm_name_word", "firm_noun", "not_system_name", "service_noun", "signing_agent",
         "state_anaphor",
         "funder_noun", "giving_verb", "media_noun", "no_intent", "operator_list", "operator_noun", "report_denial",
         "report_noun", "reporting_bare", "reporting_verb", "supplier_before", "supplier_suffix", "tally_phrase", "win_phrase"}


def rows():
    with LEXICON.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_header_sources_and_order():
    with LEXICON.open(encoding="utf-8") as f:
        assert f.readline().strip() == "role,cue,source"
    table = rows()
    assert all(r["role"] and r["cue"] and r["source"] for r in table)
    keys = [(r["role"], r["cue"]) for r in table]
    assert keys == sorted(keys) and len(keys) == len(set(keys))


def test_every_role_is_known_and_has_cues():
    assert {r["role"] for r in rows()} == ROLES
    assert all(role_cues.cues(role) for role in ROLES)


def test_cues_match_whole_words_only():
    assert role_cues.pattern("competitor").search("the K9 beat the rival offer")
    assert not role_cues.pattern("competitor").search("the heartbeat of the army")
