"""PolNeAR attribution eval of workbench.extraction, in-process (no CLI round trip).

Loads the shared scorer (../shared/eval/attribution/score.py) by path and replaces its `predict`
with a call of `extract()` + `extraction_to_json()`, the same JSON the CLI emits.

usage: .venv/bin/python benchmarks/extraction_eval.py [SPLIT_DIR] [--limit N]
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.extraction import extract, extraction_to_json  # noqa: E402
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
    sys.argv = ["score.py", str(split), *[a for a in args if a.startswith("--") or a.isdigit()]]
    scorer.main()
    if timings:
        print(f"extract: mean {1000 * sum(timings) / len(timings):.1f} ms, max {1000 * max(timings):.1f} ms")


if __name__ == "__main__":
    main()
