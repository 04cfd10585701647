"""Infer a system category from the nouns around a mention.

Used when the gazetteer does not know a system ("a new X-class frigate").  The first
category noun after the mention wins, then the nearest one before it.
"""
from __future__ import annotations

import re

# Order matters where nouns overlap: "air defence missile" is air_defence,
# "light combat aircraft" is combat_aircraft, "trainer" beats "aircraft".
_NOUNS: list[tuple[str, str]] = [
    ("submarine", r"submarines?|SSNs?|SSKs?|boats"),
    ("air_defence", r"air[- ]defen[cs]e|surface-to-air|SAMs?|anti-aircraft|missile defen[cs]e"),
    ("radar_sensor", r"radars?|sensors?|AESA"),
    ("missile", r"missiles?|rockets?|torpedo(?:es)?"),
    ("artillery", r"howitzers?|artillery|MLRS|rocket launchers?|launchers?|guns?|cannons?"),
    ("tank", r"tanks?|MBTs?"),
    ("armoured_vehicle", r"armou?red vehicles?|infantry fighting vehicles?|fighting vehicles?|IFVs?|APCs?|"
                         r"armou?red personnel carriers?|vehicles?|carriers?"),
    ("uav", r"drones?|UAVs?|UAS|unmanned aerial vehicles?|unmanned aircraft"),
    ("helicopter", r"helicopters?|choppers?"),
    ("trainer_aircraft", r"trainers?|trainer aircraft"),
    ("combat_aircraft", r"fighters?|fighter jets?|jets?|light combat aircraft|combat aircraft|multirole|warplanes?"),
    ("transport_aircraft", r"transport aircraft|airlifters?|transports?|tankers?|aircraft|planes?"),
    ("naval_vessel", r"frigates?|corvettes?|destroyers?|ships?|vessels?|cutters?|patrol boats?|warships?|OPVs?|"
                     r"landing platform docks?|landing docks?|LPDs?|LHDs?|amphibious assault ships?|minehunters?|minesweepers?"),
    ("small_arms", r"rifles?|pistols?|machine guns?|small arms"),
]
# A noun joined by a hyphen to another word qualifies it ("tank-hunting drones", "anti-tank missiles",
# "missile-armed patrol boats"): it names no kind of system there.
_PATTERN = re.compile("|".join(f"(?P<{cat}>(?<!-)\\b(?:{nouns})\\b(?!-))" for cat, nouns in _NOUNS))


def category_span(sentence: str, end: int, after: int) -> tuple[str, int] | None:
    """The first category noun within `after` characters of `end`: its category and where it starts."""
    m = _PATTERN.search(sentence, end, min(len(sentence), end + after))
    return (m.lastgroup, m.start()) if m else None


def category_near(sentence: str, start: int, end: int, after: int = 60, before: int = 40) -> str | None:
    span = category_span(sentence, end, after)
    if span:
        return span[0]
    best = None
    for m in _PATTERN.finditer(sentence, max(0, start - before), start):
        best = m.lastgroup
    return best
