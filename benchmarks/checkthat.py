"""CheckThat! 2020 claim retrieval (MAP@5): the official run, a plain BM25 peer, and rerank scorers.

The data stays in ../shared/eval/claim-retrieval (never copied here). By default this runs the
shared `score.py` (it imports the verified claims with `workbench import` and matches the tweets
with `workbench match --batch`), then, in-process on the same workspace contents: the workbench's
`match` per tweet (MAP@5, R@5, p50/p95) beside the peer, bm25s (Lucene BM25, English Snowball
stemmer through PyStemmer, English stopwords, over claim + title: the baseline the issue names),
each timed per query on the same tweets, and the ratio of their speeds; then rankings of the same
FTS5 candidates: bm25 alone, each rapidfuzz scorer alone, and the blend
`workbench.matching.rerank.rerank` uses. docs/matching.md quotes the figures.

With --desk (a postgresql:// URL, or "throwaway" for the test suite's throwaway server) the same
verified claims are also copied into a desk (benchmarks/desk_tables.py) and `match` (limit 20, as
the official run) is scored on both engines: the SQLite workspace and the desk's search
(db/engines/pg_search.py).

usage: .venv/bin/python benchmarks/checkthat.py [--split dev] [--no-official] [--no-peer] [--no-scorers] [--desk URL]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rapidfuzz import fuzz  # noqa: E402

from db import Workspace  # noqa: E402
from workbench.model import ArticleMeta, ImportItem, ItemKind  # noqa: E402

# The module itself (its private scorers too); `workbench.matching.rerank` as an attribute is the
# function the package re-exports, which shadows the submodule of the same name.
matching = importlib.import_module("workbench.matching.rerank")

# ../shared/eval beside the checkout; WORKBENCH_EVAL names the eval folder elsewhere (a git worktree).
EVAL = Path(os.environ.get("WORKBENCH_EVAL", ROOT.parent / "shared" / "eval")) / "claim-retrieval"
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


def load(split: str):
    score = load_score_module()
    csv.field_size_limit(10**7)
    vclaims = score.load_vclaims(DATA / "verified_claims.docs.tsv")
    qrels = score.load_qrels(DATA / split / "tweet-vclaim-pairs.qrels")
    queries = [(q, t) for q, t in score.load_queries(DATA / split / "tweets.queries.tsv") if q in qrels]
    return vclaims, qrels, queries


def recall(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant)


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def store(vclaims: list[dict]) -> tuple[Workspace, dict[int, str]]:
    """The verified claims as statements of an in-memory workspace, and vclaim id by article id."""
    ws = Workspace.memory()
    t0 = time.perf_counter()
    for v in vclaims:
        meta = ArticleMeta(title=v["title"], url=f"urn:vclaim:{v['id']}", external_id=f"vclaim:{v['id']}")
        ws.articles.add(ImportItem(v["text"], meta, kind=ItemKind.STATEMENT))
    print(f"{len(vclaims)} verified claims stored in {time.perf_counter() - t0:.1f} s")
    ids = {r[0]: r[1].removeprefix("urn:vclaim:") for r in ws.db.execute("SELECT id, url FROM articles")}
    return ws, ids


def side_by_side(split: str) -> None:
    """The workbench's `match` and bm25s on the same tweets in one run: MAP@5, R@5, time a query."""
    import bm25s  # benchmark-only (the dev extra): the peer the issue measures against
    import Stemmer

    vclaims, qrels, queries = load(split)
    ws, ids = store(vclaims)
    runs: dict[str, tuple[float, float, list[float], list[float]]] = {}

    def run(name: str, search) -> None:
        ap = r5 = 0.0
        times, cpu = [], []
        for qid, text in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            ranked = search(text)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            ap += average_precision(ranked, qrels[qid])
            r5 += recall(ranked, qrels[qid])
        runs[name] = (ap / len(queries), r5 / len(queries), times, cpu)

    for _, text in queries[:5]:  # warm the connection's term statistics and page cache
        ws.search.match(text)
    run(
        "workbench match",
        lambda text: list(dict.fromkeys(ids[m.article_id] for m in ws.search.match(text, limit=20))),
    )
    stemmer = Stemmer.Stemmer("english")
    t0 = time.perf_counter()
    corpus = [f"{v['text']} {v['title']}" for v in vclaims]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False
    )
    print(f"bm25s index of {len(corpus)} claims + titles in {time.perf_counter() - t0:.1f} s")
    vids = [v["id"] for v in vclaims]

    def peer(text: str) -> list[str]:
        tokens = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, show_progress=False)
        docs, _ = retriever.retrieve(tokens, k=20, show_progress=False, n_threads=1)
        return list(dict.fromkeys(vids[i] for i in docs[0]))

    run("bm25s (Snowball English, claim + title)", peer)
    print(f"side by side, {len(queries)} {split} tweets, {len(vclaims)} stored claims, one process:")
    for name, (map5, r5, times, cpu) in runs.items():
        print(
            f"  MAP@5 {map5:.3f}  R@5 {r5:.3f}  p50 {statistics.median(times):.2f} ms  "
            f"p95 {percentile(times, 0.95):.2f} ms  (CPU p50 {statistics.median(cpu):.2f} ms, "
            f"p95 {percentile(cpu, 0.95):.2f} ms)  {name}"
        )
    ours, theirs = (statistics.median(t) for _, _, t, _ in runs.values())
    ours_cpu, theirs_cpu = (statistics.median(c) for _, _, _, c in runs.values())
    print(
        f"  speed ratio (p50 / p50): the workbench takes {ours / theirs:.1f}x bm25s's time a query "
        f"({ours_cpu / theirs_cpu:.1f}x its CPU time); load average {'{:.1f} {:.1f} {:.1f}'.format(*os.getloadavg())}"
    )
    ws.close()


