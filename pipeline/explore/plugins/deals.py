"""Datasette plugin of the explorer (loaded with --plugins-dir): the evidence highlighted in its
article, links from source_doc_ids / mention_ids / record ids to their rows, and from an
evidence sentence to the `evidence` canned query. Columns are recognised by the names the
pandera models give them; the rendering itself is pipeline/explore/render.py."""
from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode

from schemas.table_schema import PRIMARY_KEYS, RECORD_ID_COLUMNS

from pipeline.explore import render

ID_LIST_COLUMNS = {"source_doc_ids": "documents", "mention_ids": "mentions", "new_ids": None}
RECORD_KEYS = {**RECORD_ID_COLUMNS, "review": PRIMARY_KEYS["review"]}


def _row_url(datasette, database: str):
    return lambda table, key: datasette.urls.row(database, table, tilde_encode(key))


def _get(row, column):
    try:
        return row[column]
    except (IndexError, KeyError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    url = _row_url(datasette, database)
    if column == "article" and table is None:  # the `evidence` canned query
        return render.highlight(value, _get(row, "evidence_char_start"), _get(row, "evidence_char_end"))
    if column in ID_LIST_COLUMNS:
        return render.id_links(value, url, ID_LIST_COLUMNS[column])
    if column == "evidence_sentence":
        # a table's own key; in a query's rows, whichever record id column it selected
        keys = [RECORD_KEYS[table]] if table in RECORD_KEYS else [*RECORD_KEYS.values()] if table is None else []
        record_id = next((v for v in (_get(row, k) for k in keys) if render.record_table(v)), None)
        if record_id is not None:
            query = datasette.urls.query(database, "evidence") + "?" + urlencode({"record_id": record_id}) + "#evidence"
            return render.evidence_sentence(value, record_id, query)
        return None
    if table is None and column in ("doc_id", "evidence_doc_id") and isinstance(value, str):
        return render.link(url, "documents", value)
    if column in ("record_id", "result_id", "old_id") or (table is None and column.endswith("_id")):
        return render.id_link(value, url)
    return None
