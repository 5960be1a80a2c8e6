"""PolNeAR attribution eval of workbench.extraction.engine, in-process (no CLI round trip).

Loads the shared scorer (../shared/eval/attribution/score.py) by path and replaces its `predict`
with a call of `extract()` + `extraction_to_json()`, the same JSON the CLI emits.

usage: .venv/bin/python benchmarks/extraction_eval.py [SPLIT_DIR] [--limit N] [--misses [N]]

--misses prints aggregate counts of the gold attributions whose source was not found, grouped by
why (content not found / found in the outlet's voice / found with another source), by the shape of
the attribution (source before or after the content, in another sentence, in the headline, a
pronoun, colon cue) and by the N most frequent cue words. Counts only: no text of the corpus is
printed except the cue words themselves.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.extraction.engine import extract, extraction_to_json  # noqa: E402
from workbench.model import ArticleMeta  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "attribution" / "score.py"
DEFAULT_SPLIT = ROOT.parent / "shared" / "eval" / "attribution" / "polnear-dev"


def load_scorer(path: Path = SCORER):
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_title(raw: str) -> tuple[str, str, int]:
    """PolNeAR files hold the headline on their first line: (title, body, body offset)."""
    first, sep, rest = raw.partition("\n")
    if not sep:
        return "", raw, 0
    offset = len(first) + 1
    return first.strip(), rest, offset


PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "who"])


def parse_cues(path: Path) -> list[dict]:
    """Gold attributions with their cue, source and content spans (brat standoff)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, meta, text = (line.split("\t") + ["", ""])[:3]
            kind, _, offs = meta.partition(" ")
            frags = [tuple(int(x) for x in part.split()) for part in offs.split(";")]
            spans[tid] = (kind, frags, text)
        elif line.startswith("E"):
            events.append(dict(a.split(":") for a in line.split("\t")[1].split()[1:]))
    gold = []
    for e in events:
        if "Source" in e and "Content" in e and e["Source"] in spans and e["Content"] in spans:
            cue = spans[e["Cue"]] if e.get("Cue") in spans else ("Cue", [], "")
            gold.append(
                {
                    "source": spans[e["Source"]][1],
                    "source_text": spans[e["Source"]][2],
                    "content": spans[e["Content"]][1],
                    "cue": cue[1],
                    "cue_text": cue[2],
                }
            )
    return gold


def miss_shape(raw: str, g: dict) -> list[str]:
    """Aggregate labels describing one gold attribution (never its text)."""
    src, con = g["source"][0], g["content"][0]
    labels = []
    head_end = raw.find("\n")
    if src[0] < head_end:
        labels.append("source in headline")
    labels.append("source before content" if src[0] < con[0] else "source after content")
    lo, hi = (src[1], con[0]) if src[0] < con[0] else (con[1], src[0])
    gap = raw[lo:hi] if hi > lo else ""
    if re.search(r"[.!?][\"\u201d\u2019]?\s", gap) or "\n" in gap:
        labels.append("source in another sentence")
    if g["source_text"].strip().lower() in PRONOUNS:
        labels.append("pronoun source")
    if g["cue_text"].strip() == ":" or (g["cue"] and raw[g["cue"][0][0] : g["cue"][0][1]].strip() == ":"):
        labels.append("colon cue")
    if not g["cue"]:
        labels.append("no cue")
    text = raw[con[0] : con[1]]
    if text[:1] in '"\u201c' or raw[max(0, con[0] - 1) : con[0]] in ('"', "\u201c"):
        labels.append("quoted content")
    if len(g["source"]) > 1 or len(g["content"]) > 1:
        labels.append("discontinuous span")
    return labels


def report_misses(scorer, split: Path, predict, limit: int, top: int) -> None:
    from collections import Counter

    why: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    cue_why: dict[str, Counter[str]] = {}
    docs = sorted((split / "text").glob("*.txt"))[: limit or None]
    for doc in docs:
        anns = sorted((split / "attributions").glob(doc.stem + "_*.ann"))
        if not anns:
            continue
        raw = doc.read_text(encoding="utf-8")
        preds = predict("", doc)
        for g in parse_cues(anns[0]):
            hits = [p for p in preds if scorer.half_overlap(p[0], g["content"])]
            if any(src and any(scorer.overlap(src, s) for s in g["source"]) for _, src in hits):
                continue
            if not hits:
                reason = "content not found"
            elif all(src is None for _, src in hits):
                reason = "found, outlet voice"
            else:
                reason = "found, other source"
            why[reason] += 1
            shapes.update(miss_shape(raw, g))
            cue = " ".join(g["cue_text"].lower().split()) or "(none)"
            cues[cue] += 1
            cue_why.setdefault(cue, Counter())[reason] += 1
    total = sum(why.values())
    print(f"\nmissed gold attributions: {total}")
    for name, n in why.most_common():
        print(f"  {name:28s} {n:5d}")
    print("shape of the misses (a miss can have several):")
    for name, n in shapes.most_common():
        print(f"  {name:28s} {n:5d}")
    print(f"top {top} cue words of the misses:")
    for cue, n in cues.most_common(top):
        detail = ", ".join(f"{k} {v}" for k, v in cue_why[cue].most_common())
        print(f"  {cue[:28]:28s} {n:5d}  ({detail})")


def make_predict(scorer, timings: list[float], whole: bool = True):
    def predict(_workbench: str, path: Path):
        raw = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        # The headline is annotated too, so the whole file is extracted as one text.
        extraction = extract(raw, agency="", title="")
        timings.append(time.perf_counter() - t0)
        out = json.loads(json.dumps(extraction_to_json(raw, ArticleMeta(), extraction)))
        preds = []
        for c in out["claims"]:
            a = c.get("attribution") or {}
            src = None
            if a.get("kind") != "agency" and a.get("source_start") is not None:
                src = (a["source_start"], a["source_end"])
            preds.append(((c["start"], c["end"]), src))
        return preds

    return predict


def main() -> None:
    args = sys.argv[1:]
    split = Path(args[0]) if args and not args[0].startswith("--") else DEFAULT_SPLIT
    scorer = load_scorer()
    timings: list[float] = []
    scorer.predict = make_predict(scorer, timings)
    top = 0
    if "--misses" in args:
        i = args.index("--misses")
        top = 40
        if i + 1 < len(args) and args[i + 1].isdigit():
            top = int(args.pop(i + 1))
        args.pop(i)
    limit = int(args[args.index("--limit") + 1]) if "--limit" in args else 0
    sys.argv = ["score.py", str(split), *[a for a in args if a.startswith("--") or a.isdigit()]]
    scorer.main()
    if top:
        report_misses(scorer, split, scorer.predict, limit, top)
    if timings:
        print(f"extract: mean {1000 * sum(timings) / len(timings):.1f} ms, max {1000 * max(timings):.1f} ms")


if __name__ == "__main__":
    main()
