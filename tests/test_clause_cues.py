"""The rows of workbench/extraction/clause_cues.py: each example comes out as its row says, and
otherwise without that row (so no row can be deleted unnoticed)."""

from __future__ import annotations

import pytest

from workbench.extraction import attribution, clause_cues
from workbench.extraction.engine import extract

ROWS = clause_cues.CLAUSE_CUES
# Every table of attribution rule rows, as (module, name): each row decides its example.
TABLES = ((clause_cues, "CLAUSE_CUES"), (attribution, "SHARED_SOURCE_RULES"))
TABLE_ROWS = [(module, name, row) for module, name in TABLES for row in getattr(module, name)]


def outcome(text: str) -> str:
    parts = []
    for claim in extract(text).claims:
        a = claim.attribution
        parts.append("outlet" if a.source_start is None else f"{text[a.source_start : a.source_end]} {a.cue}")
    return " | ".join(parts)


@pytest.mark.parametrize(
    ("module", "table", "row"), TABLE_ROWS, ids=[f"{t}-{r.name}" for _, t, r in TABLE_ROWS]
)
def test_each_rule_row_decides_its_example(module, table, row, monkeypatch):
    assert outcome(row.example) == row.expect
    rows = getattr(module, table)
    monkeypatch.setattr(module, table, tuple(r for r in rows if r is not row))
    assert outcome(row.example) != row.expect, f"{row.name} is not needed by its example"


def test_rows_have_unique_names_and_a_reason():
    names = [r.name for r in ROWS]
    assert len(names) == len(set(names)) and all(r.why and r.example.rstrip('"”').endswith(".") for r in ROWS)


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (
            "Many voters who worry that the economy is rigged backed Sanders in the primary.",
            "economy",
            "voters",
        ),
        ("The party released a poll which showed Clinton ahead by 4 points in Ohio.", "4 points", "poll"),
    ],
)
def test_a_relative_pronoun_speaks_for_its_noun_phrase(text, fragment, name):
    ex = extract(text)
    a = next(c for c in ex.claims if fragment in c.text).attribution
    assert a.source in ("who", "which")
    assert name in next(s for s in ex.sources if s.key == a.source_key).name


def test_the_absolute_content_leaves_the_clause_before_it():
    ex = extract(ROWS[0].example)
    assert [c.text for c in ex.claims][0] == "the report on Friday"


@pytest.mark.parametrize(
    ("text", "fragment", "source"),
    [
        # a quotation ending in "?" is its own sentence to the splitter; the speaker's sentence joins it
        (
            "“Who would have believed we would win 14 million votes?” Trump said, looking at the crowd.",
            "14 million",
            "Trump",
        ),
        (
            "Six million American jobs also depend on exports to Mexico, one slide says.",
            "Six million",
            "one slide",
        ),
        (
            "Meanwhile, it attacked Trump, saying he had offended 3 groups of voters.",
            "offended 3 groups",
            "it",
        ),
        ('"We will release the records on Monday," the email said.', "release the records", "the email"),
        (
            "Those close to him say that he would have to consider 3 other candidates.",
            "3 other",
            "Those close to him",
        ),
        (
            "Johnnie Wilson, of Springfield, Va., said he had fought in Vietnam for 3 years.",
            "Vietnam",
            "Johnnie Wilson, of Springfield, Va",
        ),
    ],
)
def test_sources_the_rules_used_to_miss(text, fragment, source):
    a = next(c for c in extract(text).claims if fragment in c.text).attribution
    assert text[a.source_start : a.source_end] == source
