"""Extraction speed: time per 1,000-word article and articles/s over a folder (issue 3 item 7).

Goal: <= 15 ms per 1,000 words on one core (issues 13 and 17). Files are read and decoded by the
importer first (not timed); only `extract()` is timed, best of --repeat runs per article, as CPU
time (time.process_time: what the goal is judged by on a shared machine) and as wall time. The
load average (`os.getloadavg`) is printed with the figures.

--against REV times the extractor of another git revision (default main) on the same articles in
the same run, alternating old and new --rounds times (default 3) in separate processes and keeping
each one's best: the peer that makes a before/after figure fair on a loaded machine.

Then pathological inputs (long runs of cue words, names, an unclosed quote, a seed article
repeated ten times through the sentence splitter) at two sizes: the ratio of their times shows
whether the cost grows linearly (about 2 for twice the input). These were timed tests once; the
suite now checks only that they are handled, and the figures live here.

usage: .venv/bin/python benchmarks/extract.py [FOLDER ...] [--repeat N] [--against [REV]] [--rounds N]
       default folders: tests/data/articles and seeds/
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--root" in sys.argv:  # --against: this script run on another revision's package
    i = sys.argv.index("--root")
    sys.path.insert(0, sys.argv[i + 1])
    del sys.argv[i : i + 2]
else:
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

GOAL_MS_PER_1000_WORDS = 15.0


def _option(args: list[str], name: str, default: str | None, takes_default: bool = False) -> str | None:
    """Remove `name VALUE` from args and return VALUE (or `default`; with takes_default the value
    may be left out when the next word is another option or missing)."""
    if name not in args:
        return None if takes_default else default
    i = args.index(name)
    if takes_default and (i + 1 >= len(args) or args[i + 1].startswith("--")):
        del args[i]
        return default
    value = args[i + 1]
    del args[i : i + 2]
    return value


def main() -> None:
    args = sys.argv[1:]
    repeat = int(_option(args, "--repeat", "5"))
    against = _option(args, "--against", "main", takes_default=True)
    rounds = int(_option(args, "--rounds", "3"))
    quiet = "--figures-only" in args
    args = [a for a in args if a != "--figures-only"]
    folders = [Path(a) for a in args] or [ROOT / "tests" / "data" / "articles", ROOT / "seeds"]
    if against is not None:
        compare(against, folders, repeat, rounds)
        return
    items = []
    for path in iter_files(folders):
        if isinstance(path, Path) and not path.name.endswith(".json"):
            items += [it for it in read_file(path) if it.kind is ItemKind.ARTICLE]
    if not items:
        sys.exit("no articles found")
    extract(items[0].text)  # warm up regex caches
    cpu_s = wall_s = 0.0
    total_words, per_1000 = 0, []
    for item in items:
        runs = [_timed(item) for _ in range(repeat)]
        cpu, wall = min(r[0] for r in runs), min(r[1] for r in runs)
        words = len(item.text.split())
        cpu_s += cpu
        wall_s += wall
        total_words += words
        per_1000.append(1000 * cpu / max(words, 1) * 1000)
    per_1000.sort()
    cpu_ms = 1000 * cpu_s / total_words * 1000
    wall_ms = 1000 * wall_s / total_words * 1000
    if quiet:
        print(f"{cpu_ms:.3f} {wall_ms:.3f}")
        return
    print(
        f"{len(items)} articles, {total_words} words: CPU {cpu_ms:.1f} ms per 1,000 words "
        f"(median {per_1000[len(per_1000) // 2]:.1f}, worst {per_1000[-1]:.1f}), wall {wall_ms:.1f} ms, "
        f"{len(items) / cpu_s:.0f} articles/s (CPU), load {_load()}; "
        f"goal <= {GOAL_MS_PER_1000_WORDS:.0f} ms per 1,000 words (CPU): "
        + ("met" if cpu_ms <= GOAL_MS_PER_1000_WORDS else "NOT met")
    )


def compare(rev: str, folders: list[Path], repeat: int, rounds: int) -> None:
    """CPU and wall ms per 1,000 words of `rev` and of this tree, alternating, best of `rounds` each."""
    me = str(Path(__file__).resolve())
    base = [sys.executable, me, *map(str, folders), "--repeat", str(repeat), "--figures-only"]
    best: dict[str, list[float]] = {}
    loads = [_load()]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        for _ in range(rounds):
            for side, extra in ((rev, ["--root", tmp]), ("this tree", [])):
                out = subprocess.run(base + extra, check=True, capture_output=True, text=True).stdout.split()
                figures = [float(x) for x in out]
                best[side] = [min(a, b) for a, b in zip(best.get(side, figures), figures, strict=True)]
                loads.append(_load())
    for side, (cpu, wall) in best.items():
        print(f"  {side:10} CPU {cpu:5.1f} ms per 1,000 words, wall {wall:5.1f} ms (best of {rounds})")
    (old_cpu, _), (new_cpu, _) = best[rev], best["this tree"]
    print(f"  CPU ratio this tree / {rev}: {new_cpu / old_cpu:.2f}; load {min(loads)}..{max(loads)}")


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


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


def clear_caches() -> None:
    """Empty every functools cache of the workbench package, so that a repeated run of an article
    costs what its first run costs (a cache keyed by the article's phrases would otherwise make
    "best of --repeat" the figure of a warm cache no new article meets)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("workbench"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                    value.cache_clear()


def _timed(item) -> tuple[float, float]:
    """CPU and wall seconds of one extract() call, caches emptied first (not timed)."""
    clear_caches()
    c0, t0 = time.process_time(), time.perf_counter()
    extract(item.text, agency=item.meta.agency or item.meta.publisher, title=item.meta.title)
    return time.process_time() - c0, time.perf_counter() - t0


if __name__ == "__main__":
    main()
    if not any(a in sys.argv for a in ("--figures-only", "--against")):
        print("pathological inputs (CPU time):")
        pathological()
