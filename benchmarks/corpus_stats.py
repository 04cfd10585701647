"""Aggregate statistics of a corpus of .txt articles, to compare generated text with real text.

    python benchmarks/corpus_stats.py DIR [DIR ...] [--gold GOLD.json]

Per directory: article size (bytes), sentences per article (the project's splitter, on the
cleaned text), extracted mentions and consolidated-record candidates per article, the share of
articles with no mention, and, with --gold (the real sets' gold files), gold records per article
and the share with none. Also the hit rates of per-sentence memo caches when they are NOT
cleared between documents (what a benchmark that replicates sentences would flatter).
Prints aggregate numbers only, never text.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline.corpus import read_document  # noqa: E402
from pipeline.extract import extract_mentions  # noqa: E402
from pipeline.extract.sentences import split_sentences  # noqa: E402

from memo import clear_memos, memo_functions  # noqa: E402

OPERATORS = re.compile(r"\b(?:operated|flown|used|in service) (?:by|with)\b|\boperators? (?:include|are)\b", re.I)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def stats(directory: Path, gold: Path | None = None, limit: int | None = None) -> dict:
    files = sorted(directory.rglob("*.txt"))[:limit]
    clear_memos()
    memos = memo_functions()
    before = {name: f.cache_info() for name, f in memos.items()}
    sizes, sentences, mentions, kinds, lengths = [], [], [], Counter(), []
    distinct, total_sentences = set(), 0
    for f in files:
        data = f.read_bytes()
        doc = read_document(f.name, data)
        sents = split_sentences(doc.text)
        sizes.append(len(data))
        sentences.append(len(sents))
        for s in sents:
            distinct.add(s.text)
            lengths.append(len(s.text))
        total_sentences += len(sents)
        found = extract_mentions(doc.text, doc.doc_id, doc.published)
        mentions.append(len(found))
        kinds.update(m.kind for m in found)
    hit = {}
    for name, f in memos.items():
        info = f.cache_info()
        h, m = info.hits - before[name].hits, info.misses - before[name].misses
        if h + m:
            hit[name] = round(h / (h + m), 3)
    out = {
        "articles": len(files),
        "size_mean_kb": round(statistics.mean(sizes) / 1000, 2),
        "size_p10_p50_p90_kb": [round(_pct(sizes, q) / 1000, 1) for q in (0.1, 0.5, 0.9)],
        "sentences_mean": round(statistics.mean(sentences), 1),
        "sentences_p10_p50_p90": [_pct(sentences, q) for q in (0.1, 0.5, 0.9)],
        "sentence_chars_mean": round(statistics.mean(lengths)),
        "distinct_sentence_share": round(len(distinct) / max(1, total_sentences), 3),
        "mentions_per_article": round(statistics.mean(mentions), 2),
        "mentions_p50_p90": [_pct(mentions, 0.5), _pct(mentions, 0.9)],
        "procurement_share_of_mentions": round(kinds["procurement"] / max(1, sum(kinds.values())), 2),
        "share_no_mention": round(sum(1 for m in mentions if m == 0) / len(files), 2),
        "memo_hit_rate_uncleared": dict(sorted(hit.items())),
    }
    if gold:
        g = json.loads(gold.read_text(encoding="utf-8"))
        per_doc, per_kind = Counter(), {k: Counter() for k in g}
        for kind, recs in g.items():
            for r in recs:
                for d in r.get("docs", []):
                    per_doc[d] += 1
                    per_kind[kind][d] += 1
        names = [f.name for f in files]
        recs = [per_doc[n] for n in names]
        out["gold_records_per_article"] = round(statistics.mean(recs), 2)
        out["gold_records_p50_p90"] = [_pct(recs, 0.5), _pct(recs, 0.9)]
        out["gold_share_no_record"] = round(sum(1 for r in recs if r == 0) / len(recs), 2)
        out["gold_share_2plus_procurements"] = round(
            sum(1 for n in names if per_kind.get("procurements", Counter())[n] >= 2) / len(names), 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", type=Path, nargs="+")
    ap.add_argument("--gold", type=Path, nargs="*", default=[], help="gold file per directory, in order")
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    for i, d in enumerate(a.dirs):
        gold = a.gold[i] if i < len(a.gold) else None
        print(json.dumps({"dir": str(d), **stats(d, gold, a.limit)}), flush=True)


if __name__ == "__main__":
    main()
