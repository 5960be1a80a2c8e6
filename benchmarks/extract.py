"""Extraction speed: time per 1,000-word article and articles/s over a folder (issue 3 item 7).

Goal: <= 20 ms per 1,000 words on one core. Files are read and decoded by the importer first
(not timed); only `extract()` is timed, best of --repeat runs per article.

Then pathological inputs (long runs of cue words, names, an unclosed quote, a seed article
repeated ten times through the sentence splitter) at two sizes: the ratio of their times shows
whether the cost grows linearly (about 2 for twice the input). These were timed tests once; the
suite now checks only that they are handled, and the figures live here.

usage: .venv/bin/python benchmarks/extract.py [FOLDER ...] [--repeat N]
       default folders: tests/data/articles and seeds/
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.extraction.engine import extract  # noqa: E402
from workbench.model import ItemKind  # noqa: E402
from workbench.text.importers import iter_files, read_file  # noqa: E402
from workbench.text.sentences import split_sentences  # noqa: E402

# name, text at size n (the second run doubles it)
PATHOLOGICAL = [
    ("cue word on every line", lambda n: "line said he\n" * n),
    ("capitalised words, then one cue", lambda n: "Aaa Bbb Ccc Ddd " * n + "said."),
    ("a name list without end", lambda n: "Mr Smith, " * (2 * n)),
    ("an unclosed quote", lambda n: '"' + "a b c. " * (2 * n)),
]

GOAL_MS_PER_1000_WORDS = 20.0


def main() -> None:
    args = sys.argv[1:]
    repeat = 5
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i : i + 2]
    folders = [Path(a) for a in args] or [ROOT / "tests" / "data" / "articles", ROOT / "seeds"]
    items = []
    for path in iter_files(folders):
        if isinstance(path, Path) and not path.name.endswith(".json"):
            items += [it for it in read_file(path) if it.kind is ItemKind.ARTICLE]
    if not items:
        sys.exit("no articles found")
    extract(items[0].text)  # warm up regex caches
    total_s, total_words, per_1000 = 0.0, 0, []
    for item in items:
        best = min(_timed(item) for _ in range(repeat))
        words = len(item.text.split())
        total_s += best
        total_words += words
        per_1000.append(1000 * best / max(words, 1) * 1000)
    per_1000.sort()
    mean = 1000 * total_s / total_words * 1000
    print(
        f"{len(items)} articles, {total_words} words: {mean:.1f} ms per 1,000 words "
        f"(median {per_1000[len(per_1000) // 2]:.1f}, worst {per_1000[-1]:.1f}), "
        f"{len(items) / total_s:.0f} articles/s, goal <= {GOAL_MS_PER_1000_WORDS:.0f} ms per 1,000 words: "
        + ("met" if mean <= GOAL_MS_PER_1000_WORDS else "NOT met")
    )


def pathological(n: int = 5000) -> None:
    """Extraction time of each pathological input at n and 2n, and their ratio."""
    for name, make in PATHOLOGICAL:
        small, large = _cpu(extract, make(n)), _cpu(extract, make(2 * n))
        print(
            f"  {name:34} {1000 * small:8.0f} ms -> {1000 * large:8.0f} ms at twice the size (x{large / small:.1f})"
        )
    seed = (ROOT / "seeds").glob("*.txt")
    text = next(seed).read_text(encoding="utf-8") * 10
    t = min(_cpu(split_sentences, text) for _ in range(5))
    print(f"  sentence split, seed x10: {1000 * t / 10:.2f} ms per seed-sized article (goal <= 5)")


def _cpu(fn, text: str) -> float:
    t0 = time.process_time()
    fn(text)
    return time.process_time() - t0


def _timed(item) -> float:
    t0 = time.perf_counter()
    extract(item.text, agency=item.meta.agency or item.meta.publisher, title=item.meta.title)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
    print("pathological inputs (CPU time):")
    pathological()
