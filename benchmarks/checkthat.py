"""CheckThat! 2020 claim retrieval (MAP@5): the official run, and a comparison of rerank scorers.

The data stays in ../shared/eval/claim-retrieval (never copied here). By default this runs the
shared `score.py` (it imports the verified claims with `workbench import` and matches the tweets
with `workbench match --batch`), then, in-process on the same workspace contents, compares
rankings of the same FTS5 candidates: bm25 alone, each rapidfuzz scorer alone, and the blend
`workbench.matching.rerank.rerank` uses. docs/matching.md quotes the figures.

usage: .venv/bin/python benchmarks/checkthat.py [--split dev] [--no-official] [--no-scorers]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from db import Workspace  # noqa: E402
from workbench.model import ArticleMeta, ImportItem, ItemKind  # noqa: E402

# The module itself (its private scorers too); `workbench.matching.rerank` as an attribute is the
# function the package re-exports, which shadows the submodule of the same name.
matching = importlib.import_module("workbench.matching.rerank")

EVAL = ROOT.parent / "shared" / "eval" / "claim-retrieval"
DATA = EVAL / "checkthat2020"


def load_score_module():
    spec = importlib.util.spec_from_file_location("checkthat_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def official(split: str) -> None:
    cmd = [
        sys.executable,
        str(EVAL / "score.py"),
        str(DATA / "verified_claims.docs.tsv"),
        str(DATA / split / "tweets.queries.tsv"),
        str(DATA / split / "tweet-vclaim-pairs.qrels"),
        "--workbench",
        str(ROOT / ".venv" / "bin" / "workbench"),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    print("official score.py:", (out.stdout or out.stderr).strip())


def average_precision(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    hits, total = 0, 0.0
    for i, vid in enumerate(ranked[:k], 1):
        if vid in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def compare_scorers(split: str) -> None:
    score = load_score_module()
    csv.field_size_limit(10**7)
    vclaims = score.load_vclaims(DATA / "verified_claims.docs.tsv")
    qrels = score.load_qrels(DATA / split / "tweet-vclaim-pairs.qrels")
    queries = [(q, t) for q, t in score.load_queries(DATA / split / "tweets.queries.tsv") if q in qrels]
    ws = Workspace.memory()
    t0 = time.perf_counter()
    for v in vclaims:
        meta = ArticleMeta(title=v["title"], url=f"urn:vclaim:{v['id']}", external_id=f"vclaim:{v['id']}")
        ws.articles.add(ImportItem(v["text"], meta, kind=ItemKind.STATEMENT))
    print(
        f"{len(vclaims)} verified claims stored in {time.perf_counter() - t0:.1f} s; {len(queries)} queries"
    )
    ids = {r[0]: r[1].removeprefix("urn:vclaim:") for r in ws.db.execute("SELECT id, url FROM articles")}
    search = ws.search
    runs: dict[str, float] = {}
    prepared = []
    for qid, text in queries:
        query, terms = search.prepare(text)
        prepared.append((qid, query, search.candidates(terms)))

    def evaluate(name: str, rank) -> None:
        total = 0.0
        for qid, query, hits in prepared:
            ordered = rank(query, hits)
            ranked = list(dict.fromkeys(ids[h.article_id] for h in ordered))
            total += average_precision(ranked, qrels[qid])
        runs[name] = total / len(prepared)

    evaluate("bm25 (FTS5 order)", lambda q, hits: hits)
    for scorer in (fuzz.ratio, fuzz.QRatio, fuzz.WRatio, fuzz.token_sort_ratio, fuzz.token_set_ratio,
                   fuzz.partial_ratio, fuzz.partial_token_set_ratio):  # fmt: skip
        evaluate(
            f"{scorer.__name__} alone",
            lambda q, hits, s=scorer: sorted(
                hits, key=lambda h: -s(q.normalised, matching.normalise(h.text))
            ),
        )
    evaluate(
        "idf coverage alone",
        lambda q, hits: sorted(
            hits, key=lambda h: -matching._coverage(q, matching.normalise(h.text).split())
        ),
    )
    evaluate("rerank blend (shipped)", lambda q, hits: [h for h, _ in matching.rerank(q, hits, limit=20)])
    for name, value in runs.items():
        print(f"  MAP@5 {value:.3f}  {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--no-official", action="store_true")
    ap.add_argument("--no-scorers", action="store_true")
    a = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"no CheckThat data at {DATA}")
    if not a.no_official:
        official(a.split)
    if not a.no_scorers:
        compare_scorers(a.split)


if __name__ == "__main__":
    main()
