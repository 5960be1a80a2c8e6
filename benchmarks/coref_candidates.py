#!/usr/bin/env python3
"""List the PolNeAR source spans that need coreference, in their article, for hand-reading.

This is the reading aid used to build benchmarks/data/coref_dev.jsonl (see benchmarks/data/README.md).
It prints each article with its candidate source spans marked in place as ⟦id:span⟧ (⟦id*:span⟧ for a
description), so the referent can be decided by reading the text around it. It only prints to the
terminal: the articles are third-party text and must not be copied into the repo. The labels in the
gold file were decided by a person reading this output, not by this script.

Candidates, from the first annotator's .ann of each article (the one the PolNeAR scorer uses):
  - pronoun sources (he, she, they, it, we, I, who, which, that, his, her, ...), at most --cap per
    article, spread evenly over the article when there are more;
  - every source starting with "the" (names such as "The New York Times" included: the reader drops
    them), and those starting with this/these/those/both/his/her/their/its/our/"officials" that hold
    no capitalised word.

usage: python benchmarks/coref_candidates.py [--data DIR] [--cap 10] [DOC_SUBSTRING ...]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path("..") / "shared" / "eval" / "attribution" / "polnear-dev"


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


PRONOUNS = wordset(
    "he she they it we i who his her their him them its our my which that you whom whose me us"
)
DETERMINERS = wordset("the this these those both officials his her their its our")


def default_data() -> Path:
    for base in [ROOT, *ROOT.parents]:
        if (base / DEFAULT_DATA / "text").is_dir():
            return (base / DEFAULT_DATA).resolve()
    return ROOT / DEFAULT_DATA


def sources(path: Path) -> list[tuple[int, int, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _tid, meta, text = (line.split("\t") + ["", ""])[:3]
        kind, _, offs = meta.partition(" ")
        if kind != "Source":
            continue
        frags = [tuple(int(x) for x in part.split()) for part in offs.split(";")]
        out.append((frags[0][0], frags[-1][1], text))
    return out


def candidates(data: Path, cap: int) -> list[dict]:
    """The candidate spans, numbered 1.. in article order (the numbering the gold was read with)."""
    items = []
    for doc in sorted((data / "text").glob("*.txt")):
        anns = sorted((data / "attributions").glob(doc.stem + "_*.ann"))
        if not anns:
            continue
        seen, pron, desc = set(), [], []
        for start, end, text in sources(anns[0]):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            words = text.lower().split()
            item = {"doc": doc.stem, "start": start, "end": end, "description": True}
            if text.lower().strip() in PRONOUNS:
                pron.append({**item, "description": False})
            elif words and (
                words[0] == "the"
                or (words[0] in DETERMINERS and not any(w[0].isupper() for w in text.split()[1:]))
            ):
                desc.append(item)
        pron.sort(key=lambda r: r["start"])
        if len(pron) > cap:
            step = len(pron) / cap
            pron = [pron[int(i * step)] for i in range(cap)]
        items.extend(sorted(pron + desc, key=lambda r: r["start"]))
    for i, item in enumerate(items, 1):
        item["id"] = i
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docs", nargs="*", help="only articles whose name contains one of these")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--cap", type=int, default=10, help="pronoun candidates per article at most")
    a = ap.parse_args()
    data = a.data if a.data is not None else default_data()
    items = candidates(data, a.cap)
    for doc in sorted({r["doc"] for r in items}):
        if a.docs and not any(s in doc for s in a.docs):
            continue
        raw = (data / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        mine = [r for r in items if r["doc"] == doc]
        parts, pos = [], 0
        for r in mine:
            if r["start"] < pos:
                continue
            star = "*" if r["description"] else ""
            parts += [raw[pos : r["start"]], f"⟦{r['id']}{star}:{raw[r['start'] : r['end']]}⟧"]
            pos = r["end"]
        parts.append(raw[pos:])
        print(f"===== {doc}  items {[r['id'] for r in mine]}")
        print("".join(parts))


if __name__ == "__main__":
    main()
