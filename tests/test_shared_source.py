"""The rows of attribution.SHARED_SOURCE_RULES and the mechanics beside them (issue 13 item 2).
Each row deciding its example is checked with every rule table in tests/test_clause_cues.py.
Made-up sentences only."""

from __future__ import annotations

from workbench.extraction import attribution
from workbench.extraction.engine import extract

ROWS = attribution.SHARED_SOURCE_RULES


def test_rows_have_unique_names_and_a_reason():
    names = [r.name for r in ROWS]
    assert len(names) == len(set(names)) and all(r.why and r.example.endswith(".") for r in ROWS)


def claims(text: str) -> list[tuple[str, str | None, str]]:
    out = []
    for c in extract(text).claims:
        a = c.attribution
        src = None if a.source_start is None else text[a.source_start : a.source_end]
        out.append((c.text, src, a.cue))
    return out


def test_a_quotation_closed_before_the_source_is_the_content_whatever_follows_told():
    text = (
        "\"I've always been insulted with the term 'rural outreach,' \" he told the group, adding that the"
        " phrase suggests a party has to leave its base."
    )
    got = claims(text)
    assert got[0] == ("I've always been insulted with the term 'rural outreach,'", "he", "told")
    assert got[1][1:] == ("he", "adding")


def test_a_partial_quotation_after_a_short_subject_is_a_trailing_attribution():
    text = 'The country "has made dramatic changes for the better," Senator Marsh said in June 2012.'
    assert claims(text)[0] == (
        'The country "has made dramatic changes for the better,"',
        "Senator Marsh",
        "said",
    )


def test_a_title_in_quotes_inside_an_opening_phrase_is_not_the_content():
    text = 'On "Face the Nation," Speaker Dana Ortiz said the recent protests demand more listening.'
    assert claims(text) == [("the recent protests demand more listening", "Speaker Dana Ortiz", "said")]


def test_a_participle_after_an_inverted_source_is_not_part_of_it():
    text = '"This is in their heads," said Caddell, speaking of the governor\'s health.'
    got = claims(text)
    assert got[0] == ("This is in their heads", "Caddell", "said")
    assert got[1] == ("of the governor's health", "Caddell", "speaking")


def test_two_cues_of_one_subject_joined_by_and_are_two_claims():
    text = "Clinton criticized the plan and said it would cost 3 million jobs."
    assert claims(text) == [
        ("the plan", "Clinton", "criticized"),
        ("it would cost 3 million jobs", "Clinton", "said"),
    ]


def test_a_subject_with_an_apposition_speaks_for_the_verb_after_and():
    text = "Ana Ruiz, the Republican nominee, visited the plant and said the closures would cost 3,000 jobs."
    assert ("the closures would cost 3,000 jobs", "Ana Ruiz, the Republican nominee", "said") in claims(text)


def test_a_quotation_introduced_by_a_colon_is_the_content_of_the_source_after_it():
    text = 'Senator Claire Ortiz scolded him: "The scientific community is against you," she said.'
    assert claims(text) == [("The scientific community is against you", "she", "said")]


def test_an_opening_phrase_is_never_a_subject_with_an_apposition():
    text = "On Thursday, however, the mayor visited the plant and said the closures would cost 3,000 jobs."
    assert all(src is None or not src.startswith("On Thursday") for _, src, _ in claims(text))


def test_an_evidence_verb_after_and_shares_the_subject():
    text = "The researchers combed through the filings and found that 73 percent kept offshore units."
    assert claims(text)[-1] == ("73 percent kept offshore units", "The researchers", "found")
