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

from workbench.extraction.clause_cues import GOES_ON_NEEDS, GOES_ON_RE, RELATIVE_NEEDS, RELATIVE_RE
from workbench.extraction.clause_stance import _POSSESSIVE_STANCE, POSSESSIVE_STANCE_NEEDS
from workbench.extraction.lexicon.cues import (
    ANON_CLAUSE_NEEDS,
    ANON_CLAUSE_RE,
    DANGLING_RE,
    DASH_SOURCE_NEEDS,
    DASH_SOURCE_RE,
)
from workbench.extraction.lexicon.source_words import (
    ORG_APPOSITION_NEEDS,
    ORG_APPOSITION_RE,
    ORG_POSSESSIVE_RE,
    ORG_WHICH_RE,
)
from workbench.extraction.stance import NOUN_STANCE_NEEDS, NOUN_STANCE_RE, PASSIVE_RE
from workbench.text.prefilter import may_contain, word_trie

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
    (
        "dash_source",
        DASH_SOURCE_RE,
        DASH_SOURCE_NEEDS,
        ["The best is yet to come. ― Mark Twain", "We won. —— Ann Lee."],
    ),
    ("dangling", DANGLING_RE, (":",), ["Limbaugh added:", "She told reporters :"]),
    (
        "relative",
        RELATIVE_RE,
        RELATIVE_NEEDS,
        [
            "voters who worry that prices rise",
            "a poll which showed a lead",
            "critics, who have long argued that",
        ],
    ),
    (
        "goes_on",
        GOES_ON_RE,
        GOES_ON_NEEDS,
        [
            'She continued, "we will win"',
            "He went on: it is over",
            "Trump put it this way: no",
            "He put it bluntly: no",
        ],
    ),
    (
        "possessive_stance",
        _POSSESSIVE_STANCE,
        POSSESSIVE_STANCE_NEEDS,
        [
            "Trump's claim that there were",
            "his repeated insistence that it",
            "Ms Ruiz's charge that they lied",
        ],
    ),
    (
        "passive",
        PASSIVE_RE,
        ("by",),
        ["It was first reported by The Washington Post.", "were criticized by many"],
    ),
    (
        "noun_stance",
        NOUN_STANCE_RE,
        NOUN_STANCE_NEEDS,
        [
            "Ruiz is a staunch opponent of the plan",
            "He has been one of the biggest fans of it",
            "She was a critic of the plan",
        ],
    ),
    (
        "org_apposition",
        ORG_APPOSITION_RE,
        ORG_APPOSITION_NEEDS,
        [
            "the city's water authority, Sacmex, said",
            "the charity, Solidarités Sahel, said",
            "its maker, Voltara Energy,",
        ],
    ),
    ("org_which", ORG_WHICH_RE, ("which",), ["Solidarités Sahel, which employs 300 people"]),
    (
        "org_possessive",
        ORG_POSSESSIVE_RE,
        ("'s", "’s"),
        ["Hershey's chief executive said", "Voltara’s shares fell"],
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


def test_word_trie_matches_the_words_only():
    words = {"say", "says", "said", "saying", "s", "sa", "told", "tell"}
    pattern = re.compile(word_trie(words))
    for w in [*words, "", "sai", "sayin", "tel", "tolds", "x"]:
        assert (pattern.fullmatch(w) is not None) == (w in words), w
    with pytest.raises(ValueError):
        word_trie({"called for"})


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def test_tries_find_what_the_alternations_found():
    """The cue patterns built on word_trie match as the longest-first alternations they replace."""
    from workbench.extraction import clause_cues
    from workbench.extraction.lexicon import cues
    from workbench.text.wordsets import word_set

    cue_words = word_set(cues.CUE_WORDS)
    head = (
        r"\b("
        + cues.SOCIAL_CUE
        + "|"
        + cues.NOTICE_CUE
        + "|"
        + "|".join(map(re.escape, cues.MULTI_CUES))
        + "|"
    )
    pairs = [
        (re.compile(head + _alternation(cue_words) + r")\b"), cues.CUE_RE),
        (
            re.compile(r",\s+(?P<cue>" + _alternation(clause_cues._ING) + r")\b"),
            re.compile(r",\s+(?P<cue>" + clause_cues._ING_RE + r")\b"),
        ),
        (
            re.compile(r"who\s+(?P<cue>" + _alternation(clause_cues._FINITE) + r")\b\s*that"),
            re.compile(r"who\s+(?P<cue>" + clause_cues._FINITE_RE + r")\b\s*that"),
        ),
    ]
    every_word = " ".join(sorted(cue_words | set(clause_cues._ING) | set(clause_cues._FINITE)))
    texts = [
        *ARTICLES,
        every_word,
        every_word.replace(" ", ", "),
        "saidx said_ xsaid called for calls on took to Twitter to call for",
    ]
    texts += [", " + w + " " for w in clause_cues._ING] + ["who " + w + " that" for w in clause_cues._FINITE]
    for old, new in pairs:
        for text in texts:
            assert [(m.span(), m.groups()) for m in old.finditer(text)] == [
                (m.span(), m.groups()) for m in new.finditer(text)
            ]


NAME_TEXT = (
    "Mr. Smith and Mrs Jane O'Brien met Dr. Raúl Holtz-Eakin, Gov. Gavin Newsom, U.S. Sen. Mark Ortiz, "
    "McConnell, DeSantis and Mustafa al-Kadhemi. “Said Ellis: no.” (John F. Kennedy) A. B. Co. Inc. Ltd. "
    "Ça va, Élodie? He said: Yes. 'Quoted Words Here' and St. Louis, Jr. and Sr. Ángel ÉMILE"
)


def test_capital_lookaheads_keep_the_matches():
    """Patterns given a leading (?=[A-Z]) for speed match as they did without it."""
    from workbench.extraction import sources, worth, worth_features
    from workbench.extraction.lexicon.cues import WORD_RE
    from workbench.extraction.source_kinds import NAME_RE

    patterns = [
        NAME_RE,
        WORD_RE,
        worth._NAME_WORD,
        worth_features._CAPITALISED,
        sources.ORG_NAME_RE,
        sources._CAP_WORD,
    ]
    for new in patterns:
        assert new.pattern.startswith("(?=[A-Z])")
        old = re.compile(new.pattern.removeprefix("(?=[A-Z])"), new.flags)
        for text in [*ARTICLES, NAME_TEXT, NAME_TEXT.lower(), NAME_TEXT.upper()]:
            assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)], (
                new.pattern
            )
