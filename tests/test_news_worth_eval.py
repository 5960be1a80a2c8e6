"""The news-genre check-worthiness scorer (benchmarks/news_worth_eval.py): matching rule and list format."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("news_worth_eval", ROOT / "benchmarks" / "news_worth_eval.py")
nw = importlib.util.module_from_spec(SPEC)
sys.modules["news_worth_eval"] = nw  # dataclasses look their module up
SPEC.loader.exec_module(nw)


def prop(start, end, source="", name="", kind="agency", weak=False):
    return nw.Proposal(start, end, "", "statement", weak, source, name, kind)


def gold(start, end, source="the outlet", kind="agency", worth="high"):
    return nw.Gold("doc", start, end, worth, source, kind)


def test_match_needs_half_of_the_gold_or_half_of_the_proposal():
    g = gold(100, 200)
    assert nw.matches(prop(150, 200), g) == 50  # half of the gold span
    assert not nw.matches(prop(151, 400), g)  # 49 of 100 gold, 49 of 249 proposal
    assert nw.matches(prop(180, 215), g) == 20  # 20 of a 35-character proposal
    assert not nw.matches(prop(200, 260), g)  # touching is no overlap


def test_one_proposal_finds_one_claim_and_a_second_one_is_a_duplicate():
    golds = [gold(0, 100), gold(110, 140)]
    proposals = [prop(0, 140), prop(0, 60), prop(500, 520)]
    r = nw.score_doc("doc", golds, proposals)
    # the long proposal matches both claims but takes only claim 0 (overlap 100 > 30); claim 1 stays missed
    assert r.found == {0: 0}
    assert r.duplicates == {1}
    assert r.correct == {0, 1}  # the stray proposal 2 is a false positive


def test_weak_proposals_are_neither_found_nor_false_positives():
    golds = [gold(0, 100)]
    r = nw.score_doc("doc", golds, [prop(0, 100, weak=True), prop(300, 400, weak=True)])
    assert r.found == {} and r.correct == set()
    assert r.found_any == {0}


def test_source_right():
    assert nw.source_right(gold(0, 1), prop(0, 1, source="the article", kind="agency"))
    assert not nw.source_right(gold(0, 1), prop(0, 1, source="Reuters", kind="institution"))
    named = gold(0, 1, "Bill Clinton", "named")
    assert nw.source_right(named, prop(0, 1, "he", "Bill Clinton", "named"))
    assert nw.source_right(named, prop(0, 1, "Former President Clinton", "", "named"))  # surname
    assert not nw.source_right(named, prop(0, 1, "the former president", "former president", "anonymous"))
    imf = gold(0, 1, "IMF", "institution")
    assert nw.source_right(imf, prop(0, 1, "The International Monetary Fund", "", "institution"))
    poll = gold(0, 1, "Washington Post-ABC News poll", "document")
    assert nw.source_right(poll, prop(0, 1, "a new Washington Post-ABC News national poll", "", "document"))


def test_the_list_holds_offsets_and_labels_only():
    path = ROOT / "benchmarks" / "data" / "news_worth_dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({r["doc"] for r in rows}) == 10 and len(rows) >= 100
    for r in rows:
        assert set(r) <= {"doc", "start", "end", "worth", "source", "kind", "note"}
        assert r["worth"] in nw.WORTHS and r["kind"] in nw.KINDS
        assert len(r.get("note", "")) <= 40  # a label, not a quotation
    golds = nw.load_gold(path)
    text_dir = nw.default_text_dir()
    if not text_dir.is_dir():
        pytest.skip("../shared/eval/attribution/polnear-dev is not here")
    texts = {g.doc: (text_dir / f"{g.doc}.txt").read_text(encoding="utf-8") for g in golds}
    assert nw.check_offsets(golds, texts) == []
