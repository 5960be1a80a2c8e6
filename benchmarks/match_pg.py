"""Matching benchmark on a desk: benchmarks/match.py's sentences and planted claims, on PostgreSQL.

The peer of benchmarks/match.py (same generator, same seed, same planted claims, same `match`):
N generated sentences in articles of 25, each article written as a desk import writes it (one
transaction: the article row, its sentences, their index rows from their stored terms with `index_stored`; the word
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

from db.engines.pg_search import PgSentenceSearch, index_stored, recount_index  # noqa: E402
from db.engines.postgres import PostgresEngine  # noqa: E402
from workbench.matching.query import index_text  # noqa: E402
from workbench.text.sentences import split_sentences  # noqa: E402


class DeskArticles:
    """An article's versions on the benchmark desk (generated articles have one each)."""

    def versions(self, article_id: int) -> list[int]:
        return [article_id]


class TimedSearch(PgSentenceSearch):
    """The desk's search with the wall time of each question to the server added up."""

    QUESTIONS = ("total", "doc_freq", "indexed_words", "candidates", "articles")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.spent: dict[str, list[float]] = {}
        for name in self.QUESTIONS:
            setattr(self, name, self._timed(name, getattr(self, name)))

    def _timed(self, name, fn):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent.setdefault(name, []).append((time.perf_counter() - t0) * 1000)

        return timed

    def report(self, queries: int, total_ms: float) -> str:
        """Mean ms a query of each question (calls a query), and the rest: the shared Python side."""
        parts, asked = [], 0.0
        for name in self.QUESTIONS:
            spent = self.spent.get(name, [])
            asked += sum(spent)
            if spent:
                parts.append(f"{name} {sum(spent) / queries:.1f} ms ({len(spent) / queries:.1f} calls)")
        rest = (total_ms - asked) / queries
        parts.append(f"the rest (prepare, rerank, explain: workbench/matching) {rest:.1f} ms")
        return "  mean a query: " + ", ".join(parts)


def _write(engine: PostgresEngine, articles: list[tuple[int, str]], sentence_id: int) -> int:
    """Write articles (id, text) with their sentences and index rows in one transaction."""
    db = engine.db
    rows = []
    for article_id, text in articles:
        for s in split_sentences(text):
            sentence_id += 1
            sentence = text[s.start : s.end]
            rows.append((sentence_id, article_id, s.start, s.end, sentence, "", index_text(sentence), ""))
    with engine.atomic():
        db.execute(
            "INSERT INTO articles (id, kind, title, url, text, text_hash, imported_at) SELECT i, 'article', "
            "'Synthetic ' || i, 'urn:synthetic:' || i, t, md5(t), now()::text FROM unnest(?::bigint[], ?::text[]) AS a(i, t)",
            [[a for a, _ in articles], [t for _, t in articles]],
        )
        db.execute(
            'INSERT INTO sentences (id, article_id, start, "end", text, title, terms, title_terms) '
            "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::text[], ?::text[], "
            "?::text[], ?::text[])",
            [list(column) for column in zip(*rows, strict=True)],
        )
        index_stored(db, [(r[0], r[6], r[7]) for r in rows])
    return sentence_id


class Spent:
    """Wall time, this process's CPU time and the server backend's CPU time (read from /proc when
    the server runs on this machine and we may read it; else None) since `start`."""

    def __init__(self, db) -> None:
        pid = db.execute("SELECT pg_backend_pid()").fetchone()[0]
        self.stat = Path(f"/proc/{pid}/stat")
        self.wall = self.cpu = 0.0
        self.server: float | None = 0.0

    def _server_now(self) -> float | None:
        try:
            fields = self.stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> Spent:
        self._t, self._c, self._s = time.perf_counter(), time.process_time(), self._server_now()
        return self

    def __exit__(self, *exc) -> None:
        self.wall += time.perf_counter() - self._t
        self.cpu += time.process_time() - self._c
        now = self._server_now()
        self.server = (
            None if now is None or self._s is None or self.server is None else self.server + now - self._s
        )

    def per(self, n: int) -> str:
        server = f", server {self.server / n * 1000:.1f} ms" if self.server is not None else ""
        return f"{n / self.wall:.0f} articles/s; CPU an article: client {self.cpu / n * 1000:.1f} ms{server}"