def compare_scorers(split: str) -> None:
    vclaims, qrels, queries = load(split)
    ws, ids = store(vclaims)
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
        lambda q, hits: sorted(hits, key=lambda h: -matching._coverage(q, set(matching.index_terms(h.text)))),
    )
    evaluate("rerank blend (shipped)", lambda q, hits: [h for h, _ in matching.rerank(q, hits, limit=20)])
    for name, value in runs.items():
        print(f"  MAP@5 {value:.3f}  {name}")


def on_a_desk(split: str, url: str) -> None:
    """MAP@5 of `match` on the workspace file and on a desk holding the same statements."""
    from desk_tables import BenchSession, copy_workspace, prepare_desk, throwaway_server

    from db.engines.pg_search import PgSentenceSearch
    from db.engines.postgres import PostgresEngine

    score = load_score_module()
    csv.field_size_limit(10**7)
    vclaims = score.load_vclaims(DATA / "verified_claims.docs.tsv")
    qrels = score.load_qrels(DATA / split / "tweet-vclaim-pairs.qrels")
    queries = [(q, t) for q, t in score.load_queries(DATA / split / "tweets.queries.tsv") if q in qrels]
    ws = Workspace.memory()
    for v in vclaims:
        meta = ArticleMeta(title=v["title"], url=f"urn:vclaim:{v['id']}", external_id=f"vclaim:{v['id']}")
        ws.articles.add(ImportItem(v["text"], meta, kind=ItemKind.STATEMENT))
    server = None
    if url == "throwaway":
        server, url = throwaway_server()
    engine = PostgresEngine.connect(url)
    try:
        prepare_desk(engine)
        t0 = time.perf_counter()
        copied = copy_workspace(ws, engine)
        engine.db.execute("VACUUM ANALYZE")
        print(f"desk: {copied} sentences copied and indexed in {time.perf_counter() - t0:.1f} s")
        desk = PgSentenceSearch(BenchSession(engine), ws.articles)
        for name, search in (("workspace file (SQLite FTS5)", ws.search), ("desk (PostgreSQL)", desk)):
            total, started = 0.0, time.perf_counter()
            for qid, text in queries:
                ranked = list(
                    dict.fromkeys(
                        r.article_url.removeprefix("urn:vclaim:") for r in search.match(text, limit=20)
                    )
                )
                total += average_precision(ranked, qrels[qid])
            ms = (time.perf_counter() - started) * 1000 / len(queries)
            print(
                f"  MAP@5 {total / len(queries):.4f}  match on the {name} ({len(queries)} queries, {ms:.0f} ms each)"
            )
    finally:
        engine.close()
        if server is not None:
            server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--no-official", action="store_true")
    ap.add_argument("--no-peer", action="store_true", help="leave out the bm25s side-by-side run")
    ap.add_argument("--no-scorers", action="store_true")
    ap.add_argument("--desk", help='also score match on a desk: a postgresql:// URL or "throwaway"')
    a = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"no CheckThat data at {DATA}")
    if not a.no_official:
        official(a.split)
    if not a.no_peer:
        side_by_side(a.split)
    if not a.no_scorers:
        compare_scorers(a.split)
    if a.desk:
        on_a_desk(a.split, a.desk)


if __name__ == "__main__":
    main()
