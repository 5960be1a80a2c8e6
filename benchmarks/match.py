"""Matching benchmark: N stored sentences, planted paraphrase claims, FTS5+rerank vs brute force.

Builds the corpus twice, from two generators, and prints the figures of each:

- `zipf`: news-like pseudo-text (Zipf-distributed made-up words with English function words at the
  top, capitalised names, numbers), the generator the matching constants were measured on;
- `trigram`: a word-trigram chain trained on real English text in ../shared/eval (the PolNeAR
  articles, the CheckThat fact-checked claims and tweets, the ClaimBuster debate sentences), which
  nothing was tuned to: real words, real frequencies, real names and numbers, and the repeats
  real text has.

Articles of `SENTENCES_PER_ARTICLE` sentences are stored through the real import path
(`store_item`: article, sentences, FTS5 index, wire grouping), then claims are planted from stored
sentences: a few of the sentence's content words, reordered, one of them with a typo. Only
distinctive claims are kept: their intact words occur together in at most `DISTINCTIVE` stored
sentences (otherwise "the" sentence is not a fair target). Prints the index build time, the
workspace size, p50/p95 per query (wall time, and the process's CPU time: on a shared machine
the wall time grows with what else runs) and recall@10 of `match`, the claims a second of
`workbench match --batch` over the same planted claims (a subprocess: opening the workspace
counted), and the same for brute-force `rapidfuzz.process.extract` over all sentences. The load
average is printed with every run.

usage: .venv/bin/python benchmarks/match.py [--n 1000000] [--queries 200] [--brute 10]
           [--generator both|zipf|trigram] [--workspace PATH] [--no-batch]
    --workspace PATH keeps the workspaces (PATH with -zipf / -trigram before its suffix) and reuses them
    (a 1M-sentence build takes 5 minutes on a quiet machine, close to an hour at load 10).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from db import Workspace  # noqa: E402
from db.flows.importing import store_item  # noqa: E402
from workbench.matching.query import STOPWORDS, index_terms, normalise  # noqa: E402
from workbench.model import ArticleMeta, ImportItem  # noqa: E402

SENTENCES_PER_ARTICLE = 25
VOCABULARY = 60_000
NAMES = 5_000
ZIPF_S = 1.05
FUNCTION_WORDS = (  # noqa: SIM905 - a word list reads better as text
    "the of to and a in that is for on was with he it as at by said from his an have has are were but not "
    "be this they had which who after their been also its would will about more one two over than when "
    "into last some other there out up new year could government people officials told first three"
).split()
_SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ar", "en")]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: dict[str, None] = dict.fromkeys(FUNCTION_WORDS)
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        words.setdefault(word, None)
    return list(words)


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, VOCABULARY)
        weights = [1 / (rank + 1) ** ZIPF_S for rank in range(len(self.words))]
        self.cum = list(_accumulate(weights))
        self.names = [w.capitalize() for w in vocabulary(random.Random(seed + 1), NAMES)]

    def sentence(self) -> str:
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum, k=rng.randint(10, 28))
        for _ in range(rng.choice((0, 1, 1, 2))):
            words[rng.randrange(len(words))] = rng.choice(self.names)
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 9999):,}")
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def article(self) -> str:
        sentences = [self.sentence() for _ in range(SENTENCES_PER_ARTICLE)]
        return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


EVAL = next(
    (b / "shared" / "eval" for b in ROOT.parents if (b / "shared" / "eval").is_dir()),
    ROOT.parent / "shared" / "eval",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])")
START = ("", "")  # the chain's state before a sentence's first word


def training_text() -> list[str]:
    """Real English sentences from ../shared/eval (read in place, never copied into the project)."""
    out: list[str] = []
    for path in sorted((EVAL / "attribution" / "polnear-dev" / "text").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines()[1:]:  # the first line is the headline
            out += _SENTENCE_END.split(paragraph.strip())
    claims = EVAL / "claim-retrieval" / "checkthat2020" / "verified_claims.docs.tsv"
    if claims.exists():
        for line in claims.read_text(encoding="utf-8").splitlines()[1:]:
            out += [cell.strip('"') for cell in line.split("\t")[1:3]]
    tweets = EVAL / "claim-retrieval" / "checkthat2020" / "dev" / "tweets.queries.tsv"
    if tweets.exists():
        out += [re.sub(r"https?://\S+|pic\.twitter\.com/\S+", "", line.partition("\t")[2])
                for line in tweets.read_text(encoding="utf-8").splitlines()[1:]]  # fmt: skip
    debates = EVAL / "checkworthiness" / "claimbuster-dev.json"
    if debates.exists():
        out += [row["text"] for row in json.loads(debates.read_text(encoding="utf-8"))]
    return [s for s in (" ".join(t.split()) for t in out) if len(s.split()) >= 4]


class TrigramGenerator:
    """Sentences from a word-trigram chain over real text: each next word drawn, as often as it
    followed the last two words in the training text, until a sentence end or `MAX_WORDS`."""

    MAX_WORDS = 40

    def __init__(self, seed: int = 7, sentences: list[str] | None = None) -> None:
        self.rng = random.Random(seed)
        self.next: dict[tuple[str, str], list[str]] = {}
        sentences = training_text() if sentences is None else sentences
        if not sentences:
            sys.exit(f"no training text for the trigram generator under {EVAL}")
        for sentence in sentences:
            state = START
            for word in [*sentence.split(), ""]:  # "" ends the sentence
                self.next.setdefault(state, []).append(word)
                state = (state[1], word)
        self.trained_on = len(sentences)

    def sentence(self) -> str:
        words: list[str] = []
        state = START
        while len(words) < self.MAX_WORDS:
            word = self.rng.choice(self.next[state])
            if not word:
                break
            words.append(word)
            state = (state[1], word)
        text = " ".join(words)
        return text if text.endswith((".", "!", "?", '"', "”")) else text + "."

    article = Generator.article


def _accumulate(weights: list[float]):
    total = 0.0
    for w in weights:
        total += w
        yield total


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("swap", "drop", "replace"))
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeioustrn") + word[i + 1 :]


_WORD = re.compile(r"\w(?:[\w'’,.-]*\w)?")


def plant(sentence: str, rng: random.Random) -> tuple[str, list[str]] | None:
    """A short claim from a stored sentence: 3-6 content words, reordered, one with a typo; and the
    words left intact."""
    content = list(dict.fromkeys(w for w in _WORD.findall(sentence) if normalise(w) not in STOPWORDS))
    if len(content) < 3:
        return None
    words = rng.sample(content, min(len(content), rng.randint(3, 6)))
    intact = list(words)
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if long_words:
        i = rng.choice(long_words)
        intact.remove(words[i])
        words[i] = typo(words[i], rng)
    rng.shuffle(words)
    return " ".join(words), intact


DISTINCTIVE = 3  # a planted claim's intact words occur together in at most this many stored sentences


def together(ws: Workspace, words: list[str], at_most: int = DISTINCTIVE) -> int:
    """In how many stored sentences all of `words` occur (counted up to `at_most` + 1)."""
    terms = [f'"{t}"' for t in dict.fromkeys(index_terms(" ".join(words)))]
    if not terms:
        return at_most + 1
    sql = "SELECT count(*) FROM (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT ?)"
    return ws.db.execute(sql, ["{terms} : (" + " AND ".join(terms) + ")", at_most + 1]).fetchone()[0]


def build(ws: Workspace, n: int, gen: Generator) -> tuple[float, int]:
    articles = max(1, n // SENTENCES_PER_ARTICLE)
    started = time.perf_counter()
    for i in range(articles):
        item = ImportItem(gen.article(), ArticleMeta(title=f"Synthetic {i}", url=f"urn:synthetic:{i}"))
        store_item(ws, item)  # as an import stores it: article, sentence index, wire group
        if i and i % 5000 == 0:
            rate = i / (time.perf_counter() - started)
            print(f"  {i}/{articles} articles, {rate:.0f}/s", file=sys.stderr)
    return time.perf_counter() - started, articles


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def targets(ws: Workspace, count: int, seed: int) -> tuple[list[tuple[int, str]], int]:
    """`count` distinctive planted claims with the sentence each comes from; and how many were tried."""
    rng = random.Random(seed + 2)
    max_id = ws.db.execute("SELECT max(id) FROM sentences").fetchone()[0]
    out: list[tuple[int, str]] = []
    tried = 0
    while len(out) < count and tried < 50 * count:
        sid = rng.randint(1, max_id)
        row = ws.db.execute("SELECT text FROM sentences WHERE id = ?", [sid]).fetchone()
        planted = plant(row[0], rng) if row else None
        if planted:
            tried += 1
            claim, intact = planted
            if together(ws, intact) <= DISTINCTIVE:
                out.append((sid, claim))
    return out, tried


def run(name: str, gen, a: argparse.Namespace) -> None:
    if a.workspace:
        path = a.workspace.with_name(f"{a.workspace.stem}-{name}{a.workspace.suffix or '.db'}")
    else:
        path = Path(tempfile.mkdtemp()) / f"bench-{name}.db"
    print(f"== generator {name} ==")
    fresh = not path.exists()
    ws = Workspace.open(path)
    if fresh:
        seconds, articles = build(ws, a.n, gen)
        stored = ws.articles.sentence_count()
        print(
            f"index build: {articles} articles, {stored} sentences in {seconds:.1f} s "
            f"({articles / seconds:.0f} articles/s, {stored / seconds:.0f} sentences/s)"
        )
    stored = ws.articles.sentence_count()
    distinct = ws.db.execute("SELECT count(DISTINCT text) FROM sentences").fetchone()[0]
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    print(f"workspace: {size / 1e6:.0f} MB for {stored} sentences, {distinct} distinct ({path})")

    planted, tried = targets(ws, a.queries, a.seed)
    print(
        f"planted: {len(planted)} distinctive claims of {tried} tried (intact words in <= {DISTINCTIVE} sentences)"
    )
    search = ws.search
    for _, claim in planted[:5]:  # warm the page cache and the term statistics of the connection
        search.match(claim + " warmup")
    times, cpu, found = [], [], 0
    for sid, claim in planted:
        t0, c0 = time.perf_counter(), time.process_time()
        results = search.match(claim, limit=10)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        found += any(r.sentence_id == sid for r in results)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(
        f"match: {len(planted)} planted claims, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms "
        f"(CPU p50 {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms), "
        f"recall@10 {found / len(planted):.3f}; {load()}"
    )
    if a.batch:
        batch(path, [claim for _, claim in planted])

    if a.brute:
        t0 = time.perf_counter()
        choices = {r[0]: normalise(r[1]) for r in ws.db.execute("SELECT id, text FROM sentences")}
        print(
            f"brute force: normalised {len(choices)} sentences in memory in {time.perf_counter() - t0:.1f} s"
        )
        brute_times, brute_found = [], 0
        for sid, claim in planted[: a.brute]:
            t0 = time.perf_counter()
            best = process.extract(
                normalise(claim),
                choices,
                scorer=fuzz.token_set_ratio,
                processor=None,
                limit=10,
                score_cutoff=50,
            )
            brute_times.append((time.perf_counter() - t0) * 1000)
            brute_found += any(key == sid for _, _, key in best)
        bp50 = statistics.median(brute_times)
        print(
            f"brute force process.extract(token_set_ratio): {len(brute_times)} claims, p50 {bp50:.0f} ms, "
            f"recall@10 {brute_found / len(brute_times):.3f}; match is {bp50 / p50:.0f}x faster (p50/p50)"
        )
    ws.close()


def load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def batch(path: Path, claims: list[str]) -> None:
    """`workbench match --batch` over the claims, as a user runs it: claims a second, wall and CPU."""
    exe = Path(sys.executable).with_name("workbench")
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "claims.txt"
        lines.write_text("\n".join(claims) + "\n", encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        out = subprocess.run(
            [str(exe), "match", "--batch", str(lines), "-w", str(path), "--json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    answered = len(out.stdout.splitlines())
    print(
        f"match --batch: {answered} claims in {wall:.2f} s: {answered / wall:.0f} claims/s "
        f"(CPU {cpu:.2f} s: {answered / cpu:.0f} claims per CPU second; opening the workspace included); {load()}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="stored sentences")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--brute", type=int, default=10, help="queries also run by brute force")
    ap.add_argument("--generator", choices=("both", "zipf", "trigram"), default="both")
    ap.add_argument("--workspace", type=Path, help="reuse or keep the workspaces (see above)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-batch", dest="batch", action="store_false", help="leave out the match --batch run")
    a = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, {load()} at the start")
    if a.generator in ("both", "zipf"):
        run("zipf", Generator(a.seed), a)
    if a.generator in ("both", "trigram"):
        gen = TrigramGenerator(a.seed)
        print(f"trigram chain trained on {gen.trained_on} real sentences, {len(gen.next)} states")
        run("trigram", gen, a)
    print(f"machine: {os.cpu_count()} cores, {load()} at the end (other work shares them)")


if __name__ == "__main__":
    main()
