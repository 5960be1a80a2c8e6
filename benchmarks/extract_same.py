"""Same output before and after: run the extractor of another git revision and of this tree on the same
inputs and compare what they return, claim by claim (a check for speed work, which must not change
behaviour).

Inputs: the test articles and seed, every PolNeAR dev article of ../shared/eval/attribution, the
ClaimBuster dev sentences cut into pseudo-articles of 20 (as ../shared/eval/checkworthiness/score.py
does), the CheckThat! tweets and verified claims (pseudo-articles of 20), and the pathological
inputs of benchmarks/extract.py. Each is compared on `extraction_to_json` and on the full repr of
the `Extraction` (cue offsets, reason points, source entries). Nothing of the shared data is written
into the project; the dumps go to a temporary folder and only counts and item names are printed
(with --show, the first differing claim's JSON, on the terminal only).

usage: .venv/bin/python benchmarks/extract_same.py [REV] [--show]     (REV defaults to main)
       .venv/bin/python benchmarks/extract_same.py --root DIR --dump OUT   (one side; used internally)
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = next(
    (b / "shared" / "eval" for b in ROOT.parents if (b / "shared" / "eval").is_dir()),
    ROOT.parent / "shared" / "eval",
)
DOC_SIZE = 20


def inputs() -> Iterator[tuple[str, str, str, str]]:
    """(name, text, agency, title) for every input, in a fixed order."""
    from workbench.model import ItemKind
    from workbench.text.importers import read_items

    files = sorted((ROOT / "tests" / "data" / "articles").glob("*"))
    files += sorted((ROOT / "seeds").glob("*.txt"))
    files += sorted((EVAL / "attribution" / "polnear-dev" / "text").glob("*.txt"))
    for path in files:
        if path.name.endswith(".json"):
            continue
        for i, item in enumerate(read_items(path).items):
            if item.kind is ItemKind.ARTICLE:
                yield f"{path.name}#{i}", item.text, item.meta.agency or item.meta.publisher, item.meta.title
    cb = EVAL / "checkworthiness" / "claimbuster-dev.json"
    if cb.exists():
        rows = sorted(json.loads(cb.read_text(encoding="utf-8")), key=lambda r: r["sentence_id"])
        for i in range(0, len(rows), DOC_SIZE):
            chunk = [" ".join(r["text"].split()) for r in rows[i : i + DOC_SIZE]]
            yield f"claimbuster#{i}", "\n\n".join(chunk) + "\n", "", ""
    ct = EVAL / "claim-retrieval" / "checkthat2020"
    if ct.exists():
        with (ct / "dev" / "tweets.queries.tsv").open(encoding="utf-8") as f:
            for row in list(csv.reader(f, delimiter="\t"))[1:]:
                yield f"tweet#{row[0]}", row[1], "", ""
        with (ct / "verified_claims.docs.tsv").open(encoding="utf-8") as f:
            claims = [row[1] for row in list(csv.reader(f, delimiter="\t"))[1:]]
        for i in range(0, len(claims), DOC_SIZE):
            yield f"vclaim#{i}", "\n\n".join(claims[i : i + DOC_SIZE]) + "\n", "", ""
    for name, make in PATHOLOGICAL:
        yield f"pathological:{name}", make(300), "", ""


# as benchmarks/extract.py (not imported from there: that would put this tree's package on the path)
PATHOLOGICAL = [
    ("cue word on every line", lambda n: "line said he\n" * n),
    ("capitalised words, then one cue", lambda n: "Aaa Bbb Ccc Ddd " * n + "said."),
    ("a name list without end", lambda n: "Mr Smith, " * (2 * n)),
    ("an unclosed quote", lambda n: '"' + "a b c. " * (2 * n)),
]


def dump(root: Path, out: Path) -> None:
    """Write one JSON line per input: name, extraction_to_json and repr of the Extraction (using the
    workbench package under `root`)."""
    sys.path.insert(0, str(root))
    from workbench.extraction.engine import extract, extraction_to_json
    from workbench.model import ArticleMeta

    assert Path(sys.modules["workbench"].__file__).resolve().is_relative_to(root.resolve())
    with out.open("w", encoding="utf-8") as f:
        for name, text, agency, title in inputs():
            ex = extract(text, agency=agency, title=title)
            data = extraction_to_json(text, ArticleMeta(title=title, agency=agency), ex)
            del data["article"]["text"]
            f.write(json.dumps({"name": name, "json": data, "repr": repr(ex)}, ensure_ascii=False) + "\n")


def main() -> None:
    args = sys.argv[1:]
    if "--dump" in args:
        dump(Path(args[args.index("--root") + 1]), Path(args[args.index("--dump") + 1]))
        return
    show = "--show" in args
    args = [a for a in args if a != "--show"]
    rev = args[0] if args else "main"
    with tempfile.TemporaryDirectory() as tmp:
        old_root = Path(tmp) / "old"
        old_root.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(old_root)], input=archive.stdout, check=True)
        outs = {"old": Path(tmp) / "old.jsonl", "new": Path(tmp) / "new.jsonl"}
        me = str(Path(__file__).resolve())
        procs = [
            subprocess.Popen([sys.executable, me, "--root", str(r), "--dump", str(outs[side])])
            for side, r in (("old", old_root), ("new", ROOT))
        ]
        if any(p.wait() for p in procs):
            sys.exit("a dump failed")
        old = [json.loads(line) for line in outs["old"].open(encoding="utf-8")]
        new = [json.loads(line) for line in outs["new"].open(encoding="utf-8")]
    assert [o["name"] for o in old] == [n["name"] for n in new]
    differ = [
        (o, n) for o, n in zip(old, new, strict=True) if o["repr"] != n["repr"] or o["json"] != n["json"]
    ]
    claims = sum(len(o["json"]["claims"]) for o in old)
    print(f"{len(old)} inputs, {claims} claims ({rev}): {len(differ)} differ")
    for o, n in differ[:20]:
        print(f"  {o['name']}")
        if show:
            for a, b in zip(
                o["json"]["claims"] + [None] * 99, n["json"]["claims"] + [None] * 99, strict=False
            ):
                if a != b:
                    print(
                        f"    old: {json.dumps(a, ensure_ascii=False)}\n    new: {json.dumps(b, ensure_ascii=False)}"
                    )
                    break
            else:
                if o["json"]["sources"] != n["json"]["sources"]:
                    print("    sources differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
