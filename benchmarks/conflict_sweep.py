"""Conflict sweep over CheckThat! 2020 claim pairs: a fact-checked claim and the tweet repeating it.

A tweet that repeats a claim (the qrels' gold pairs) says the same thing as the claim's text: a
conflict between them is a false alarm unless one of them negates or changes the other's figure.
Each tweet is matched in-process against the stored claims (idf weights from the index, as
`workbench match` does) and the relation of `explain(tweet, claim)` is counted for every gold pair;
each conflict is printed with its reasons, to be read. The data stays in ../shared/eval.

usage: .venv/bin/python benchmarks/conflict_sweep.py [--split dev]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.checkthat import DATA, load, store  # noqa: E402
from workbench.matching.rerank import explain  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    a = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"no CheckThat data at {DATA}")
    vclaims, qrels, queries = load(a.split)
    ws, _ = store(vclaims)
    text = {v["id"]: v["text"] for v in vclaims}
    counts: Counter[str] = Counter()
    conflicts = []
    for qid, tweet in queries:
        query, _ = ws.search.prepare(tweet)
        for vid in sorted(qrels[qid]):
            reasons = explain(tweet, text[vid], query)
            counts[reasons.relation.value] += 1
            if reasons.relation.value == "conflict":
                conflicts.append((tweet, text[vid], reasons.conflicts))
    total = sum(counts.values())
    print(
        f"{total} gold pairs ({a.split}): "
        + ", ".join(f"{counts[k]} {k}" for k in ("agree", "conflict", "unrelated"))
    )
    for tweet, claim, why in conflicts:
        print(f"- tweet: {tweet[:160]}\n  claim: {claim[:160]}\n  why:   {'; '.join(why)}")
    ws.close()


if __name__ == "__main__":
    main()
