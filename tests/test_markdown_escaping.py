"""Untrusted text (file names, titles, texts, messages) in the markdown shown by the Dagster UI.

A title such as ``![x](https://evil.example/pixel.png)`` or a file name holding a backtick must
show as the literal characters: no link, no image (a ``data:`` or external image would render,
the external one fetched from the reader's browser), no raw HTML, no code span closed early.
"""
from __future__ import annotations

import re

import dagster as dg
import pandas as pd
from markdown_it import MarkdownIt  # markdown-it-py, installed with dagster (through rich)

from pipeline.defs.metadata import markdown_preview

HOSTILE_TITLE = '![x](data:image/png;base64,AAAA) [click](javascript:alert(1)) <img src=x onerror="alert(1)"> &amp; **b**'
HOSTILE_NAME = "a`b``<img src=x>[l](javascript:alert(1))`c.md"  # an ignored file: its name is listed

# Characters that start markdown syntax (links, images, emphasis, code spans, HTML, entities...)
ACTIVE = "[]!`*_<>&"


def unescaped(md: str, chars: str = ACTIVE) -> list[str]:
    """The markdown-active characters of `md` not neutralised by a backslash (or, for & itself,
    not the start of the &lt;/&gt;/&amp; entities that stand for a literal <, > or &)."""
    found = []
    for m in re.finditer(r"\\.|&(?:lt|gt|amp);|(.)", md, re.S):
        if m.group(1) is not None and m.group(1) in chars:
            found.append(m.group(1))
    return found


def render(md: str) -> str:
    """HTML of `md` as CommonMark + GFM tables, the way the UI's renderer reads it."""
    return MarkdownIt("commonmark").enable("table").render(md)


def assert_inert(md: str) -> None:
    assert unescaped(md) == [], md
    html = render(md)
    # nothing the UI would turn into a link, an image, raw HTML or code from the untrusted text
    assert "<img" not in html and "<a " not in html and "<code" not in html and "<em" not in html, html
    assert "<strong" not in html, html


def test_preview_cells_are_escaped():
    df = pd.DataFrame({"file_name": [HOSTILE_NAME], "title": [HOSTILE_TITLE], "n_chars": [3]})
    md = markdown_preview(df)
    body = md.splitlines()[2:]  # the header and delimiter rows are ours
    assert len(body) == 1 and body[0].startswith("| ") and body[0].endswith(" |")
    assert_inert("\n".join(body))
    html = render(md)
    # still one table row of three cells, and the text reads back as written (cut at the preview limit)
    assert html.count("<td>") == 3
    assert "<td>![x](data:image/png;base64,AAAA) [click](javascript:alert(1…</td>" in html
    assert "a`b``&lt;img src=x&gt;[l](javascript:alert(1))`c.md" in html


def test_newlines_and_pipes_stay_in_their_cell():
    # a CR ends a markdown line as LF does: left in, it splits the table row and starts a heading or a list
    df = pd.DataFrame({"a": ["one | two\n\n# heading\r\n- item\u2028x"], "b": ["z"]})
    md = markdown_preview(df)
    assert len(md.splitlines()) == 3  # header, delimiter, one row
    html = render(md)
    assert html.count("<td>") == 2 and "<h1" not in html and "<li" not in html


def _documents_metadata(tmp_path) -> dict:
    """Materialise the `documents` asset over a corpus with hostile names and titles."""
    from pipeline.defs.corpus.assets import documents
    from pipeline.defs.resources import DealsPaths

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        HOSTILE_TITLE + "\n\nMANILA, March 7, 2025 - The Philippine Navy signed a contract for two corvettes.\n",
        encoding="utf-8",
    )
    (corpus / HOSTILE_NAME).write_text("x", encoding="utf-8")  # ignored: not a .txt file
    (corpus / "e`mpty[x](y).txt").write_bytes(b"")  # rejected: empty
    paths = DealsPaths(corpus_dir=str(corpus), output_dir=str(tmp_path / "out"), workers=1)
    with dg.instance_for_test() as instance:
        result = dg.materialize([documents], resources={"paths": paths}, instance=instance)
        (event,) = result.asset_materializations_for_node("documents")
        return {k: v.value for k, v in event.metadata.items() if isinstance(v, dg.MarkdownMetadataValue)}


