"""Where a sentence stands in an article's layout: headlines and subheadings (standalone lines with
no final stop, which summarise what the text below tells) and items of enumerated or bulleted lists
(each item of a list of documents is its own document)."""
from __future__ import annotations

import re

from ..document import DocContext

def ends_a_sentence(text: str) -> bool:
    """A final stop, possibly inside a closing quote (a headline may end with a quotation without one).
    String tests, not a `\\s*$` search: this is asked of every sentence of every article."""
    t = text.rstrip()
    if t.endswith((".", "!", "?", ":", ";")):
        return True
    q = t.rstrip("\"'”’)")
    return len(q) < len(t) and q.endswith((".", "!", "?"))


ITEM_MARK = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-•·*–])\s")


def list_items(ctx: DocContext, candidates) -> set[int]:
    """Sentences that open an enumerated or bulleted line ("3. MoU on ...", "- An agreement on ...")."""
    out = set()
    for k in candidates:
        start = ctx.sentences[k].sentence.start
        line_start = ctx.text.rfind("\n", 0, start) + 1
        if start - line_start <= 5 and ITEM_MARK.match(ctx.text, line_start, start + 4):
            out.add(k)  # the mark before the sentence, or opening it
    return out


def headlines(ctx: DocContext) -> set[int]:
    """Headlines and subheadings: sentences alone on their line, short, with no final stop.  A numbered
    line between paragraphs of prose is a subheading ("1. X-Y: Pukpuk Treaty - SIGNED"), one in a run of
    such lines is an item of a list."""
    marked = list_items(ctx, range(len(ctx.sentences)))
    # a sentence that is only a list mark ("3.", "-") is no content; a mark is at most three
    # characters after blanks, so longer sentences need no match
    content = [k for k, info in enumerate(ctx.sentences)
               if len(info.text.lstrip(" \t")) > 3 or not ITEM_MARK.fullmatch(info.text + " ")]
    position = {k: i for i, k in enumerate(content)}

    def in_a_run(k: int) -> bool:
        i = position.get(k)
        return i is not None and any(0 <= j < len(content) and content[j] in marked for j in (i - 1, i + 1))
    out = set()
    body = False  # a headline above the first paragraph may be long; a subheading below it is short
    for k, info in enumerate(ctx.sentences):
        text = info.text
        if ends_a_sentence(text):
            body = body or len(text.split()) >= 12
            continue
        if body and len(text.split()) > 16:
            continue
        start, end = info.sentence.start, info.sentence.end
        line_start = ctx.text.rfind("\n", 0, start) + 1
        if (line_start == start or ITEM_MARK.fullmatch(ctx.text, line_start, start) and not in_a_run(k)) \
                and ctx.text[end:end + 1] in ("", "\n") and not (k in marked and in_a_run(k)):
            out.add(k)  # alone on its line, or after a list mark ("1. Australia-PNG: Pukpuk Treaty - SIGNED")
    return out
