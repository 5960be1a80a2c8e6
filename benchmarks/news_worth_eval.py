"""News-genre check-worthiness: the engine's proposals against a hand-read fact-checker's list.

The list (`benchmarks/data/news_worth_dev.jsonl`, made for issue 17; how it was made is in
`benchmarks/data/README.md`) holds, for 10 PolNeAR dev articles, every claim a professional
fact-checker would record: character offsets into `text/<doc>.txt` (first line the headline),
`worth` (high or medium), the `source` that asserts it (a short label; the outlet's own voice is
kind `agency`), its source `kind` (named, anonymous, institution, document, agency) and a note.
Only offsets and own labels are stored; the article text stays in ../shared/eval.

The engine is run through its CLI only (`workbench extract FILE --json`), so the scorer does not
depend on module layout. A proposal is *shown* unless it carries `"weak": true`; absent means
shown. Hidden (weak) proposals are never counted as found and never as false positives.

Matching rule. A proposal and a gold claim are a *match* when their character overlap is at least
half of the gold span or at least half of the proposal (the gold span covers at least half of the
proposal). Gold claims are found by a greedy one-to-one assignment: all matching (shown proposal,
gold claim) pairs are taken in order of decreasing overlap, and a pair is kept when neither its
proposal nor its gold claim is taken yet; so one proposal finds at most one gold claim and each
gold claim is found at most once. A shown proposal that matches some gold claim counts as correct
for precision even when that claim was already found by another proposal (a *duplicate*, e.g. a
quotation cut in two: not a false positive, but reported); a shown proposal that matches no gold
claim is a false positive, including one that only grazes a gold span (reported as *slight*).

Figures: gold claims and high-worth ones; proposals shown and hidden; recall (gold found by shown
proposals), recall of high-worth claims, precision of shown proposals, and, of the found claims,
source right and kind right:
- source right: gold kind `agency` is right when the proposal's attribution kind is `agency` (the
  outlet's voice, whatever name it carries); otherwise when the gold source names the proposal's
  source phrase or its resolved registry entry (`source_id` -> `sources[].name`): after lowercasing,
  dropping punctuation, possessive 's, articles, titles and function words, one word set contains
  the other, an acronym matches the initials of the other's words (IMF = International Monetary
  Fund), or, for a named gold source, the surname (last word) occurs in the candidate;
- kind right: the proposal's attribution kind equals the gold kind.

usage: .venv/bin/python benchmarks/news_worth_eval.py [--workbench .venv/bin/workbench]
       [--data benchmarks/data/news_worth_dev.jsonl] [--text DIR] [--misses] [--json]

--misses lists the missed gold claims and the false-positive proposals (and found claims with the
wrong source or kind) with short snippets of the article (terminal only; nothing is written).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "benchmarks" / "data" / "news_worth_dev.jsonl"
SPLIT = Path("shared") / "eval" / "attribution" / "polnear-dev" / "text"
KINDS = ("named", "anonymous", "institution", "document", "agency")
WORTHS = ("high", "medium")


def default_text_dir() -> Path:
    """../shared/eval/attribution/polnear-dev/text beside the checkout, or beside any ancestor (worktrees)."""
    for base in ROOT.parents:
        if (base / SPLIT).is_dir():
            return base / SPLIT
    return ROOT.parent / SPLIT


@dataclass
class Gold:
    doc: str
    start: int
    end: int
    worth: str
    source: str
    kind: str
    note: str = ""


@dataclass
class Proposal:
    start: int
    end: int
    text: str
    kind: str  # claim kind (quote, quantity, event, statement)
    weak: bool
    source: str  # attribution source phrase as written
    source_name: str  # the registry entry it resolves to
    source_kind: str
    raw: dict = field(default_factory=dict)


def load_gold(path: Path) -> list[Gold]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        g = Gold(
            d["doc"], int(d["start"]), int(d["end"]), d["worth"], d["source"], d["kind"], d.get("note", "")
        )
        if g.worth not in WORTHS or g.kind not in KINDS or not 0 <= g.start < g.end:
            raise SystemExit(f"{path}:{n}: bad row {d}")
        rows.append(g)
    return rows


def check_offsets(gold: list[Gold], texts: dict[str, str]) -> list[str]:
    """Every span lies inside its article, is trimmed, stays in one paragraph; spans do not overlap."""
    problems = []
    by_doc: dict[str, list[Gold]] = {}
    for g in gold:
        text = texts[g.doc]
        span = text[g.start : g.end]
        if g.end > len(text) or not span or span != span.strip() or "\n" in span:
            problems.append(f"{g.doc} {g.start}-{g.end}: span out of range, untrimmed or across paragraphs")
        by_doc.setdefault(g.doc, []).append(g)
    for doc, rows in by_doc.items():
        rows.sort(key=lambda g: g.start)
        for a, b in zip(rows, rows[1:], strict=False):
            if b.start < a.end:
                problems.append(f"{doc}: gold spans {a.start}-{a.end} and {b.start}-{b.end} overlap")
    return problems


def run_extract(workbench: str, path: Path, raw: str) -> list[Proposal]:
    p = subprocess.run([workbench, "extract", str(path), "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{path.name}: extract failed: {p.stderr.strip()[-300:]}")
    out = json.loads(p.stdout)
    art = out["article"]["text"]
    shift = raw.find(art[:60]) if art else -1
    names = {s["id"]: s.get("name") or "" for s in out.get("sources", [])}

    def place(start: int, end: int, text: str) -> tuple[int, int] | None:
        if shift >= 0 and raw[start + shift : end + shift] == text:
            return start + shift, end + shift
        pos = raw.find(text) if text else -1
        return (pos, pos + len(text)) if pos >= 0 else None

    proposals = []
    for c in out["claims"]:
        span = place(c["start"], c["end"], c["text"])
        if span is None:
            print(f"  {path.name}: claim {c.get('id')} not placed in the file", file=sys.stderr)
            continue
        a = c.get("attribution") or {}
        proposals.append(
            Proposal(
                span[0],
                span[1],
                c["text"],
                c.get("kind", ""),
                c.get("weak") is True,
                a.get("source") or "",
                names.get(a.get("source_id"), ""),
                a.get("kind") or "agency",
                c,
            )
        )
    return proposals


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def matches(p: Proposal, g: Gold) -> int:
    """The overlap when the pair matches (half of the gold span or half of the proposal), else 0."""
    ov = overlap(p.start, p.end, g.start, g.end)
    return ov if ov > 0 and (2 * ov >= g.end - g.start or 2 * ov >= p.end - p.start) else 0


# dropped before names are compared: articles, function words, possessives, titles, common modifiers
STOP = frozenset(
    {"the", "a", "an", "of", "and", "by", "in", "on", "at", "for", "to", "from", "its", "his", "her", "their"}
    | {
        "s",
        "mr",
        "mrs",
        "ms",
        "dr",
        "rep",
        "sen",
        "gov",
        "del",
        "president",
        "former",
        "new",
        "national",
        "u",
        "us",
    }
)


def words(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name.lower())
    return [w for w in re.findall(r"[a-z0-9]+", name) if w not in STOP]


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper() and w.lower() not in STOP)


def name_match(gold_source: str, candidate: str, named: bool) -> bool:
    g, c = words(gold_source), words(candidate)
    if not g or not c:
        return False
    gs, cs = set(g), set(c)
    if gs <= cs or cs <= gs:
        return True
    for short, long in ((gold_source, candidate), (candidate, gold_source)):
        if any(len(a) >= 3 and a == initials(long) for a in re.findall(r"\b[A-Z]{2,}\b", short)):
            return True
    return named and g[-1] in cs


def source_right(g: Gold, p: Proposal) -> bool:
    if g.kind == "agency":
        return p.source_kind == "agency"
    if p.source_kind == "agency":
        return False
    return any(name_match(g.source, cand, g.kind == "named") for cand in (p.source, p.source_name) if cand)


@dataclass
class DocResult:
    doc: str
    gold: list[Gold]
    proposals: list[Proposal]
    found: dict[int, int]  # gold index -> proposal index
    correct: set[int]  # shown proposals that match a gold claim
    duplicates: set[int]
    found_any: set[int]  # gold found when hidden proposals count too


def assign(gold: list[Gold], proposals: list[Proposal], usable: list[int]) -> dict[int, int]:
    pairs = []
    for pi in usable:
        for gi, g in enumerate(gold):
            ov = matches(proposals[pi], g)
            if ov:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    found: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in found and pi not in used:
            found[gi] = pi
            used.add(pi)
    return found


def score_doc(doc: str, gold: list[Gold], proposals: list[Proposal]) -> DocResult:
    shown = [i for i, p in enumerate(proposals) if not p.weak]
    found = assign(gold, proposals, shown)
    correct = {pi for pi in shown if any(matches(proposals[pi], g) for g in gold)}
    duplicates = correct - set(found.values())
    found_any = set(assign(gold, proposals, list(range(len(proposals)))))
    return DocResult(doc, gold, proposals, found, correct, duplicates, found_any)


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def snippet(text: str, start: int, end: int, width: int = 110) -> str:
    s = " ".join(text[start:end].split())
    return s if len(s) <= width else s[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workbench", default=str(ROOT / ".venv" / "bin" / "workbench"))
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--text", type=Path, default=None, help="the PolNeAR dev text/ directory")
    ap.add_argument("--misses", action="store_true", help="list missed gold claims and false positives")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)
    text_dir = a.text or default_text_dir()

    gold = load_gold(a.data)
    docs = sorted({g.doc for g in gold})
    texts = {d: (text_dir / f"{d}.txt").read_text(encoding="utf-8") for d in docs}
    problems = check_offsets(gold, texts)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2

    results = []
    for d in docs:
        rows = sorted((g for g in gold if g.doc == d), key=lambda g: g.start)
        results.append(score_doc(d, rows, run_extract(a.workbench, text_dir / f"{d}.txt", texts[d])))

    n_gold = sum(len(r.gold) for r in results)
    n_high = sum(g.worth == "high" for r in results for g in r.gold)
    shown = sum(not p.weak for r in results for p in r.proposals)
    hidden = sum(p.weak for r in results for p in r.proposals)
    found = sum(len(r.found) for r in results)
    found_high = sum(r.gold[gi].worth == "high" for r in results for gi in r.found)
    found_any = sum(len(r.found_any) for r in results)
    correct = sum(len(r.correct) for r in results)
    dups = sum(len(r.duplicates) for r in results)
    src_ok = sum(source_right(r.gold[gi], r.proposals[pi]) for r in results for gi, pi in r.found.items())
    kind_ok = sum(
        r.gold[gi].kind == r.proposals[pi].source_kind for r in results for gi, pi in r.found.items()
    )

    figures = {
        "articles": len(docs),
        "gold": n_gold,
        "high": n_high,
        "shown": shown,
        "hidden": hidden,
        "recall": found / max(n_gold, 1),
        "recall_high": found_high / max(n_high, 1),
        "recall_with_hidden": found_any / max(n_gold, 1),
        "precision_shown": correct / max(shown, 1),
        "duplicates": dups,
        "source_right": src_ok / max(found, 1),
        "kind_right": kind_ok / max(found, 1),
    }
    if a.json:
        print(json.dumps(figures, indent=1))
    else:
        print(f"articles {len(docs)}  gold claims {n_gold}  high {n_high}  medium {n_gold - n_high}")
        print(f"proposals shown {shown}  hidden (weak) {hidden}")
        print(f"recall (all)              {ratio(found, n_gold)}")
        print(f"recall of high            {ratio(found_high, n_high)}")
        print(f"recall incl. hidden       {ratio(found_any, n_gold)}")
        print(f"precision of shown        {ratio(correct, shown)}  (of which duplicates {dups})")
        print(f"source right (of found)   {ratio(src_ok, found)}")
        print(f"kind right (of found)     {ratio(kind_ok, found)}")
        print()
        print(f"{'doc':58} {'gold':>4} {'high':>4} {'found':>5} {'hiFnd':>5} {'shown':>5} {'FP':>3}")
        for r in results:
            hi = sum(g.worth == "high" for g in r.gold)
            hf = sum(r.gold[gi].worth == "high" for gi in r.found)
            sh = sum(not p.weak for p in r.proposals)
            print(
                f"{r.doc[:58]:58} {len(r.gold):4} {hi:4} {len(r.found):5} {hf:5} {sh:5} {sh - len(r.correct):3}"
            )
    if a.misses:
        print_misses(results, texts)
    return 0


def print_misses(results: list[DocResult], texts: dict[str, str]) -> None:
    kinds: Counter[str] = Counter()
    voices: Counter[str] = Counter()
    for r in results:
        text = texts[r.doc]
        missed = [g for gi, g in enumerate(r.gold) if gi not in r.found]
        fps = [p for pi, p in enumerate(r.proposals) if not p.weak and pi not in r.correct]
        dups = [r.proposals[pi] for pi in sorted(r.duplicates)]
        wrong = [(r.gold[gi], r.proposals[pi]) for gi, pi in sorted(r.found.items())]
        wrong = [(g, p) for g, p in wrong if not source_right(g, p) or g.kind != p.source_kind]
        if not (missed or fps or dups or wrong):
            continue
        print(f"\n== {r.doc}")
        for g in missed:
            print(
                f"  MISS {g.worth:6} [{g.kind}: {g.source}] {g.start}-{g.end}: {snippet(text, g.start, g.end)}"
            )
        for p in fps:
            slight = any(overlap(p.start, p.end, g.start, g.end) for g in r.gold)
            kinds[p.kind] += 1
            voices[p.source_kind] += 1
            tag = "FP~ " if slight else "FP  "
            print(
                f"  {tag} {p.kind:9} [{p.source_kind}: {p.source[:30]}] {p.start}-{p.end}: {snippet(text, p.start, p.end)}"
            )
        for p in dups:
            print(
                f"  DUP   {p.kind:9} [{p.source_kind}: {p.source[:30]}] {p.start}-{p.end}: {snippet(text, p.start, p.end)}"
            )
        for g, p in wrong:
            what = []
            if not source_right(g, p):
                what.append(f"source {p.source!r}/{p.source_name!r} for {g.source!r}")
            if g.kind != p.source_kind:
                what.append(f"kind {p.source_kind} for {g.kind}")
            print(f"  WRONG {'; '.join(what)}: {snippet(text, g.start, g.end, 70)}")
    if kinds:
        print("\nfalse positives by claim kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        print("false positives by source kind: " + ", ".join(f"{k} {n}" for k, n in voices.most_common()))
    print("(FP~ = a false positive that grazes a gold span without meeting the match rule; DUP = a second")
    print(" proposal on a gold claim already found, not counted as a false positive)")


if __name__ == "__main__":
    sys.exit(main())
