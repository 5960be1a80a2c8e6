"""Extraction speed: time per 1,000-word article and articles/s over a folder (issue 3 item 7).

Goal: <= 20 ms per 1,000 words on one core. Files are read and decoded by the importer first
(not timed); only `extract()` is timed, best of --repeat runs per article.

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


def _timed(item) -> float:
    t0 = time.perf_counter()
    extract(item.text, agency=item.meta.agency or item.meta.publisher, title=item.meta.title)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
