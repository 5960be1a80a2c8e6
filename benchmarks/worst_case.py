"""Worst-case inputs (issue 10 item 11): each made by this script at size n and 2n, timed.

The ratio of the two times says how the cost grows: about 2 is linear, about 4 quadratic.
Every input is generated here (nothing is committed): 100k unclosed <span>, a 1 MB article
without punctuation (import, then propose), a 10 MB article that is one sentence (import, then a
`match` against the workspace holding it), 20k nested elements, a CSV cell of 10 MB, a W3C
annotation file with 2,000 annotations, exports of the long article, and a PDF of every article
of a workspace of 20 articles.

Times are wall-clock seconds on this machine (best of one run: these are large). `--scale F`
multiplies every n (0.1 for a quick look).

usage: .venv/bin/python benchmarks/worst_case.py [--scale F] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.flows.importing import import_paths, propose_claims  # noqa: E402
from db.workspace import Workspace  # noqa: E402
from workbench.reports.w3c import text_sha256  # noqa: E402
from workbench.text.html import parse_html  # noqa: E402

WORDS = [
    "the",
    "minister",
    "told",
    "reporters",
    "on",
    "tuesday",
    "that",
    "the",
    "ministry",
    "would",
    "review",
    "spending",
    "plans",
]


def words(chars: int) -> str:
    """About `chars` characters of lower-case words, no punctuation at all."""
    out, size, i = [], 0, 0
    while size < chars:
        w = WORDS[i % len(WORDS)]
        out.append(w)
        size += len(w) + 1
        i += 1
    return " ".join(out)


class Bench:
    """A scratch folder and workspace per run; `timed` returns seconds of wall time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def workspace(self) -> Workspace:
        self.count += 1
        return Workspace.open(self.folder / f"ws{self.count}.db", user="bench")

    def file(self, name: str, text: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count}-{name}"
        path.write_text(text, encoding="utf-8")
        return path


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def import_one(b: Bench, name: str, text: str) -> float:
    path = b.file(name, text)
    with b.workspace() as ws:
        return timed(lambda: _checked(import_paths(ws, [path])))


def _checked(report):
    if report.failed:
        raise SystemExit(f"import failed: {report.failed[0]}")
    return report


# --- the cases: each takes (bench, n) and returns seconds -------------------------------------


def unclosed_spans(b: Bench, n: int) -> float:
    html = "<html><body><p>" + "<span>word " * n + "</p></body></html>"
    return timed(lambda: parse_html(html))


def nested_divs(b: Bench, n: int) -> float:
    html = "<html><body>" + "<div>" * n + "<p>The minister said so.</p>" + "</div>" * n + "</body></html>"
    return timed(lambda: parse_html(html))


def nested_hidden_inline(b: Bench, n: int) -> float:
    html = (
        "<html><body><p>Kept.</p>"
        + '<div style="display:none"><b>' * n
        + "hidden"
        + "</b></div>" * n
        + "</body></html>"
    )
    return timed(lambda: parse_html(html))


def unpunctuated_import(b: Bench, n: int) -> float:
    return import_one(b, "long.txt", words(n))


def unpunctuated_propose(b: Bench, n: int) -> float:
    path = b.file("long.txt", words(n))
    with b.workspace() as ws:
        article_id = _checked(import_paths(ws, [path])).added[0].article_id
        return timed(lambda: propose_claims(ws, article_id))