def test_documents_asset_markdown(tmp_path):
    md = _documents_metadata(tmp_path)
    assert set(md) >= {"preview", "rejected", "ignored"}
    # the ignored list: one item per file, its name shown literally (no code span to break out of)
    ignored_html = render(md["ignored"])
    assert ignored_html.count("<li>") == 1
    assert_inert(md["ignored"])
    assert "a`b``&lt;img src=x&gt;[l](javascript:alert(1))`c.md: not a .txt file" in ignored_html
    # the rejected preview and the documents preview (title from the article's first line)
    for key in ("rejected", "preview"):
        body = "\n".join(md[key].splitlines()[2:])
        assert_inert(body)
    assert "e`mpty[x](y).txt" in render(md["rejected"])
    assert "![x](data:image/png;base64,AAAA)" in render(md["preview"])


# Our own descriptions: markdown we write, shown by the UI, which drops anything that looks like an
# HTML tag ("releases/<version>/" showed as "releases//").
MARKDOWN_TAGS = {"p", "code", "em", "strong"}


def _tags(html: str) -> set[str]:
    return {m.group(1).lower() for m in re.finditer(r"</?([A-Za-z][\w-]*)", html)}


def test_md_description_keeps_angle_brackets_and_code_spans():
    from pipeline.defs.metadata import md_description

    text = "Writes releases/<version>/ under `releases/<version>/`, R&D & <b>x</b>, '<value> <ISO 4217>', a < b"
    md = md_description(text)
    html = render(md)
    assert _tags(html) <= MARKDOWN_TAGS, html
    assert "Writes releases/<code>&lt;version&gt;</code>/ under <code>releases/&lt;version&gt;/</code>" in html
    assert "<code>&lt;value&gt;</code> <code>&lt;ISO 4217&gt;</code>" in html
    # no entities: the asset catalogue shows descriptions as plain text, where they would show as written
    assert "&" not in md.replace("R&D &", "")
    assert md.replace("`", "") == text.replace("`", "")  # nothing but backticks added
    assert md_description("`` a`<b> `` <c`d>") == "`` a`<b> `` `` <c`d> ``"
    assert md_description(None) is None and md_description("") == ""


def _descriptions() -> dict[str, str]:
    """Every description the definitions give the UI: assets, checks, jobs, schedules, sensors and
    the columns of every table's schema (as the materialisations carry it)."""
    from pipeline.definitions import defs
    from pipeline.defs.metadata import column_schema
    from schemas import TABLES

    out = {}
    for assets_def in defs.assets:
        for spec in assets_def.specs:
            out[f"asset {spec.key.to_user_string()}"] = spec.description
        for check in assets_def.check_specs:
            out[f"check {check.key}"] = check.description
    for checks_def in defs.asset_checks:
        for check in checks_def.check_specs:
            out[f"check {check.key}"] = check.description
    for kind, items in (("job", defs.jobs), ("schedule", defs.schedules), ("sensor", defs.sensors)):
        for item in items:
            out[f"{kind} {item.name}"] = item.description
    for table, model in TABLES.items():
        for column in column_schema(model).columns:
            out[f"column {table}.{column.name}"] = column.description
    return {k: v for k, v in out.items() if v}


def test_every_description_survives_the_ui_markdown():
    descriptions = _descriptions()
    assert len(descriptions) > 50
    for where, md in descriptions.items():
        assert _tags(render(md)) <= MARKDOWN_TAGS, (where, md)
    assert "<code>releases/&lt;version&gt;/</code>" in render(descriptions["asset release"])
    assert "'<code>&lt;value&gt;</code> <code>&lt;ISO 4217&gt;</code>'" in render(descriptions["column procurements.value_alternatives"])
