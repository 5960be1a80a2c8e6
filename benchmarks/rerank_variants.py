"""Rerank weight variants, FTS5's own bm25 rank among them: CheckThat dev MAP@5 and planted recall.

Each variant ranks the same FTS5 candidates. Components: forward coverage, the better coverage,
the Python BM25 share, FTS5's rank as a share of the query's best candidate, token_sort_ratio.
docs/matching.md quotes the figures.

usage: .venv/bin/python benchmarks/rerank_variants.py [PLANTED_WORKSPACE]
    PLANTED_WORKSPACE: one kept by `benchmarks/match.py --workspace PATH` (same --seed 7)
"""

from __future__ import annotations

import csv
import importlib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import process  # noqa: E402

from benchmarks.checkthat import DATA, average_precision, load_score_module  # noqa: E402
from benchmarks.match import plant  # noqa: E402
from db import Workspace  # noqa: E402
from workbench.model import ArticleMeta, ImportItem, ItemKind  # noqa: E402

# The module itself (its private scorers too); `workbench.matching.rerank` as an attribute is the
# function the package re-exports, which shadows the submodule of the same name.
M = importlib.import_module("workbench.matching.rerank")


def components(q, hits):
    choices = {i: M.normalise(h.text) for i, h in enumerate(hits)}
    fz = {
        k: v
        for _, v, k in process.extract(q.normalised, choices, scorer=M.SCORER, processor=None, limit=None)
    }
    ranks = [h.rank for h in hits]
    best = min(ranks) if ranks else -1.0
    out = []
    for i, h in enumerate(hits):
        words, title = M.hit_terms(h)
        content = set(words)
        if len(content) <= M.SHORT_SENTENCE_WORDS and M._back_coverage(q, words) < 1.0:
            out.append(None)
            continue
        fwd = M._coverage(q, content.union(title))
        back = M._back_coverage(q, words) * min(1.0, len(content) / M.BACK_FULL_WORDS)
        bm = M._bm25_share(q, words, title)
        rn = (h.rank / best) if best < 0 else 0.0
        nb = 0
        if q.numbers:
            nb = M.W_NUMBERS * min(M.MAX_NUMBER_BONUS, M.comparable_numbers(q.numbers, h.text))
        out.append((fwd, max(fwd, back), bm, rn, fz.get(i, 0.0), nb))
    return out


VARIANTS = {
    "shipped 0.3/0.2/0.3/0/0.2": (0.3, 0.2, 0.3, 0.0, 0.2),
    "bm25 share 0.4 (fwd 0.2)": (0.2, 0.2, 0.4, 0.0, 0.2),
    "bm25 share 0.5 (fwd 0.1)": (0.1, 0.2, 0.5, 0.0, 0.2),
    "+fts rank 0.1 (fwd 0.2)": (0.2, 0.2, 0.3, 0.1, 0.2),
    "+fts rank 0.2 (fwd 0.1)": (0.1, 0.2, 0.3, 0.2, 0.2),
    "+fts rank 0.3 (bm25 0)": (0.3, 0.2, 0.0, 0.3, 0.2),
    "+fts rank 0.2, fuzzy 0.1": (0.2, 0.2, 0.3, 0.2, 0.1),
    "fts rank 0.3 replaces fwd": (0.0, 0.2, 0.3, 0.3, 0.2),
}


def rank(hits, comps, w):
    scored = []
    for h, c in zip(hits, comps, strict=True):
        if c is None:
            continue
        fwd, best, bm, rn, fz, nb = c
        v = 100 * (w[0] * fwd + w[1] * best + w[2] * bm + w[3] * rn) + w[4] * fz + nb
        if v >= M.SCORE_CUTOFF:
            scored.append((h, v))
    scored.sort(key=lambda p: (-p[1], p[0].rank, p[0].sentence_id))
    return [h for h, _ in scored]


def checkthat():
    score = load_score_module()
    csv.field_size_limit(10**7)
    vclaims = score.load_vclaims(DATA / "verified_claims.docs.tsv")
    qrels = score.load_qrels(DATA / "dev" / "tweet-vclaim-pairs.qrels")
    queries = [(q, t) for q, t in score.load_queries(DATA / "dev" / "tweets.queries.tsv") if q in qrels]
    ws = Workspace.memory()
    for v in vclaims:
        ws.articles.add(
            ImportItem(
                v["text"], ArticleMeta(title=v["title"], url=f"urn:vclaim:{v['id']}"), kind=ItemKind.STATEMENT
            )
        )
    ids = {r[0]: r[1].removeprefix("urn:vclaim:") for r in ws.db.execute("SELECT id, url FROM articles")}
    s = ws.search
    prepared = []
    for qid, text in queries:
        q, groups = s.prepare(text)
        hits = s.candidates(groups)
        prepared.append((qid, hits, components(q, hits)))
    res = {}
    for name, w in VARIANTS.items():
        tot = 0.0
        for qid, hits, comps in prepared:
            ranked = list(dict.fromkeys(ids[h.article_id] for h in rank(hits, comps, w)))
            tot += average_precision(ranked, qrels[qid])
        res[name] = tot / len(prepared)
    bm = sum(
        average_precision(list(dict.fromkeys(ids[h.article_id] for h in hits)), qrels[qid])
        for qid, hits, _ in prepared
    ) / len(prepared)
    print(f"CheckThat dev: FTS5 bm25 order alone {bm:.3f}")
    return res


def planted(path, n=200, seed=7):
    ws = Workspace.open(path, read_only=True)
    rng = random.Random(seed + 2)
    max_id = ws.db.execute("SELECT max(id) FROM sentences").fetchone()[0]
    targets = []
    while len(targets) < n:
        sid = rng.randint(1, max_id)
        row = ws.db.execute("SELECT text FROM sentences WHERE id = ?", [sid]).fetchone()
        c = plant(row[0], rng) if row else None
        if c:
            targets.append((sid, c[0]))
    s = ws.search
    prepared = []
    for sid, c in targets:
        q, groups = s.prepare(c)
        hits = s.candidates(groups)
        prepared.append((sid, hits, components(q, hits)))
    res = {}
    for name, w in VARIANTS.items():
        res[name] = sum(
            any(h.sentence_id == sid for h in rank(hits, comps, w)[:10]) for sid, hits, comps in prepared
        ) / len(prepared)
        res[name + " @1"] = sum(
            bool(r := rank(hits, comps, w)) and r[0].sentence_id == sid for sid, hits, comps in prepared
        ) / len(prepared)
    fts = sum(any(h.sentence_id == sid for h in hits[:10]) for sid, hits, _ in prepared) / len(prepared)
    print(f"planted: FTS5 order alone recall@10 {fts:.3f}")
    return res


if __name__ == "__main__":
    ct = checkthat()
    pl = planted(sys.argv[1]) if len(sys.argv) > 1 else {}
    for name in VARIANTS:
        print(
            f"{name:32} CheckThat MAP@5 {ct[name]:.3f}   planted R@10 {pl.get(name, float('nan')):.3f}  R@1 {pl.get(name + ' @1', float('nan')):.3f}"
        )
