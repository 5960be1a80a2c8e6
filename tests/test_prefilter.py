"""Speed prefilters (workbench.text.prefilter) never skip a match.

A costly pattern is only run when `may_contain` finds one of its needle strings; that is only
right when every match of the pattern contains a needle. Each row below names a pattern, its
needles and example sentences written for its alternatives; the test runs the pattern on them and
on the test articles and checks every match holds a needle, and that `may_contain` agrees with a
case-insensitive search of the needles on odd text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.extraction.lexicon.cues import ANON_CLAUSE_NEEDS, ANON_CLAUSE_RE
from workbench.text.prefilter import may_contain

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
]

PREFILTERED = [
    (
        "anon_clause",
        ANON_CLAUSE_RE,
        ANON_CLAUSE_NEEDS,
        [
            "The official, who asked not to be named because he was not authorized to speak, said so.",
            "A diplomat, asking anonymity, said the talks had failed.",
            "Two aides, who requested not to be identified, said it was over.",
            "An officer SPEAKING ON CONDITION OF ANONYMITY said the base was hit.",
            "The source spoke under the promise of anonymity to the press.",
            "A banker, speaking anonymously, said the deal was dead.",
            "The man, who declined to be named, said the road was closed.",
            "She did not want to be identified, and didn't want to be named either.",
            "The aide was not authorised to comment publicly on the matter.",
            "Officials who are not authorized to discuss it on the record said so.",
            "A staffer, not wanting to be identified, said the plan changed.",
            "He asked not to be quoted for fear of reprisals.",
        ],
    ),
]


@pytest.mark.parametrize("name,pattern,needles,examples", PREFILTERED, ids=[r[0] for r in PREFILTERED])
def test_every_match_holds_a_needle(name, pattern, needles, examples):
    matched = 0
    for text in examples + ARTICLES:
        for m in pattern.finditer(text):
            if not m.group():
                continue
            matched += 1
            assert any(n in m.group().lower() for n in needles), (name, m.group())
            assert may_contain(m.group(), needles)
    for text in examples:
        assert pattern.search(text), (name, text)  # each example exercises the pattern
    assert matched >= len(examples)


ODD = [
    "",
    "plain ascii text with nothing",
    "He was NAMED in the filing.",
    "Unicode “quotes” and an anonymous source",
    "AUTHOR\u0130ZED by Turkish dotted capital I",
    "author\u0131zed with a dotless i",
    "\u212aelvin sign, quoted",
    "long \u017f: authoriſed",
    "caf\u00e9 named",
    "Straße identified",
]


@pytest.mark.parametrize("text", ODD)
def test_may_contain_agrees_with_ignorecase(text):
    needles = ("anonym", "named", "identified", "quoted", "authori", "kelvin", "authoris")
    found = re.search("|".join(map(re.escape, needles)), text, re.IGNORECASE) is not None
    if found:
        assert may_contain(text, needles)
    assert may_contain(text, needles) or not found
