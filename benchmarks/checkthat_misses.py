"""CheckThat! 2020 queries whose fact-checked claim ranks low: to read, for patterns.

For each tweet whose gold claim is not ranked first by the shipped `match` pipeline, prints the
tweet, its query terms with their weights, the gold claim (text and title) with its score parts,
where it ranked (or "not a candidate": FTS5 did not return it), and the claims ranked above it with
their score parts. Score parts: forward coverage, back coverage, the BM25F share, token_sort_ratio,
the figure bonus. A summary counts the misses by kind. The data stays in ../shared/eval (read, never
copied); what is printed is for finding patterns, never for tuning to one item.

usage: .venv/bin/python benchmarks/checkthat_misses.py [--split dev] [--above 3] [--worse-than 1]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.checkthat import average_precision, load, store  # noqa: E402

M = importlib.import_module("workbench.matching.rerank")


def parts(query, hit) -> str:
    words, title = M.hit_terms(hit)
    distinct = set(words)
    forward = M._coverage(query, distinct.union(title))
    back = M._back_coverage(query, distinct) * min(1.0, len(distinct) / M.BACK_FULL_WORDS)
    bm25 = M._bm25_share(query, words, title)
    fuzzy = M.SCORER(query.normalised, M.normalise(hit.text))
    shared = sorted({t.key for t in query.terms} & (distinct | set(title)), key=lambda k: -query.weights[k])
    return (
        f"fwd {forward:.2f} back {back:.2f} bm25f {bm25:.2f} fuzzy {fuzzy:.0f} "
        f"| shared: {' '.join(f'{k}({query.weights[k]:.1f})' for k in shared)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--above", type=int, default=3, help="how many of the claims ranked above to print")
    ap.add_argument("--worse-than", type=int, default=1, help="print queries whose gold ranks below this")
    a = ap.parse_args()
    vclaims, qrels, queries = load(a.split)
    ws, ids = store(vclaims)
    by_id = {v["id"]: v for v in vclaims}
    kinds: Counter[str] = Counter()
    total_ap = 0.0
    for qid, text in queries:
        query, groups = ws.search.prepare(text)
        hits = ws.search.candidates(groups)
        ranked = M.rerank(query, hits, limit=len(hits) or 1)
        order = list(dict.fromkeys(ids[h.article_id] for h, _ in ranked))
        total_ap += average_precision(order, qrels[qid])
        gold = sorted(qrels[qid])
        ranks = [order.index(g) + 1 if g in order else None for g in gold]
        best = min((r for r in ranks if r is not None), default=None)
        candidate_ids = {ids[h.article_id] for h in hits}
        if best is not None and best <= a.worse_than:
            kinds["first"] += 1
            continue
        if best is None:
            kind = "not a candidate" if not any(g in candidate_ids for g in gold) else "cut off"
        else:
            kind = f"rank {best}" if best <= 5 else "rank > 5"
        kinds[kind] += 1
        print(f"=== {qid} [{kind}] {text}")
        print("  terms: " + " ".join(f"{t.key}({query.weights[t.key]:.1f})" for t in query.terms))
        for g, r in zip(gold, ranks, strict=True):
            print(f"  GOLD {g} rank {r}: {by_id[g]['text']}  || title: {by_id[g]['title']}")
            for h in hits:
                if ids[h.article_id] == g:
                    score = next((v for hh, v in ranked if hh is h), None)
                    print(f"       score {score}: {parts(query, h)}")
        for shown, (h, v) in enumerate(ranked):
            if ids[h.article_id] in qrels[qid] or shown >= a.above:
                break
            print(f"  above {v}: {h.text} || title: {h.title}")
            print(f"       {parts(query, h)}")
    print(
        f"MAP@5 {total_ap / len(queries):.3f} (rerank of all candidates); "
        + ", ".join(f"{n} {k}" for k, n in kinds.most_common())
    )
    ws.close()


if __name__ == "__main__":
    main()
