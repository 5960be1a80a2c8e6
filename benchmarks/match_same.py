"""Same results before and after a speed change: the top lists of `match`, dumped and compared.

A speed change to matching must not change what `match` returns. This dumps, for the CheckThat!
2020 dev tweets against the verified claims (limit 20, as benchmarks/checkthat.py runs them) and
for the planted claims of benchmarks/match.py's workspaces (limit 10), each query's results
(sentence id, score, relation, conflicts, shared terms) with MAP@5 and recall@10; `--compare`
then lists every query whose results differ between two dumps.

usage:
  .venv/bin/python benchmarks/match_same.py --dump after.json [--workspace PATH ...] [--queries 200]
  .venv/bin/python benchmarks/match_same.py --compare before.json after.json
The workspaces are benchmarks/match.py's (`--workspace` there; each -zipf / -trigram file given
here by its own name). For a "before" dump, run this file from a checkout of the older code
(`git archive OLD | tar -x -C DIR`, then DIR/benchmarks/match_same.py with this venv's python).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from db import Workspace  # noqa: E402


def _row(r) -> list:
    return [r.sentence_id, r.score, str(r.relation.value), list(r.conflicts), list(r.shared_terms)]


def dump_checkthat(out: dict) -> None:
    import checkthat

    vclaims, qrels, queries = checkthat.load("dev")
    ws, ids = checkthat.store(vclaims)
    lists, total = {}, 0.0
    started = time.process_time()
    for qid, text in queries:
        results = ws.search.match(text, limit=20)
        lists[qid] = [_row(r) for r in results]
        ranked = list(dict.fromkeys(ids[r.article_id] for r in results))
        total += checkthat.average_precision(ranked, qrels[qid])
    cpu = (time.process_time() - started) * 1000 / len(queries)
    out["checkthat"] = lists
    print(f"checkthat dev: {len(queries)} tweets, MAP@5 {total / len(queries):.4f}, CPU {cpu:.1f} ms a query")
    ws.close()


def dump_planted(out: dict, path: Path, queries: int, seed: int) -> None:
    import match as bench

    ws = Workspace.open(path, read_only=True)
    planted, _ = bench.targets(ws, queries, seed)
    lists, found = {}, 0
    started = time.process_time()
    for sid, claim in planted:
        results = ws.search.match(claim, limit=10)
        lists[f"{sid}:{claim}"] = [_row(r) for r in results]
        found += any(r.sentence_id == sid for r in results)
    cpu = (time.process_time() - started) * 1000 / len(planted)
    out[f"planted:{path.name}"] = lists
    print(
        f"planted {path.name}: {len(planted)} claims, recall@10 {found / len(planted):.3f}, CPU {cpu:.1f} ms a query"
    )
    ws.close()


def compare(a_path: Path, b_path: Path) -> int:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (a_path, b_path))
    differing = 0
    for part in sorted(set(a) & set(b)):
        left, right = a.get(part, {}), b.get(part, {})
        keys = sorted(set(left) | set(right))
        changed = [k for k in keys if left.get(k) != right.get(k)]
        print(f"{part}: {len(keys) - len(changed)} of {len(keys)} queries give the same results")
        for k in changed[:10]:
            print(f"  {k[:70]!r}")
            print(f"    before: {_short(left.get(k))}")
            print(f"    after:  {_short(right.get(k))}")
        differing += len(changed)
    return 1 if differing else 0


def _short(rows) -> str:
    if rows is None:
        return "(missing)"
    return " ".join(f"{r[0]}:{r[1]}:{r[2][:2]}" for r in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    ap.add_argument("--workspace", type=Path, action="append", default=[])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-checkthat", action="store_true")
    a = ap.parse_args()
    if a.compare:
        sys.exit(compare(*a.compare))
    if not a.dump:
        ap.error("give --dump FILE or --compare BEFORE AFTER")
    out: dict = {}
    if not a.no_checkthat:
        dump_checkthat(out)
    for path in a.workspace:
        dump_planted(out, path, a.queries, a.seed)
    tmp = a.dump.with_name(a.dump.name + ".tmp")
    tmp.write_text(json.dumps(out), encoding="utf-8")
    tmp.replace(a.dump)


if __name__ == "__main__":
    main()