def one_sentence_match(b: Bench, n: int) -> float:
    """One sentence of n characters (no full stop until the end) that names Pompeo, Saleh and
    Baghdad every 20,000 characters, matched by a claim naming them."""
    chunk = words(20_000)
    body = " ".join(f"{chunk} pompeo called saleh in baghdad" for _ in range(max(1, n // 20_000)))
    path = b.file("one.txt", "Ministers said " + body + ".")
    with b.workspace() as ws:
        _checked(import_paths(ws, [path]))
        query = "Pompeo called Saleh in Baghdad on Tuesday"
        found = ws.search.match(query)
        if not found:
            raise SystemExit("the one-sentence article was not matched")
        return timed(lambda: ws.search.match(query))


def huge_csv_cell(b: Bench, n: int) -> float:
    text = "title,text\nSmall,A short statement.\nBig," + '"' + words(n) + '"\n'
    return import_one(b, "big.csv", text)


def many_annotations(b: Bench, n: int) -> float:
    sentences = [f"Official number {i} said the rate rose {i % 90} percent in March." for i in range(n)]
    article = b.file("article.txt", "Annotated report\n\n" + " ".join(sentences) + "\n")
    with b.workspace() as ws:
        article_id = _checked(import_paths(ws, [article])).added[0].article_id
        text = ws.articles.get(article_id).text
        annotations, start = [], 0
        for sentence in sentences:
            start = text.index(sentence, start)
            end = start + len(sentence)
            annotations.append(
                {
                    "type": "Annotation",
                    "motivation": "assessing",
                    "body": [{"type": "TextualBody", "purpose": "describing", "value": sentence[:40]}],
                    "target": {
                        "source": f"urn:sha256:{text_sha256(text)}",
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": sentence,
                                "prefix": text[max(0, start - 32) : start],
                                "suffix": text[end : end + 32],
                            },
                            {"type": "TextPositionSelector", "start": start, "end": end},
                        ],
                    },
                }
            )
            start = end
        page = {"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": annotations}}
        path = b.file("notes.json", json.dumps(page))
        report = _checked_claims(lambda: import_paths(ws, [path]), n)
        return report


def _checked_claims(run: Callable, n: int) -> float:
    started = time.perf_counter()
    report = run()
    elapsed = time.perf_counter() - started
    if report.failed or report.claims_added != n:
        raise SystemExit(f"annotations: {report.summary()}")
    return elapsed


def export_long(fmt: str) -> Callable[[Bench, int], float]:
    def case(b: Bench, n: int) -> float:
        from ui.export.service import export

        path = b.file("long.txt", "A long report\n\n" + words(n))
        with b.workspace() as ws:
            article_id = _checked(import_paths(ws, [path])).added[0].article_id
            propose_claims(ws, article_id)
            return timed(lambda: export(ws, fmt, b.folder / f"out{b.count}.{fmt}"))

    return case


def every_article_pdf(b: Bench, n: int) -> float:
    """n articles of 12 paragraphs, each with its proposals, to one PDF."""
    from ui.export.service import export

    paths = []
    for i in range(n):
        paragraphs = [
            f"Minister {chr(65 + j)} of story {i} said on Tuesday that spending rose {j + i % 7} percent "
            f"in March. Officials, speaking on condition of anonymity, said cuts of {j * 3} million "
            "dollars were coming, and the opposition said the figures were wrong."
            for j in range(12)
        ]
        paths.append(b.file(f"story{i}.txt", f"Story {i} about spending\n\n" + "\n\n".join(paragraphs)))
    with b.workspace() as ws:
        _checked(import_paths(ws, paths, propose=True))
        return timed(lambda: export(ws, "pdf", b.folder / f"out{b.count}.pdf"))


CASES: list[tuple[str, str, int, Callable[[Bench, int], float]]] = [
    # name, what n counts, n, the case
    ("unclosed <span>", "tags", 50_000, unclosed_spans),
    ("nested <div>", "levels", 10_000, nested_divs),
    ("nested hidden <div><b>", "levels", 10_000, nested_hidden_inline),
    ("unpunctuated article: import", "chars", 500_000, unpunctuated_import),
    ("unpunctuated article: propose", "chars", 500_000, unpunctuated_propose),
    ("one-sentence article: match", "chars", 5_000_000, one_sentence_match),
    ("huge CSV cell: import", "chars", 5_000_000, huge_csv_cell),
    ("W3C annotations: import", "annotations", 1_000, many_annotations),
    ("long article: export md", "chars", 500_000, export_long("md")),
    ("long article: export html", "chars", 500_000, export_long("html")),
    ("long article: export pdf", "chars", 40_000, export_long("pdf")),
    ("every article: export pdf", "articles", 10, every_article_pdf),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    args = parser.parse_args()
    print(f"{'case':32} {'n':>12} {'time at n':>10} {'at 2n':>9} {'ratio':>6}")
    for name, unit, n, case in CASES:
        if args.only and args.only not in name:
            continue
        n = max(1, int(n * args.scale))
        with tempfile.TemporaryDirectory() as tmp:
            small = case(Bench(Path(tmp)), n)
        with tempfile.TemporaryDirectory() as tmp:
            large = case(Bench(Path(tmp)), 2 * n)
        print(
            f"{name:32} {n:>10,} {unit[:1]} {small:9.2f}s {large:8.2f}s  x{large / max(small, 1e-9):.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
