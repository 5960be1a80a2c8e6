"""Matching benchmark on a desk: benchmarks/match.py's sentences and planted claims, on PostgreSQL.

The peer of benchmarks/match.py (same generator, same seed, same planted claims, same `match`):
N generated sentences in articles of 25, each article written as a desk import writes it (one
transaction: the article row, its sentences, their index rows with `index_sentences`; the word
counts follow by trigger), then the planted claims matched through `PgSentenceSearch.match`.
Prints the import rate (articles/s), the desk's size, p50/p95/max per query and recall@10.

usage: .venv/bin/python benchmarks/match_pg.py [--n 1000000] [--queries 200] [--workspace postgresql://...]

Without --workspace the test suite's throwaway server is started (fsync off) and removed after.
A desk that already holds the index is reused (no import).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from desk_tables import BenchSession, prepare_desk, throwaway_server  # noqa: E402
from match import SENTENCES_PER_ARTICLE, Generator, percentile, plant  # noqa: E402

from db.engines.pg_search import PgSentenceSearch, index_sentences  # noqa: E402
from db.engines.postgres import PostgresEngine  # noqa: E402
from workbench.text.sentences import split_sentences  # noqa: E402


class DeskArticles:
    """An article's versions on the benchmark desk (generated articles have one each)."""

    def versions(self, article_id: int) -> list[int]:
        return [article_id]


def build(engine: PostgresEngine, n: int, gen: Generator) -> tuple[float, int]:
    db = engine.db
    articles = max(1, n // SENTENCES_PER_ARTICLE)
    sentence_id = 0
    started = time.perf_counter()
    for i in range(1, articles + 1):
        text = gen.article()
        spans = split_sentences(text)
        rows = [
            (sentence_id + k + 1, i, s.start, s.end, text[s.start : s.end], "") for k, s in enumerate(spans)
        ]
        sentence_id += len(rows)
        with engine.atomic():
            db.execute(
                "INSERT INTO articles (id, kind, title, url, text) VALUES (?, 'article', ?, ?, ?)",
                [i, f"Synthetic {i}", f"urn:synthetic:{i}", text],
            )
            db.execute(
                'INSERT INTO sentences (id, article_id, start, "end", text, title) '
                "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::text[], ?::text[])",
                [list(column) for column in zip(*rows, strict=True)],
            )
            index_sentences(db, [(r[0], r[4], r[5]) for r in rows])
        if i % 5000 == 0:
            print(f"  {i}/{articles} articles, {i / (time.perf_counter() - started):.0f}/s", file=sys.stderr)
    return time.perf_counter() - started, articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="stored sentences")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--workspace", help="a desk URL (postgresql://...); default: a throwaway server")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    server = None
    url = a.workspace
    if url is None:
        server, url = throwaway_server()
    engine = PostgresEngine.connect(url)
    try:
        run(engine, a)
    finally:
        engine.close()
        if server is not None:
            server.stop()


def run(engine: PostgresEngine, a: argparse.Namespace) -> None:
    db = engine.db
    gen = Generator(a.seed)
    if prepare_desk(engine):
        seconds, articles = build(engine, a.n, gen)
        stored = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        print(
            f"import: {articles} articles, {stored} sentences in {seconds:.1f} s "
            f"({articles / seconds:.0f} articles/s, {stored / seconds:.0f} sentences/s)"
        )
        t0 = time.perf_counter()
        db.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk import
        print(f"vacuum analyze: {time.perf_counter() - t0:.1f} s")
    stored = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
    size = db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    words = db.execute("SELECT count(*) FROM sentence_terms").fetchone()[0]
    print(f"desk: {size / 1e6:.0f} MB for {stored} sentences, {words} distinct words ({engine.location})")

    rng = random.Random(a.seed + 2)
    max_id = db.execute("SELECT max(id) FROM sentences").fetchone()[0]
    targets: list[tuple[int, str]] = []
    while len(targets) < a.queries:
        sid = rng.randint(1, max_id)
        row = db.execute("SELECT text FROM sentences WHERE id = ?", [sid]).fetchone()
        claim = plant(row[0], rng) if row else None
        if claim:
            targets.append((sid, claim))

    search = PgSentenceSearch(BenchSession(engine), DeskArticles())
    for _, claim in targets[:5]:  # warm the caches
        search.match(claim + " warmup")
    times, found = [], 0
    for sid, claim in targets:
        t0 = time.perf_counter()
        results = search.match(claim, limit=10)
        times.append((time.perf_counter() - t0) * 1000)
        found += any(r.sentence_id == sid for r in results)
    slowest = sorted(zip(times, (c for _, c in targets), strict=True), reverse=True)[:3]
    print("slowest:", "; ".join(f"{ms:.0f} ms {claim!r}" for ms, claim in slowest), file=sys.stderr)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(
        f"match: {len(targets)} planted claims, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms, "
        f"recall@10 {found / len(targets):.3f}"
    )
    print(f"machine: {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
