"""Which state an article is told from, and which one the text is talking about just now: they stand
for a party the text leaves unnamed ("An SOVFA with Australia was signed in 2007" in a Manila paper)."""
from __future__ import annotations

import re

from ..document import DocContext, SentenceInfo
from ..countries import is_venue

_WITH_BEFORE = re.compile(r"\b(?:with|to|from|against|than)\s+(?:the\s+)?$", re.I)


def topic_state(ctx: DocContext, info: SentenceInfo, exclude: list[str]) -> list[str]:
    """The subject of the latest sentences before this one: the first main state they name that is not
    an object ("With Canada, Manila now has five pacts. The oldest is a pact with Japan": Manila)."""
    main = ctx.main_states(3)
    k = ctx.index_of(info)
    for j in range(k - 1, max(-1, k - 3), -1) if k else ():
        prev = ctx.sentences[j]
        told = [h.alpha3 for h in prev.countries
                if h.alpha3 in main and h.alpha3 not in exclude and not is_venue(prev.text, h)
                and not _WITH_BEFORE.search(prev.text[max(0, h.start - 12):h.start])]
        if told:
            # the article's own state, when the sentence names it among others and the article names it more
            # ("Kana told the Indonesian delegation that Nigeria was ready ...", in a Nigerian story), else the
            # first named
            home = home_state(ctx)
            if home and home[0] in told and ctx.state_counts[home[0]] > ctx.state_counts[told[0]]:
                return home
            return told[:1]
    return []


def home_state(ctx: DocContext) -> list[str]:
    """The state an article is told from: of its two main states, the one whose capital stands for its
    government more often ("Manila now has five such pacts": a paper names its own government so; a
    capital as a venue counts less)."""
    main = ctx.main_states(2)
    if len(main) < 2:
        return main
    weight = {c: ctx.state_counts[c] for c in main}
    for info in ctx.sentences:
        for h in info.countries:
            if h.kind == "capital" and h.alpha3 in weight:
                weight[h.alpha3] += 1 if is_venue(info.text, h) else 2
    return [max(main, key=lambda c: (weight[c], c == main[0]))]


def venue_state(ctx: DocContext, info: SentenceInfo, partners: list[str]) -> list[str]:
    """The host of an arrangement made "with" a partner: the state whose capital the sentence names as
    the venue, when it is one of the article's main states and not a partner ("a ceremony in Washington
    where a similar agreement with Finland was signed": the United States)."""
    main = ctx.main_states(3)
    for h in info.countries:
        if h.kind == "capital" and h.alpha3 in main and h.alpha3 not in partners and is_venue(info.text, h):
            return [h.alpha3]
    return []

