"""Stage of an arrangement from verbs, tense and modality in its sentence.

Each stage has a cue pattern; a cue in a future/modal frame ("will sign", "would be
handed over", "expected to be signed") counts as the forward-looking stage instead.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .prefilter import Keywords, fold, folded_pattern

_MODAL = r"(?:will|would|shall|to|could|may|might|should|set to|expected to|scheduled to|due to|plans? to|planning to|aims? to|intends? to|hopes? to|ready to)(?:\s+(?:be|have|now|soon|formally|also))*\s+$"
# the patterns run on folded text (see prefilter.folded_pattern)
_MODAL_RE = folded_pattern(_MODAL)


def _cue(words: str) -> re.Pattern:
    return folded_pattern(rf"\b(?:{words})\b")


_AGR = [
    ("cancelled", _cue(r"cancel(?:l?ed|s)?|scrapped|terminated|withdrew from|withdrawn|annulled|abrogated|suspended|tore up|ditched")),
    # present tense ("Kenya and Japan sign pact", "raise ties") is headline language for a done event;
    # in a modal frame ("to sign", "will elevate") it becomes the forward-looking stage (_FORWARD_AGR)
    ("signed", _cue(r"signed|inked|sealed|concluded|entered into force|took effect|came into force|ratified|"
                    r"elevated|raised|upgraded|formali[sz]ed|established|agreed on|struck|reached|adopted|issued|launched|"
                    r"signing of|under the|amended|renewed|extended|signs?|inks?|seals?|elevates?|raises? ties|"
                    r"upgrades? ties|signing")),
    ("under_negotiation", _cue(r"negotiat\w*|talks|discuss\w*|under discussion|being finali[sz]ed|finali[sz]ing|"
                               r"awaiting|pending|review\w*|consider\w*|explor\w*|accelerat\w*|draft\w*")),
    ("proposed", _cue(r"will sign|to sign|plans?|planned|propos\w+|expected|upcoming|intend\w*|aim\w*|seek\w*")),
]
_PROC = [
    ("cancelled", _cue(r"cancel(?:l?ed|s|lation)?|scrapped|terminated|axed|ditched|abandoned|withdrew|pulled out of|tore up|"
                       r"dropped")),
    ("denied", _cue(r"denied|blocked|refused|rejected|vetoed|withheld")),
    ("delivered", _cue(r"delivered|deliveries|handed over|handover|arrived|received|took delivery|commissioned|"
                       r"in service|inducted|has flown|have flown|flown since|operates|operated|shipped|transferred|"
                       r"handed|donated|gifted|supplied|landed|existing")),
    ("ordered", _cue(r"signed|inked|sealed|ordered|order|contract(?:ed|s)?|awarded|awarding|purchased|bought|acquired|"
                     r"procured|concluded|finali[sz]ed|placed|deal|signed up|letter of acceptance|executive contract|"
                     r"selected|won|entered into force|took effect|came into force|now firm")),
    ("offered", _cue(r"offer\w*|pitch\w*|bid|bids|proposal|cleared a possible|approved a possible|possible (?:foreign military )?sale|marketing|promot\w+")),
    ("under_negotiation", _cue(r"negotiat\w*|talks|talking|talked|discuss\w*|under review|reviewing|consider\w*|weigh\w*|studying|"
                               r"evaluat\w*|shortlist\w*|awaiting|pending|exploring|interest in")),
    ("planned", _cue(r"plans?|planned|planning|(?:will|would) (?:buy|acquire|purchase|procure|order)|intends?|seeks?|seeking|"
                     r"requirement|budget\w*|set aside|allocat\w+|earmark\w*|wants?|aims? to|to acquire|to buy|to purchase|"
                     r"expected|future")),
]
# Gates (see prefilter): a word every match of the stage's cue contains, folded.
_STAGE_WORDS = {
    id(_AGR): {
        "cancelled": Keywords("cancel", "scrapped", "terminated", "withdrew", "withdrawn", "annulled", "abrogated",
                              "suspended", "tore up", "ditched"),
        "signed": Keywords("signed", "inked", "sealed", "concluded", "into force", "took effect", "ratified", "elevated",
                           "raised", "upgraded", "formali", "established", "agreed on", "struck", "reached", "adopted",
                           "issued", "launched", "signing of", "under the", "amended", "renewed", "extended", "sign", "ink",
                           "seal", "elevate", "raise", "upgrade"),
        "under_negotiation": Keywords("negotiat", "talks", "discuss", "being finali", "finali", "awaiting", "pending",
                                      "review", "consider", "explor", "accelerat", "draft"),
        "proposed": Keywords("sign", "plan", "propos", "expected", "upcoming", "intend", "aim", "seek"),
    },
    id(_PROC): {
        "cancelled": Keywords("cancel", "scrapped", "terminated", "axed", "ditched", "abandoned", "withdrew",
                              "pulled out of", "tore up", "dropped"),
        "denied": Keywords("denied", "blocked", "refused", "rejected", "vetoed", "withheld"),
        "delivered": Keywords("deliver", "hand", "arrived", "received", "took delivery", "commissioned", "in service",
                              "inducted", "flown", "operate", "shipped", "transferred", "donated", "gifted",
                              "supplied", "landed", "existing"),
        "ordered": Keywords("signed", "inked", "sealed", "order", "contract", "award", "purchased", "bought", "acquired",
                            "procured", "concluded", "finali", "placed", "deal", "letter of acceptance", "selected",
                            "won", "into force", "took effect", "now firm"),
        "offered": Keywords("offer", "pitch", "bid", "proposal", "cleared a possible", "approved a possible",
                            "possible", "marketing", "promot"),
        "under_negotiation": Keywords("negotiat", "talk", "discuss", "under review", "reviewing", "consider", "weigh",
                                      "studying", "evaluat", "shortlist", "awaiting", "pending", "exploring",
                                      "interest in"),
        "planned": Keywords("plan", "will", "would", "intend", "seek", "requirement", "budget", "set aside", "allocat",
                            "earmark", "want", "aim", "to acquire", "to buy", "to purchase", "expected", "future"),
    },
}
_FORWARD_AGR = "proposed"
# a list item or sentence opening with the bare verb is a to-do ("- Sign an MoU on minerals"), not a report
_IMPERATIVE = re.compile(r"^[\W\d]*\w$")
_BARE_VERB = re.compile(r"(?i:sign|ink|seal|elevate|raise|upgrade)\b")
_FORWARD_PROC = {"delivered": "ordered", "ordered": "planned", "cancelled": None, "denied": None}


def _is_modal(folded: str, start: int) -> bool:
    return bool(_MODAL_RE.search(folded[max(0, start - 40):start]))


def _first_cues(sentence: str, table) -> list[tuple[int, str, bool]]:
    out = []
    folded = fold(sentence)
    gates = _STAGE_WORDS[id(table)]
    for stage, pattern in table:
        if not gates[stage].in_(folded):
            continue  # no word of this stage: its pattern cannot match
        for m in pattern.finditer(folded):
            out.append((m.start(), stage, _is_modal(folded, m.start())))
    return sorted(out)


@lru_cache(maxsize=8192)  # pure; a corpus repeats many clauses
def agreement_status(sentence: str) -> str | None:
    cues = _first_cues(sentence, _AGR)
    if not cues:
        return None
    ranked = {"cancelled": 0, "signed": 1, "under_negotiation": 2, "proposed": 3}
    best = None
    for start, stage, modal in cues:
        if stage == "signed" and (modal or (_IMPERATIVE.match(sentence[:start + 1])
                                            and _BARE_VERB.match(sentence, start))):
            stage = _FORWARD_AGR
        if stage == "proposed" and re.search(r"\b(?:signed|inked|sealed)\b", sentence) and not modal:
            continue
        if best is None or ranked[stage] < ranked[best]:
            best = stage
    return best


@lru_cache(maxsize=8192)  # pure; a corpus repeats many sentences
def procurement_status(sentence: str) -> str | None:
    cues = _first_cues(sentence, _PROC)
    if not cues:
        return None
    order = ["cancelled", "denied", "delivered", "ordered", "offered", "under_negotiation", "planned"]
    found = set()
    for _, stage, modal in cues:
        if modal:
            stage = _FORWARD_PROC.get(stage, stage)
            if stage is None:
                continue
        found.add(stage)
    for stage in order:
        if stage in found:
            return stage
    return None
