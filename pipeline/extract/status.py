"""Stage of an arrangement from verbs, tense and modality in its sentence.

Each stage has a cue pattern; a cue in a future/modal frame ("will sign", "would be
handed over", "expected to be signed") counts as the forward-looking stage instead.
Procurement cues are a lexicon (reference/stage_cues.csv): each cue has a stage, a gate word,
a strength (a verb reports a stage; a noun such as "deal" only when no verb does) and a frame
flag (whether the cue alone makes a sentence an acquisition frame).  A procurement sentence's
cues are kept with their offsets so that each system in it can take the stage of its own clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .prefilter import CueAlternation, Keywords, fold, folded_pattern
from pipeline.reference import directory_key, rows

_MODAL = r"(?:will|would|shall|to|could|may|might|should|set to|expected to|scheduled to|due to|plans? to|planning to|aims? to|intends? to|hopes? to|ready to)(?:\s+(?:be|have|now|soon|formally|also))*\s+$"
# the patterns run on folded text (see prefilter.folded_pattern)
_MODAL_RE = folded_pattern(_MODAL)
# A procurement cue is also not yet a fact when it is likely, imminent or still to come.
_PROC_MODAL_RE = folded_pattern(r"\b" + _MODAL.replace("|ready to)", "|ready to|likely to|poised to|on the verge of|close to|"
                                                              "preparing to|about to|still to|yet to)")
                                .replace("(?:be|have|now|soon|formally|also)",
                                         "(?:be|been|have|now|soon|formally|also|all|taken|put|brought|officially|start|begin|starting|beginning)"))


# ("in May deliveries began": the month, folded like the verb, is no possibility)
_POSSIBILITY_BEFORE = folded_pattern(r"\b(?:could|might|(?<!in )(?<!by )(?<!since )(?<!from )(?<!until )(?<!last )(?<!this )"
                                     r"(?<!next )(?<!early )(?<!late )(?<!mid-)(?<!of )may)\s+(?:also\s+|still\s+|one day\s+|"
                                     r"eventually\s+)?$")


def _cue(words: str) -> re.Pattern:
    return folded_pattern(rf"\b(?:{words})\b")


_AGR_STAGES = ("cancelled", "signed", "under_negotiation", "proposed")


@lru_cache(maxsize=4)  # per reference directory (tests switch it)
def _agr_table(directory: str) -> tuple[tuple[str, re.Pattern, Keywords], ...]:
    """The agreement stage lexicon (reference/agreement_stage_cues.csv): per stage one alternation of its
    cues and the gate words (see prefilter) every match contains.  Present tense ("X and Y sign pact",
    "raise ties") is headline language for a done event; in a modal frame ("to sign", "will elevate") it
    becomes the forward-looking stage (_FORWARD_AGR)."""
    by_stage: dict[str, list[dict]] = {}
    for row in rows("agreement_stage_cues.csv"):
        by_stage.setdefault(row["stage"], []).append(row)
    return tuple((stage, _cue("|".join(r["cue"] for r in by_stage[stage])),
                  Keywords(*dict.fromkeys(r["gate"] for r in by_stage[stage])))
                 for stage in _AGR_STAGES if by_stage.get(stage))


_FORWARD_AGR = "proposed"
# "held a virtual summit to seal the pact", "met in Tokyo on Thursday to sign the accord": the purpose of a
# gathering told as done is done with it (not "met to discuss plans to sign", a signing still to come)
_HELD_TO = folded_pattern(r"\b(?:held|hosted|convened|met|gathered)\b"
                          r"(?:(?!\b(?:will|would|plans?|planned|planning|expected|expects|intends?|aims?|hopes?|ready|set|due|"
                          r"scheduled|discuss|discussed|prepare|prepared)\b)[^.;:]){0,70}?\bto\s+$")
# a list item or sentence opening with the bare verb is a to-do ("- Sign an MoU on minerals"), not a report
_IMPERATIVE = re.compile(r"^[\W\d]*\w$")
_BARE_VERB = re.compile(r"(?i:sign|ink|seal|elevate|raise|upgrade)\b")
_FORWARD_PROC = {"delivered": "ordered", "ordered": "planned", "cancelled": None, "denied": None}


def _is_modal(folded: str, start: int) -> bool:
    return bool(_MODAL_RE.search(folded[max(0, start - 40):start]))


def _first_cues(sentence: str, table) -> list[tuple[int, str, bool]]:
    out = []
    folded = fold(sentence)
    for stage, pattern, gate in table:
        if not gate.in_(folded):
            continue  # no word of this stage: its pattern cannot match
        for m in pattern.finditer(folded):
            out.append((m.start(), stage, _is_modal(folded, m.start())))
    return sorted(out)


@lru_cache(maxsize=8192)  # pure; a corpus repeats many clauses
def agreement_status(sentence: str) -> str | None:
    cues = _first_cues(sentence, _agr_table(directory_key()))
    if not cues:
        return None
    ranked = {"cancelled": 0, "signed": 1, "under_negotiation": 2, "proposed": 3}
    best = None
    for start, stage, modal in cues:
        if stage == "signed" and (modal and not _HELD_TO.search(fold(sentence), max(0, start - 90), start)
                                  or (_IMPERATIVE.match(sentence[:start + 1]) and _BARE_VERB.match(sentence, start))):
            stage = _FORWARD_AGR
        if stage == "proposed" and re.search(r"\b(?:signed|inked|sealed)\b", sentence) and not modal:
            continue
        if best is None or ranked[stage] < ranked[best]:
            best = stage
    return best


@dataclass(frozen=True)
class StageCue:
    start: int
    end: int
    stage: str | None  # after modality: None when a forward-looking cue reports no stage
    strong: bool  # a verb; a weak cue (a noun such as "deal", "deliveries") names a deal at any stage
    frame: bool  # the cue alone makes an acquisition frame ("turned down the export request")
    scheduled: bool = False  # a delivery still to come, read as the order it implies


_STAGE_ORDER = ("cancelled", "denied", "delivered", "ordered", "offered", "under_negotiation", "planned")
BEFORE_ORDER = frozenset(_STAGE_ORDER[_STAGE_ORDER.index("ordered") + 1:])


@lru_cache(maxsize=4)  # per reference directory (tests switch it)
def _proc_table(directory: str) -> tuple[tuple[str, CueAlternation, Keywords, frozenset, frozenset], ...]:
    """The procurement stage lexicon (reference/stage_cues.csv): one alternation per stage, with the
    indices of its strong cues and of its frame cues.  Within a stage the first row that
    matches at a place wins, so a row that extends another of its stage ("approved a proposal"
    beside "approved") is listed before it in the file."""
    by_stage: dict[str, list[dict]] = {}
    for row in rows("stage_cues.csv"):
        by_stage.setdefault(row["stage"], []).append(row)
    out = []
    for stage in _STAGE_ORDER:
        cues = by_stage.get(stage, [])
        if not cues:
            continue
        strong = frozenset(k for k, r in enumerate(cues) if r.get("strength") == "strong")
        frame = frozenset(k for k, r in enumerate(cues) if r.get("frame") == "1")
        gate = Keywords(*[w for r in cues for w in r["gate"].split("|") if w])
        out.append((stage, CueAlternation([r["cue"] for r in cues]), gate, strong, frame))
    return tuple(out)


# "would be produced in Turkey and exported to Indonesia": a verb coordinated with a modal one shares its modality
# (passives only: in "wants to buy jets and signed a deal" the second verb has a tense of its own)
_MODAL_AND = folded_pattern(r"\b(?:will|would|shall|could|may|might|should|to)\s+(?:be|have\s+been)\s+[a-z]+\b[^,;.]{0,50}?\band\s+(?:then\s+)?$")
# "deliveries are due from 2030", "deliveries starting in 2027": a schedule, not a delivery.
_SCHEDULE_AFTER = folded_pattern(r"\s+(?:[\w-]+\s+){0,7}?(?:(?:are|is|will be|would be)\s+)?(?:due|expected|scheduled|set|slated|"
                                 r"planned|from|starting|beginning|to begin|to start|start|begin|will|would|should)\b")
# The nouns of an event that a schedule after them puts in the future ("deliveries are due from 2030",
# "the handover of the first jets is scheduled for March"); "delivered" is a verb, done.
_SCHEDULE_NOUN = folded_pattern(r"(?:deliver(?!ed)|handover|hand-over|arrival)")
# "expects to sign a contract", "will conclude the deal": a deal noun whose signing is still to come
# ... or an order still to be placed or won ("may be about to book further orders", "hopes to land a contract")
_SIGNING_TO_COME = folded_pattern(r"\b(?:to|will|would|shall|could|may|might|should)\s+(?:soon\s+|formally\s+|finally\s+)?"
                                  r"(?:(?:sign|conclude|finali[sz]e|ink|seal|agree|reach|strike|clinch)\s+(?:a|an|the|its|their)\s+|"
                                  r"(?:book|place|win|land|secure|clinch)\s+(?:(?:a|an|the|its|their|further|more|new|additional|fresh)\s+)?)"
                                  r"(?:[\w$€£.,-]+\s+){0,3}$")
# "Executive contracts for the first batches will follow in August": a deal noun whose own verb is future
_FUTURE_AFTER = folded_pattern(r"(?:\s+(?!which\b|that\b)[\w-]+){0,5}?\s+(?:will|would|shall|(?:is|are)\s+(?:expected|due|set|scheduled)\s+to)\b")
# A negated cue reports no stage: "has not been formally cancelled", "never delivered", "missed its
# contractual handover".
_NEGATION_BEFORE = folded_pattern(r"(?:\b(?:fail(?:ed|s)?|refus(?:ed|es))\s+to\s+$|\b(?:not|never|n't)\s+(?:(?:yet|been|be|formally|officially|fully|actually|"
                                  r"publicly|ever)\s+){0,3}|\bno\s+(?:[\w-]+\s+){0,2}|"
                                  r"\b(?:missed|delayed|postponed)\s+(?:its\s+|the\s+|their\s+)?(?:[\w-]+\s+)?)$")
# "has signed no executive order": the object is negated
_NEGATION_AFTER = folded_pattern(r"\s+(?:no|neither|none)\b")
# A cue inside a condition is not yet a fact: "if the deal is concluded", "once delivered".
_CONDITION = folded_pattern(r"\b(?:if|once|unless|whether|until|provided)\b[^,;:()]*$")


def _modal_or_conditional(folded: str, start: int) -> bool:
    """The word at `start` stands in a modal or future frame ("is expected to sign") or a condition
    ("once the deal is concluded")."""
    return bool(_PROC_MODAL_RE.search(folded[max(0, start - 40):start]) or _CONDITION.search(folded, max(0, start - 80), start)
                or _SEE_FRAME.search(folded, max(0, start - 100), start))


# "a deal that could see as many as 36 F-15s delivered": a participle after a modal "see" and its object
_SEE_FRAME = re.compile(r"\b(?:will|would|could|may|might|should|to)\s+see\s+[^.;:]{1,80}$")


def still_to_come(folded: str, start: int) -> bool:
    """The event whose word starts at `start` is still to come: modal, future or conditional, or a
    deal still to be struck ("expects to reach a deal")."""
    return _modal_or_conditional(folded, start) or bool(_SIGNING_TO_COME.search(folded, max(0, start - 60), start))


# "The government announced that it will rescind the contract", "said it would terminate the contract": a
# decision to end a deal, reported, is its cancellation (a plan or a threat to cancel reports no stage)
_DECIDED_BEFORE = folded_pattern(r"\b(?:announced|announces|said|says|decided|decides|confirmed|confirms|declared)\b"
                                 r"[^.;:]{0,50}?\b(?:will|would|is\s+to|was\s+to)\s+(?:now\s+|formally\s+)?$")
# the object of a cancellation is an earlier deal than the one the sentence tells
_EARLIER_OBJECT = folded_pattern(r"\s+(?:an?|the|its|their)\s+(?:earlier|previous|former|prior)\b")


@lru_cache(maxsize=8192)  # pure; a corpus repeats many sentences
def stage_cues(sentence: str) -> tuple[StageCue, ...]:
    """Every stage cue of a procurement sentence in text order, modality applied (a cue in a
    future, modal or conditional frame counts as the stage before it).  Of two cues starting at
    the same place the longer wins ("delivered under the contract" is the contract, "won a
    contract" an order, "approved a possible sale" an offer)."""
    folded = fold(sentence)
    found: dict[int, tuple[int, str, bool, bool]] = {}
    for stage, cues, gate, strong, frame in _proc_table(directory_key()):
        if not gate.in_(folded):
            continue  # no word of this stage: its pattern cannot match
        for start, end, k in cues.finditer(folded):
            prev = found.get(start)
            if prev is None or end > prev[0]:
                found[start] = (end, stage, k in strong, k in frame)
    out = []
    last_end = -1
    for start in sorted(found):
        end, stage, strong, frame = found[start]
        if start < last_end:
            continue  # inside a longer cue
        last_end = end
        if _NEGATION_BEFORE.search(folded, max(0, start - 40), start) or _NEGATION_AFTER.match(folded, end):
            continue  # "has not been formally cancelled": no stage reported
        if _POSSIBILITY_BEFORE.search(folded, max(0, start - 20), start):
            continue  # "could become the next customer", "might buy": a possibility, no stage of a deal
        if stage == "cancelled" and _EARLIER_OBJECT.match(folded, end):
            continue  # "cleared the buy after cancelling an earlier tender": another, earlier deal ended
        if (_modal_or_conditional(folded, start) or _MODAL_AND.search(folded, max(0, start - 80), start)
                or _SCHEDULE_NOUN.match(folded, start) and _SCHEDULE_AFTER.match(folded, end)
                or not strong and (_SIGNING_TO_COME.search(folded, max(0, start - 60), start)
                                   or _FUTURE_AFTER.match(folded, end))):
            scheduled = stage == "delivered"
            if not (stage == "cancelled" and _DECIDED_BEFORE.search(folded, max(0, start - 90), start)):
                stage = _FORWARD_PROC.get(stage, stage)
        else:
            scheduled = False
        out.append(StageCue(start, end, stage, strong, frame, scheduled))
    return tuple(out)


def status_of(cues, lo: int = 0, hi: int | None = None, strong_only: bool = False) -> str | None:
    """The most advanced stage among the cues that start in [lo, hi); weak cues count only when no
    strong one does ("the follow-up deal" next to "an offer to integrate" is the offer), and not
    at all with `strong_only`."""
    inside = [c for c in cues if c.start >= lo and (hi is None or c.start < hi) and c.stage]
    # "plans to buy 24 guns, to be delivered from 2027": a delivery still to come implies an order
    # only when the sentence tells no earlier stage of its own
    if any(c.strong and not c.scheduled and c.stage in BEFORE_ORDER for c in inside):
        inside = [c for c in inside if not c.scheduled]
    strong = [c for c in inside if c.strong]
    if strong_only:
        inside = strong
    found = {c.stage for c in (strong or inside)}
    return next((s for s in _STAGE_ORDER if s in found), None)


def procurement_status(sentence: str) -> str | None:
    return status_of(stage_cues(sentence))


def is_frame(sentence: str) -> bool:
    """A cue that alone makes an acquisition frame, whatever its stage."""
    return any(c.frame for c in stage_cues(sentence))