def build(
    engine: PostgresEngine, n: int, gen: Generator, first: int = 1, sentence_id: int = 0, batch: int = 1
) -> tuple[Spent, int]:
    """Import articles `batch` a transaction (1: one each, as a desk import does); the time spent
    writing (generating the texts is not counted)."""
    articles = max(1, n // SENTENCES_PER_ARTICLE)
    spent = Spent(engine.db)
    for i in range(first, first + articles, batch):
        texts = [(k, gen.article()) for k in range(i, min(first + articles, i + batch))]
        with spent:
            sentence_id = _write(engine, texts, sentence_id)
        done = texts[-1][0] - first + 1
        if done % 5000 < batch:
            print(f"  {done}/{articles} articles, {done / spent.wall:.0f}/s", file=sys.stderr)
    engine.db.ids_written("articles")
    engine.db.ids_written("sentences")
    return spent, articles


def real_import(url: str, count: int, gen: Generator) -> tuple[Spent, int]:
    """Store `count` generated articles through the real import path (`store_item`: duplicate
    check, article, sentences, the desk's index, wire keys and group, audit), one transaction each."""
    from db import Workspace
    from db.flows.importing import store_item
    from workbench.model import ArticleMeta, ImportItem

    ws = Workspace.open(url)
    try:
        stamp = time.time()
        spent = Spent(ws.db)
        for i in range(count):
            item = ImportItem(
                gen.article(), ArticleMeta(title=f"Real {stamp} {i}", url=f"urn:real:{stamp}:{i}")
            )
            with spent:
                store_item(ws, item)
        return spent, count
    finally:
        ws.close()


def bulk_build(engine: PostgresEngine, n: int, gen: Generator) -> tuple[float, int]:
    """Load a big desk fast for the query figures: 500 articles a transaction, triggers off
    (session_replication_role: superuser), the GIN index made after the load, counts recounted."""
    db = engine.db
    articles = max(1, n // SENTENCES_PER_ARTICLE)
    started = time.perf_counter()
    db.execute("DROP INDEX sentence_index_terms")
    db.execute("SET session_replication_role = replica")
    sentence_id = 0
    for i in range(1, articles + 1, 500):
        batch = [(k, gen.article()) for k in range(i, min(articles, i + 499) + 1)]
        sentence_id = _write(engine, batch, sentence_id)
        print(f"  {batch[-1][0]}/{articles} articles", file=sys.stderr)
    db.execute("SET session_replication_role = DEFAULT")
    db.ids_written("articles")
    db.ids_written("sentences")
    with engine.atomic():
        db.execute("CREATE INDEX sentence_index_terms ON sentence_index USING gin (terms)")
        recount_index(db)
    return time.perf_counter() - started, articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="stored sentences")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--workspace", help="a desk URL (postgresql://...); default: a throwaway server")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--bulk", action="store_true", help="load the desk in bulk (triggers off, counts after)")
    ap.add_argument(
        "--then-import", type=int, default=0, help="then import this many articles (--batch a transaction)"
    )
    ap.add_argument("--batch", type=int, default=1, help="articles a transaction when importing (default 1)")
    ap.add_argument("--real-import", type=int, default=0, help="then store this many through store_item")
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
        if a.bulk:
            seconds, articles = bulk_build(engine, a.n, gen)
        else:
            spent, articles = build(engine, a.n, gen, batch=a.batch)
            seconds = spent.wall
            print(f"  import: {spent.per(articles)}")
        stored = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        print(
            f"{'bulk load' if a.bulk else 'import'}: {articles} articles, {stored} sentences in {seconds:.1f} s "
            f"({articles / seconds:.0f} articles/s, {stored / seconds:.0f} sentences/s)"
        )
        t0 = time.perf_counter()
        db.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk import
        print(f"vacuum analyze: {time.perf_counter() - t0:.1f} s")
    stored = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
    size = db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    words = db.execute("SELECT count(*) FROM sentence_terms").fetchone()[0]
    print(f"desk: {size / 1e6:.0f} MB for {stored} sentences, {words} distinct words ({engine.location})")

    if a.queries:
        match_figures(engine, a)
    if a.then_import:
        last = db.execute("SELECT max(id) FROM articles").fetchone()[0]
        last_sentence = db.execute("SELECT max(id) FROM sentences").fetchone()[0]
        spent, articles = build(
            engine, a.then_import * SENTENCES_PER_ARTICLE, gen, last + 1, last_sentence, batch=a.batch
        )
        each = "one transaction each" if a.batch == 1 else f"{a.batch} a transaction"
        print(
            f"import into this desk: {articles} more articles {each} in {spent.wall:.1f} s: {spent.per(articles)} "
            f"(load {os.getloadavg()[0]:.1f})"
        )
    if a.real_import:
        spent, articles = real_import(engine.url, a.real_import, gen)
        print(
            f"real import path (store_item) into this desk: {articles} articles one transaction each: "
            f"{spent.per(articles)} (load {os.getloadavg()[0]:.1f})"
        )
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")


def match_figures(engine: PostgresEngine, a: argparse.Namespace) -> None:
    """p50/p95/max and recall@10 of `match` over planted claims, where the time goes."""
    db = engine.db
    rng = random.Random(a.seed + 2)
    max_id = db.execute("SELECT max(id) FROM sentences").fetchone()[0]
    targets: list[tuple[int, str]] = []
    while len(targets) < a.queries:
        sid = rng.randint(1, max_id)
        row = db.execute("SELECT text FROM sentences WHERE id = ?", [sid]).fetchone()
        planted = plant(row[0], rng) if row else None
        if planted:
            targets.append((sid, planted[0]))  # (match.py also screens claims too common to find)

    search = TimedSearch(BenchSession(engine), DeskArticles())
    for _, claim in targets[:5]:  # warm the caches
        search.match(claim + " warmup")
    search.spent.clear()
    db.execute("SET track_functions = 'pl'")  # the server's own time in sentence_candidates
    db.execute("SELECT pg_stat_reset()")
    times, cpu, found = [], [], 0
    for sid, claim in targets:
        t0, c0 = time.perf_counter(), time.process_time()
        results = search.match(claim, limit=10)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        found += any(r.sentence_id == sid for r in results)
    time.sleep(1.5)  # the session's function statistics reach the shared view within a second
    server = db.execute(
        "SELECT sum(calls), sum(total_time) FROM pg_stat_user_functions WHERE funcname = 'sentence_candidates'"
    ).fetchone()
    slowest = sorted(zip(times, (c for _, c in targets), strict=True), reverse=True)[:3]
    print("slowest:", "; ".join(f"{ms:.0f} ms {claim!r}" for ms, claim in slowest), file=sys.stderr)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(
        f"match: {len(targets)} planted claims, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms, "
        f"recall@10 {found / len(targets):.3f}"
    )
    print(search.report(len(targets), sum(times)))
    if server and server[0]:
        print(
            f"  server: sentence_candidates {float(server[1]) / float(server[0]):.1f} ms a call (mean of {server[0]}, "
            "pg_stat_user_functions)"
        )
    print(
        f"  client process time: p50 {statistics.median(cpu):.1f} ms a query (the Python side, rerank included)"
    )


if __name__ == "__main__":
    main()
