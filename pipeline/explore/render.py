"""HTML for the explorer's cells (pure functions; the Datasette plugin calls them).

Every value is escaped: the texts are news articles, untrusted input. Links point inside the
database (`url(table, key)` is given by the caller, from Datasette's own URL builder).
"""
from __future__ import annotations

import json
from typing import Callable

from markupsafe import Markup, escape

ID_PREFIXES = {"agr-": "agreements", "proc-": "procurements"}


def record_table(value) -> str | None:
    """The record table an id belongs to (`agr-…`, `proc-…`), None for anything else."""
    if not isinstance(value, str):
        return None
    return next((table for prefix, table in ID_PREFIXES.items() if value.startswith(prefix)), None)


def highlight(text, start, end) -> Markup | None:
    """The article with [start, end) marked, as preformatted text; None when the offsets do not
    fit the text (then the plain value is shown)."""
    if not isinstance(text, str) or not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        return None
    if not 0 <= start < end <= len(text):
        return None
    return Markup('<div class="deals-article" style="white-space: pre-wrap; min-width: 40em; max-width: 60em">{}<mark id="evidence">{}</mark>{}</div>'
                  ).format(text[:start], text[start:end], text[end:])


def link(url: Callable[[str, str], str], table: str, key: str) -> Markup:
    """A link to the row `key` of `table`, the key as its text."""
    return Markup('<a href="{}">{}</a>').format(url(table, key), key)


def id_links(value, url: Callable[[str, str], str], table: str | None = None) -> Markup | None:
    """A JSON array of ids as links to their rows (`table`, or the record table of each id's
    prefix); None when `value` is not such an array."""
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        ids = json.loads(value)
    except ValueError:
        return None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return None
    links = []
    for i in ids:
        target = table or record_table(i)
        links.append(link(url, target, i) if target else escape(i))
    return Markup(", ").join(links) if links else Markup("")


def id_link(value, url: Callable[[str, str], str]) -> Markup | None:
    """A record id as a link to its row; None for anything else."""
    target = record_table(value)
    return link(url, target, value) if target else None


def evidence_sentence(sentence, record_id, evidence_url: str) -> Markup | None:
    """The evidence sentence with a link to it, highlighted, in its article."""
    if not isinstance(sentence, str) or not isinstance(record_id, str):
        return None
    return Markup('{} <a class="deals-evidence" href="{}">[in its article]</a>').format(sentence, evidence_url)
