#!/usr/bin/env python3
"""Coreference of pronoun and description sources: who does "he" / "the senator" / "they" point at?

Scores `workbench extract FILE --json` against the hand-read gold in benchmarks/data/coref_dev.jsonl
(one line per PolNeAR source span that is a pronoun or a description, with the referent a careful
reader gives it; see benchmarks/data/README.md). It runs the workbench only through its CLI, one
process per article (in parallel, --jobs), and imports nothing from the project, so it keeps working
while modules move around.

usage: .venv/bin/python benchmarks/coref_eval.py [--data DIR] [--gold FILE] [--workbench PATH]
                                                 [--jobs N] [--misses]

--data DIR   PolNeAR split with text/<doc>.txt (default ../shared/eval/attribution/polnear-dev,
             relative to the repo root)
--jobs N     extract processes at once (default: the number of CPUs)
--misses     list every wrong one: doc, start, mention, gold referent, what the engine gave

Matching a gold item to the engine's output
    A gold item is *covered* when some proposed claim has an attribution whose source span
    (source_start/source_end, shifted from article offsets to file offsets) overlaps the gold
    pronoun span. When several do, the one overlapping most wins (ties: the first claim).

The resolved entity of that attribution is read, in this order:
    1. attribution["resolved"]  (upcoming coreference work; a string, or a dict with "name")
    2. attribution["entity"]    (same)
    3. the per-article registry: the top-level "sources" entry whose id is attribution["source_id"],
       its "name". This is where the engine puts its resolution today: attribution["source"] holds
       the span text as written ("he"), the registry entry the entity that span was merged into.
    4. attribution["source"]    (the span text itself)
    If attribution["unsure"] is true the item is counted as unsure (it is still scored).

A resolution is *bare* (and never right) when it is still a pronoun, or made only of the mention's
own words: "the senator" or "senator" for "the senator", "York" for "the New York businessman".

Same entity? Both names are normalised: accents folded, lower case, possessive 's and
punctuation dropped (dots removed, so "U.S." -> "us"), titles and honorifics (Mr., Mrs., Ms., Dr.,
Sen., Rep., Gov., President, Secretary, Gen., Rev., ...; never the last word) and suffixes (Jr., Sr.,
II) removed, as are one-letter initials.
    person (gold type "person"): the last tokens (surnames) are equal, and either side is the
        surname alone, or the given-name tokens of one side are all among the other's.
        "Comey" = "James Comey" = "FBI Director James B. Comey"; "Bill Clinton" != "Hillary Clinton".
    organisation / group: stop words (the, of, and, for, ...) dropped, a plural -s stripped from
        tokens longer than three letters; the names match when they share at least half of the
        union of their tokens (Jaccard >= 0.5), or when one is a single token equal to the initials
        of the other ("FBI" = "Federal Bureau of Investigation", "U.N." = "United Nations").
        Known leniencies: "Trump" matches a gold "Trump campaign" (1 of 2 tokens) and "Capitol Hill"
        a gold "Democrats on Capitol Hill"; a bare surname "Clinton" matches "Bill Clinton" too.
Both rules are symmetric (swapping gold and engine answer gives the same verdict).

Figures on 2026-12-02 at commit 3ffe000, before any coreference work (nproc 2, AMD EPYC, shared
machine: 2 min 11 s wall, 57 s CPU; the per-type table is in benchmarks/data/README.md):
    413 gold items in 74 articles; covered 269 (0.651); resolved right 124: 0.300 of all items,
    0.461 of covered ones; left bare 43 (0.160 of covered); unsure 0 (no such field yet).
    person 0.370 of all / 0.513 of covered, organisation 0.000 / 0.000, group 0.128 / 0.300.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path("..") / "shared" / "eval" / "attribution" / "polnear-dev"
DEFAULT_GOLD = ROOT / "benchmarks" / "data" / "coref_dev.jsonl"


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


PRONOUNS = wordset(
    "he she they it we i you who whom whose which that his her hers their theirs him them its our "
    "ours my mine me us this these those one"
)
TITLES = wordset(
    "mr mrs ms miss mx dr sen senator rep representative congressman congresswoman gov governor "
    "president pres vice secretary gen general lt col colonel maj major capt sgt adm admiral ret "
    "retired rev reverend judge justice chief former prof professor sir dame lord lady hon honorable "
    "mayor speaker chairman chairwoman director commissioner attorney st"
)
SUFFIXES = wordset("jr sr ii iii iv")
STOP = wordset("the a an of and for in on at to by de del la le")


def default_data() -> Path:
    """../shared/eval/attribution/polnear-dev from the repo root; from a worktree (/work/wt/NAME)
    the first ancestor that holds shared/eval/attribution/polnear-dev."""
    for base in [ROOT, *ROOT.parents]:
        candidate = base / DEFAULT_DATA
        if (candidate / "text").is_dir():
            return candidate.resolve()
    return ROOT / DEFAULT_DATA


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def tokens(name: str) -> list[str]:
    text = fold(name)
    text = re.sub(r"'s\b", "", text)
    text = text.replace(".", "")
    return re.findall(r"[a-z0-9@]+", text)


def person_tokens(name: str) -> list[str]:
    """Name tokens without suffixes, initials and titles; the last token (the surname) always stays,
    so "Jim Justice" keeps "justice"."""
    words = [t for t in tokens(name) if t not in SUFFIXES and len(t) > 1]
    return [t for t in words[:-1] if t not in TITLES] + words[-1:]


def same_person(a: str, b: str) -> bool:
    ta, tb = person_tokens(a), person_tokens(b)
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    ga, gb = set(ta[:-1]), set(tb[:-1])
    return not ga or not gb or ga <= gb or gb <= ga


def org_tokens(name: str) -> list[str]:
    out = []
    for t in tokens(name):
        if t in STOP:
            continue
        out.append(t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t)
    return out


def initials(name: str) -> str:
    return "".join(t[0] for t in tokens(name) if t not in STOP)


def same_group(a: str, b: str) -> bool:
    ta, tb = org_tokens(a), org_tokens(b)
    if not ta or not tb:
        return False
    sa, sb = set(ta), set(tb)
    if len(sa & sb) >= 0.5 * len(sa | sb):
        return True
    ra, rb = "".join(tokens(a)), "".join(tokens(b))
    return (len(tokens(a)) == 1 and len(ra) > 1 and ra == initials(b)) or (
        len(tokens(b)) == 1 and len(rb) > 1 and rb == initials(a)
    )


def same_entity(gold: str, got: str, kind: str) -> bool:
    return same_person(gold, got) if kind == "person" else same_group(gold, got)


def is_bare(got: str, mention: str) -> bool:
    """Still the pronoun, or made only of the mention's own words ("senator" for "the senator",
    "York" for "the New York businessman"): no entity was brought in."""
    norm = " ".join(tokens(got))
    if not norm or norm in PRONOUNS:
        return True
    words = set(org_tokens(got))
    return bool(words) and words <= set(org_tokens(mention))


def mention_class(mention: str) -> str:
    m = " ".join(tokens(mention))
    if m in ("he", "she", "him"):
        return "he/she"
    if m in ("his", "her", "hers"):
        return "his/her"
    if m in ("they", "them", "their"):
        return "they/their"
    if m in ("it", "its", "which", "that", "this"):
        return "it/which/that"
    if m in ("who", "whom", "whose"):
        return "who"
    if m in ("i", "we", "me", "us", "my", "our"):
        return "I/we/me"
    return "description"


def name_of(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("source")
    return value if isinstance(value, str) and value.strip() else None


def run_extract(workbench: str, path: Path) -> dict | None:
    p = subprocess.run([workbench, "extract", str(path), "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        print(f"  {path.name}: extract failed: {p.stderr.strip()[-160:]}", file=sys.stderr)
        return None
    out = json.loads(p.stdout)
    return out[0] if isinstance(out, list) else out


def attributions(out: dict, raw: str) -> list[dict]:
    """Every proposed attribution with a source span, its span in file offsets and its resolution."""
    art = out["article"]["text"]
    shift = raw.find(art[:60]) if art else 0
    shift = max(shift, 0)
    registry = {s["id"]: s for s in out.get("sources", [])}
    found = []
    for claim in out["claims"]:
        a = claim.get("attribution") or {}
        if a.get("source_start") is None or a.get("source_end") is None:
            continue
        reg = registry.get(a.get("source_id") or "") or {}
        resolved = (
            name_of(a.get("resolved"))
            or name_of(a.get("entity"))
            or name_of(reg.get("name"))
            or name_of(a.get("source"))
            or ""
        )
        found.append(
            {
                "span": (a["source_start"] + shift, a["source_end"] + shift),
                "got": resolved,
                "unsure": bool(a.get("unsure")),
            }
        )
    return found


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="PolNeAR split dir (text/<doc>.txt)")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--workbench", default=str(ROOT / ".venv" / "bin" / "workbench"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="extract processes at once")
    ap.add_argument("--misses", action="store_true", help="list the wrong ones")
    a = ap.parse_args()
    data = a.data if a.data is not None else default_data()

    gold = [json.loads(line) for line in a.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = sorted({g["doc"] for g in gold})
    raws = {d: (data / "text" / f"{d}.txt").read_text(encoding="utf-8") for d in docs}
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        outs = dict(
            zip(
                docs,
                pool.map(lambda d: run_extract(a.workbench, data / "text" / f"{d}.txt"), docs),
                strict=True,
            )
        )
    preds = {d: attributions(o, raws[d]) if o else [] for d, o in outs.items()}

    tally: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for g in gold:
        span = (g["start"], g["end"])
        hits = [p for p in preds[g["doc"]] if overlap(p["span"], span) > 0]
        keys = ("all", "type " + g["type"], "mention " + mention_class(g["mention"]))
        for k in keys:
            tally[k]["items"] += 1
        if not hits:
            continue
        best = max(hits, key=lambda p: overlap(p["span"], span))
        bare = is_bare(best["got"], g["mention"])
        right = not bare and same_entity(g["referent"], best["got"], g["type"])
        for k in keys:
            t = tally[k]
            t["covered"] += 1
            t["right"] += right
            t["bare"] += bare
            t["unsure"] += best["unsure"]
            t["unsure_right"] += best["unsure"] and right
        if not right:
            misses.append((g["doc"], g["start"], g["mention"], g["referent"], best["got"], best["unsure"]))

    def share(n: int, d: int) -> str:
        return f"{n / d:.3f}" if d else "  -  "

    t = tally["all"]
    n, cov = t["items"], t["covered"]
    print(f"gold items {n} in {len(docs)} articles")
    print(f"covered (an attribution at the mention)   {cov:4d}  {share(cov, n)}")
    print(f"resolved right, of all gold items        {t['right']:4d}  {share(t['right'], n)}")
    print(f"resolved right, of covered items         {t['right']:4d}  {share(t['right'], cov)}")
    print(f"left as the bare mention, of covered     {t['bare']:4d}  {share(t['bare'], cov)}")
    print(
        f"flagged unsure, of covered               {t['unsure']:4d}  {share(t['unsure'], cov)}"
        f"  (right among unsure: {t['unsure_right']})"
    )
    print()
    print(
        f"{'':24} {'items':>6} {'covered':>8} {'right/all':>10} {'right/cov':>10} {'bare/cov':>9} {'unsure':>7}"
    )
    for k in sorted(k for k in tally if k != "all"):
        t = tally[k]
        print(
            f"{k:24} {t['items']:6d} {share(t['covered'], t['items']):>8} {share(t['right'], t['items']):>10} "
            f"{share(t['right'], t['covered']):>10} {share(t['bare'], t['covered']):>9} {t['unsure']:7d}"
        )
    if a.misses:
        print(f"\nwrong ({len(misses)}): doc, start, mention -> gold | got")
        for doc, start, mention, ref, got, unsure in misses:
            flag = "  [unsure]" if unsure else ""
            print(f"  {doc[:48]:48} {start:6d}  {mention[:30]!r:32} -> {ref} | {got}{flag}")


if __name__ == "__main__":
    main()
