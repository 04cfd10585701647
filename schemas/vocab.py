"""Controlled vocabularies of the published datasets (their meaning: docs/GUIDELINES.md).

This module is the single definition of every vocabulary: the extractor emits only
these values, the pandera models check them with ``isin``, and the data card lists them.
It imports nothing heavy so that the extraction library can use it in a notebook.
"""
from __future__ import annotations

AGREEMENT_TYPES: tuple[str, ...] = (
    "mou",
    "agreement",
    "letter_of_intent",
    "joint_statement",
    "strategic_partnership",
    "free_trade_agreement",
    "other",
)
AGREEMENT_STATUSES: tuple[str, ...] = ("proposed", "under_negotiation", "signed", "cancelled")
TOPICS: tuple[str, ...] = (
    "defence_cooperation",
    "defence_industry",
    "procurement",
    "joint_development",
    "co_production",
    "technology_transfer",
    "joint_marketing",
    "certification",
    "training",
    "maritime_security",
    "cyber",
    "artificial_intelligence",
    "trade",
    "critical_minerals",
    "digital_economy",
    "green_economy",
    "other",
)
CATEGORIES: tuple[str, ...] = (
    "combat_aircraft",
    "trainer_aircraft",
    "transport_aircraft",
    "helicopter",
    "uav",
    "armoured_vehicle",
    "tank",
    "artillery",
    "air_defence",
    "missile",
    "naval_vessel",
    "submarine",
    "radar_sensor",
    "small_arms",
    "other",
)
PROCUREMENT_STATUSES: tuple[str, ...] = (
    "planned",
    "offered",
    "under_negotiation",
    "ordered",
    "delivered",
    "cancelled",
    "denied",
)
# Order in which a later report supersedes an earlier one when mentions are merged.
AGREEMENT_STATUS_RANK = {s: i for i, s in enumerate(("proposed", "under_negotiation", "signed", "cancelled"))}
PROCUREMENT_STATUS_RANK = {
    s: i for i, s in enumerate(("planned", "offered", "under_negotiation", "ordered", "delivered", "cancelled", "denied"))
}
# The stages at which the arrangement exists as a signed text or contract (a report of an event),
# as against talks, plans and offers (a report of intentions).
AGREEMENT_CONCLUDED_STATUSES = frozenset({"signed", "cancelled"})
PROCUREMENT_CONTRACT_STATUSES = frozenset({"ordered", "delivered", "cancelled"})
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
MENTION_KINDS: tuple[str, ...] = ("agreement", "procurement")
# ISO 8601 at day, month or year precision.
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
