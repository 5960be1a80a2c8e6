"""Trial of a semantic signal in the rerank (issue 15 item 2): WordLlama's static embeddings.

WordLlama (MIT) ships 256-d static token embeddings (`weights/l2_supercat_256.safetensors`) and
its tokenizer inside its wheel; its 0.4 wheel looks for the tokenizer under `tokenizer/` while
shipping `tokenizers/`, so both files are loaded here explicitly (nothing is fetched). A text's
vector is the mean of its token vectors, normalised; the signal is the cosine of the claim's and a
candidate's vectors (a statement's: its text and title together).

For each claim the shipped pipeline's FTS5 candidates are scored by the shipped rerank (every
candidate, no cutoff) and ranked again with `score + W x 100 x cosine` for a few W: CheckThat!
2020 dev MAP@5 and R@5, and, on the planted-paraphrase workspaces `benchmarks/match.py
--workspace PATH` keeps, recall@10 and @1. Also prints what the signal costs: load time, memory,
CPU time a query for the candidates' vectors. WordLlama is not a dependency of the workbench:

    .venv/bin/pip install --target /tmp/wl wordllama    # then
    WORDLLAMA_PATH=/tmp/wl .venv/bin/python benchmarks/semantic_trial.py [--planted PATH]
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
if os.environ.get("WORDLLAMA_PATH"):
    sys.path.append(os.environ["WORDLLAMA_PATH"])  # after the venv: its own numpy stays first

from benchmarks.checkthat import average_precision, load, recall, store  # noqa: E402
from db import Workspace  # noqa: E402

M = importlib.import_module("workbench.matching.rerank")
WEIGHTS = (0.0, 0.05, 0.1, 0.2, 0.3)


def load_wordllama():
    """WordLlama's inference object from the files inside its wheel, loaded explicitly."""
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    package = Path(wordllama.__file__).parent
    with safe_open(str(package / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
        embedding = f.get_tensor("embedding.weight")
    tokenizer = Tokenizer.from_file(str(package / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    return WordLlamaInference(embedding, tokenizer)


def scored(search, text: str):
    """Every FTS5 candidate of `text` with its shipped rerank score (no cutoff)."""
    query, groups = search.prepare(text)
    hits = search.candidates(groups)
    saved = M.SCORE_CUTOFF
    M.SCORE_CUTOFF = -1.0
    try:
        return M.rerank(query, hits, limit=len(hits) or 1)
    finally:
        M.SCORE_CUTOFF = saved


def cosines(model, text: str, ranked, cpu: list[float]):
    import numpy as np

    t0 = time.process_time()
    # normalised, so that stored duplicates differing only in quotes or case get one vector and
    # keep the shipped tie-break (CheckThat holds many such pairs; its qrels name one of each)
    docs = [M.normalise(f"{h.text} {h.title}" if h.title else h.text) for h, _ in ranked]
    vectors = model.embed([M.normalise(text), *docs], norm=True)
    out = (vectors[1:] @ vectors[0]) if docs else np.zeros(0)
    cpu.append(time.process_time() - t0)
    return out


def reorder(ranked, sims, weight: float, cutoff: float):
    # rounded as the shipped scores are, so that ties are broken as the shipped rerank breaks them
    values = [(round(v + weight * 100 * float(s), 1), h) for (h, v), s in zip(ranked, sims, strict=True)]
    values = [(v, h) for v, h in values if v >= cutoff]
    values.sort(key=lambda p: (-p[0], p[1].rank, p[1].sentence_id))
    return [h for _, h in values]


def checkthat(model) -> None:
    vclaims, qrels, queries = load("dev")
    ws, ids = store(vclaims)
    cpu: list[float] = []
    runs = []
    for qid, text in queries:
        ranked = scored(ws.search, text)
        runs.append((qid, ranked, cosines(model, text, ranked, cpu)))
    print(f"CheckThat 2020 dev, {len(queries)} tweets: candidates' vectors {1000 * sum(cpu) / len(cpu):.1f} ms CPU a query")
    for w in WEIGHTS:
        ap = r5 = 0.0
        for qid, ranked, sims in runs:
            order = list(dict.fromkeys(ids[h.article_id] for h in reorder(ranked, sims, w, M.SCORE_CUTOFF)))[:20]
            ap += average_precision(order, qrels[qid])
            r5 += recall(order, qrels[qid])
        print(f"  W {w:.2f}: MAP@5 {ap / len(runs):.4f}  R@5 {r5 / len(runs):.3f}")
    ws.close()


def planted(model, path: Path) -> None:
    import match as bench

    for name in ("zipf", "trigram"):
        ws = Workspace.open(path.with_name(f"{path.stem}-{name}{path.suffix or '.db'}"))
        claims, _ = bench.targets(ws, 200, 7)
        cpu: list[float] = []
        runs = [(sid, r, cosines(model, c, r, cpu)) for sid, c in claims for r in [scored(ws.search, c)]]
        print(f"planted {name}, {len(runs)} claims: candidates' vectors {1000 * sum(cpu) / len(cpu):.1f} ms CPU a query")
        for w in WEIGHTS:
            at1 = at10 = 0
            for sid, ranked, sims in runs:
                top = [h.sentence_id for h in reorder(ranked, sims, w, M.SCORE_CUTOFF)[:10]]
                at1 += bool(top) and top[0] == sid
                at10 += sid in top
            print(f"  W {w:.2f}: recall@10 {at10 / len(runs):.3f}  @1 {at1 / len(runs):.3f}")
        ws.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--planted", type=Path, help="the --workspace PATH of benchmarks/match.py")
    a = ap.parse_args()
    t0 = time.perf_counter()
    model = load_wordllama()
    print(
        f"WordLlama l2_supercat 256-d: {model.embedding.shape[0]} tokens, "
        f"{model.embedding.nbytes / 1e6:.0f} MB of vectors, loaded in {time.perf_counter() - t0:.2f} s"
    )
    checkthat(model)
    if a.planted:
        planted(model, a.planted)


if __name__ == "__main__":
    main()
