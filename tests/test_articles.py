"""The extraction engine on hand-written test articles (tests/data/articles, issue 3 item 6).

Each article `NAME.txt` / `NAME.html` has a sidecar `NAME.expected.json`, written as a
fact-checker would before running the engine:

    {"claims": [{"claim": substring that must lie inside one proposed claim span,
                 "source": substring of the source phrase or of its resolved name (null: the outlet's voice),
                 "kind": named | anonymous | institution | document | agency,
                 "via": optional channel ("AFP"),
                 "numbers": optional values, or [low, high] for a range,
                 "note": optional reason for a debatable call}],
     "not_claims": [strings that no claim span may touch: bylines, credits, datelines, the headline]}

Articles go through the importer (`read_file`) exactly as a user's file would. Expectations the
engine still gets wrong are listed in KNOWN_MISSES (strict xfail: fixing one fails the suite until
it is taken off the list). Run `python tests/test_articles.py` for the score.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from workbench.extraction.engine import extract  # noqa: E402
from workbench.model import Extraction, ProposedClaim  # noqa: E402
from workbench.text.importers import read_file  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"

# (article, claim substring): expectations the engine does not meet yet, with the reason.
KNOWN_MISSES: dict[tuple[str, str], str] = {
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Verdict:
    found: bool
    source: bool
    kind: bool
    via: bool
    numbers: bool
    claim: ProposedClaim | None

    @property
    def right(self) -> bool:
        return self.found and self.source and self.kind and self.via and self.numbers


def article_names() -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in ARTICLES.glob("*.expected.json"))


@cache
def load(name: str) -> tuple[str, Extraction, dict]:
    path = next(p for p in ARTICLES.glob(name + ".*") if not p.name.endswith(".json"))
    item = read_file(path)[0]
    extraction = extract(item.text, agency=item.meta.agency or item.meta.publisher, title=item.meta.title)
    expected = json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return item.text, extraction, expected


def _source_names(extraction: Extraction, claim: ProposedClaim) -> list[str]:
    a = claim.attribution
    if a is None:
        return []
    names = [a.source]
    for s in extraction.sources:
        if s.key == a.source_key:
            names += [s.name, *s.aliases]
    return [n.lower() for n in names if n]


def _number_ok(claim: ProposedClaim, want: float | list[float]) -> bool:
    for n in claim.numbers:
        if isinstance(want, list):
            if n.low is not None and abs(n.low - want[0]) < 1e-6 and abs(n.value - want[1]) < 1e-6:
                return True
        elif abs(n.value - want) <= 1e-6 * max(1.0, abs(want)) or (
            n.low is not None and abs(n.low - want) < 1e-6
        ):
            return True
    return False


def judge(extraction: Extraction, exp: dict) -> Verdict:
    """How the engine did on one expected claim (the best of the claims that contain it)."""
    candidates = [c for c in extraction.claims if exp["claim"] in c.text]
    if not candidates:
        return Verdict(False, False, False, False, False, None)
    best: Verdict | None = None
    for c in candidates:
        a = c.attribution
        kind = a is not None and str(a.kind) == exp["kind"]
        if exp["source"] is None:
            source = a is not None and str(a.kind) == "agency"
        else:
            source = any(exp["source"].lower() in n for n in _source_names(extraction, c))
        via = "via" not in exp or (a is not None and a.via == exp["via"])
        numbers = all(_number_ok(c, w) for w in exp.get("numbers", ()))
        v = Verdict(True, source, kind, via, numbers, c)
        if best is None or (v.source, v.kind, v.via, v.numbers) > (
            best.source,
            best.kind,
            best.via,
            best.numbers,
        ):
            best = v
    assert best is not None
    return best


def _cases() -> list:
    cases = []
    for name in article_names():
        expected = json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))
        for exp in expected["claims"]:
            reason = KNOWN_MISSES.get((name, exp["claim"]))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(name, exp["claim"], marks=marks, id=f"{name}:{exp['claim'][:40]}"))
    return cases


def test_there_are_enough_articles():
    names = article_names()
    assert len(names) >= 12
    for name in names:
        text, _, _ = load(name)
        assert 250 <= len(text.split()) <= 900, name


@pytest.mark.parametrize(("name", "claim"), _cases())
def test_expected_claim(name: str, claim: str):
    text, extraction, expected = load(name)
    exp = next(e for e in expected["claims"] if e["claim"] == claim)
    v = judge(extraction, exp)
    assert v.found, f"no claim contains {claim!r}"
    got = v.claim.attribution
    detail = f"got {got.source!r} ({got.kind}, via {got.via}) for {v.claim.text!r}"
    assert v.source, detail
    assert v.kind, detail
    assert v.via, detail
    assert v.numbers, (
        f"numbers {[(n.text, n.value, n.low) for n in v.claim.numbers]} for {exp.get('numbers')}"
    )


@pytest.mark.parametrize("name", article_names())
def test_not_claims(name: str):
    """Bylines, credits, datelines and the repeated headline are never inside a claim span."""
    text, extraction, expected = load(name)
    for junk in expected["not_claims"]:
        pos = text.find(junk)
        while pos >= 0:
            for c in extraction.claims:
                assert not (c.start < pos + len(junk) and pos < c.end), f"{junk!r} inside claim {c.text!r}"
            pos = text.find(junk, pos + 1)


@pytest.mark.parametrize("name", article_names())
def test_spans_are_exact(name: str):
    text, extraction, _ = load(name)
    for c in extraction.claims:
        assert text[c.start : c.end] == c.text
        a = c.attribution
        if a is not None and a.source_start is not None:
            assert text[a.source_start : a.source_end] == a.source
        for n in c.numbers:
            assert c.start <= n.start < n.end <= c.end


def score(verbose: bool = False) -> tuple[int, int]:
    """Print per-article and total counts; returns (right, total)."""
    totals = [0, 0, 0, 0]
    for name in article_names():
        _, extraction, expected = load(name)
        counts = [0, 0, 0, 0]
        for exp in expected["claims"]:
            v = judge(extraction, exp)
            counts[0] += v.found
            counts[1] += v.found and v.source
            counts[2] += v.found and v.kind
            counts[3] += v.right
            if verbose and not v.right:
                got = v.claim.attribution if v.claim else None
                print(
                    f"  MISS {name}: {exp['claim'][:60]!r} want {exp['source']!r}/{exp['kind']}"
                    + (f" got {got.source!r}/{got.kind}/via {got.via}" if got else " (not found)")
                    + (
                        ""
                        if v.numbers
                        else f" numbers {[n.text for n in v.claim.numbers] if v.claim else ''}"
                    )
                )
        n = len(expected["claims"])
        print(
            f"{name:28} {n:3} claims: found {counts[0]:3}  source {counts[1]:3}  kind {counts[2]:3}  right {counts[3]:3}"
        )
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        totals.append(0)
        totals.pop()
    total = sum(len(load(n)[2]["claims"]) for n in article_names())
    print(
        f"TOTAL {total} expected claims: found {totals[0]}, source right {totals[1]}, kind right {totals[2]}; "
        f"{totals[3]} of {total} test claims right"
    )
    return totals[3], total


if __name__ == "__main__":
    score(verbose="-v" in sys.argv)


# --- importer metadata for these styles (workbench/text/decoding.py) ---------------------------------------


@pytest.mark.parametrize(
    ("first_line", "dateline", "agency"),
    [
        ("CAIRO, March 14 (Reuters) - Egypt bought wheat.", "CAIRO, March 14 (Reuters)", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP)", "AP"),
        ("BAGHDAD (AFP) - Rockets hit the airport.", "BAGHDAD (AFP)", "AFP"),
        ("NAIROBI — Floods displaced thousands.", "NAIROBI", ""),
        ("Floods displaced thousands in Nairobi.", "", ""),
    ],
)
def test_plain_text_dateline_metadata_keeps_the_text(first_line, dateline, agency):
    from workbench.text.decoding import parse_plain_text

    raw = f"Headline here\n\n{first_line}\n\nMore text follows here."
    body, meta = parse_plain_text(raw)
    assert first_line in body  # the dateline stays in the stored text
    assert (meta.dateline, meta.agency) == (dateline, agency)


def test_html_drops_ad_labels_and_bylines():
    from workbench.text.html import parse_html

    html = (
        "<article><h1>T</h1><div class='byline'>By Selam Tesfaye · 18 September 2024</div>"
        "<p>First paragraph of the story with enough words.</p><div>ADVERTISEMENT</div><p>Advertisement</p>"
        "<p>By the end of the week, prices had doubled.</p></article>"
    )
    body, _ = parse_html(html)
    assert (
        body
        == "First paragraph of the story with enough words.\n\nBy the end of the week, prices had doubled."
    )
