"""Re-anchoring speed: claims carried over to a new version of a long article.

Prints how long `resolve` takes per claim for each kind of edit, and the cost of a whole
re-import with claims on a workspace file. Run: .venv/bin/python benchmarks/reanchor.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import Workspace  # noqa: E402
from db.flows.importing import import_paths  # noqa: E402
from workbench.text.anchors import TextAnchor, resolve  # noqa: E402
from workbench.text.importers import read_file  # noqa: E402
from workbench.text.sentences import split_sentences  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_49799be3d89e085a.txt"


def long_article(paragraphs: int, rng: random.Random) -> str:
    """Distinct sentences of 12-30 words drawn from the seed's vocabulary, four to a paragraph."""
    words = sorted(set(read_file(SEED)[0].text.split()))
    out = []
    for _ in range(paragraphs):
        sentences = [" ".join(rng.choices(words, k=rng.randint(12, 30))).rstrip(".,") + "." for _ in range(4)]
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def edit(text: str, kind: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    if kind == "insert":
        for _ in range(len(paragraphs) // 5):
            at = rng.randrange(len(paragraphs))
            paragraphs.insert(at, "An inserted paragraph that says nothing new, officials said on Monday.")
    elif kind == "words":
        words = text.split(" ")
        for _ in range(len(words) // 40):
            words[rng.randrange(len(words))] = "CHANGED"
        return " ".join(words)
    elif kind == "delete":
        paragraphs = [p for p in paragraphs if rng.random() > 0.3]
    return "\n\n".join(paragraphs)


def main() -> None:
    rng = random.Random(7)
    text = long_article(60, rng)
    spans = split_sentences(text)
    anchors = [TextAnchor.from_span(text, s.start, s.end) for s in spans]
    print(f"article: {len(text):,} characters, {len(anchors)} claims (one per sentence)")
    for kind in ("unchanged", "insert", "words", "delete"):
        new = text if kind == "unchanged" else edit(text, kind, rng)
        started = time.perf_counter()
        results = [resolve(a, new) for a in anchors]
        elapsed = time.perf_counter() - started
        methods: dict[str, int] = {}
        for r in results:
            key = r.method if r else "orphan"
            methods[key] = methods.get(key, 0) + 1
        print(
            f"  {kind:9}  {elapsed * 1000:8.1f} ms total  {elapsed * 1e6 / len(anchors):8.0f} µs/claim  "
            + "  ".join(f"{k} {v}" for k, v in sorted(methods.items()))
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "v1.txt").write_text(
            f" date 2021-01-01 PARIS • Long story\n\n{text}\n\nAFP\n", encoding="utf-8"
        )
        (folder / "v2.txt").write_text(
            f" date 2021-01-01 PARIS • Long story\n\n{edit(text, 'delete', rng)}\n\nAFP\n", encoding="utf-8"
        )
        with Workspace.open(folder / "ws.db") as ws:
            import_paths(ws, [folder / "v1.txt"])
            with ws.db.atomic():
                stored = ws.articles.get(1).text
                for s in split_sentences(stored):
                    ws.claims.add(1, s.start, s.end)
            started = time.perf_counter()
            report = import_paths(ws, [folder / "v2.txt"])
            elapsed = time.perf_counter() - started
            new_id = report.updated[0].article_id
            orphans = ws.db.execute(
                "SELECT count(*) FROM claims WHERE article_id = ? AND orphan = 1", [new_id]
            )
            print(
                f"re-import with {len(spans)} claims (30% of paragraphs deleted): {elapsed * 1000:.0f} ms, "
                f"{orphans.fetchone()[0]} orphans"
            )


if __name__ == "__main__":
    main()
