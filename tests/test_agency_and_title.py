"""Agencies, datelines and titles (issue 13 items 4 and 5)."""

from __future__ import annotations

from workbench.extraction.engine import extract
from workbench.model import SourceKind
from workbench.text.decoding import derive_title, parse_plain_text

AP_STORY = (
    "U.S. adds 156,000 jobs; unemployment rate ticks up to 5%.\n\n"
    "WASHINGTON (AP) — U.S. employers added 156,000 jobs in September, fewer than in August.\n\n"
    "Early voting is up 20 percent, according to numbers released Tuesday by the state Division "
    "of Elections.\n"
)


def test_a_headline_with_a_full_stop_keeps_its_abbreviations_and_the_dateline_gives_the_agency():
    body, meta = parse_plain_text(AP_STORY)
    assert meta.title == "U.S. adds 156,000 jobs; unemployment rate ticks up to 5%"
    assert meta.agency == "AP"
    assert meta.dateline == "WASHINGTON (AP)"


def test_the_title_goes_through_the_sentence_splitter():
    assert derive_title("Mr. Smith goes to Washington on Jan. 5. He stays.\n\nBody.") == (
        "Mr. Smith goes to Washington on Jan. 5"
    )


def test_numbers_released_by_an_agency_are_a_document_never_anonymous():
    ex = extract(AP_STORY, agency="AP")
    claim = next(c for c in ex.claims if c.text.startswith("Early voting"))
    assert claim.attribution.kind is SourceKind.DOCUMENT
    assert "Division of Elections" in claim.attribution.source


def test_jobs_added_are_the_outlets_news_not_speech():
    ex = extract(AP_STORY, agency="AP")
    claim = next(c for c in ex.claims if "156,000 jobs in September" in c.text)
    assert claim.attribution.kind is SourceKind.AGENCY


def _summary(text: str, fragment: str) -> str:
    return next(c.summary for c in extract(text).claims if fragment in c.text)


def test_a_summary_never_splits_a_name_or_ends_on_a_preposition():
    text = "Jay Z will hold a concert for Hillary Clinton in Cleveland on Friday, drawing 10,000 fans."
    summary = _summary(text, "concert")
    assert summary.startswith("Jay Z will hold")
    assert summary.split()[-1] not in ("on", "in", "for", "to")


def test_a_summary_skips_a_clause_set_off_inside_the_sentence():
    text = "Trump, despite making a concerted effort to court black voters, polls at 2 percent among them."
    assert _summary(text, "2 percent") == "Trump polls at 2 percent among them"


def test_a_byline_naming_an_agency_gives_the_agency():
    for byline, agency in (
        ("By Jane Doe, Associated Press", "Associated Press"),
        ("By JANE DOE · Reuters", "Reuters"),
        ("By Jane Doe and Tom Roe | AFP", "AFP"),
        ("By Jane Doe, AP Business Writer", "AP"),
    ):
        body, meta = parse_plain_text(
            f"Mayor backs levy\n\n{byline}\n\nTARROW — The mayor said on Monday the levy would fund 40 schools.\n"
        )
        assert meta.agency == agency, byline
        assert byline not in [c.text for c in extract(body, agency=meta.agency).claims]


def test_a_byline_without_an_agency_gives_none():
    _, meta = parse_plain_text(
        "Mayor backs levy\n\nBy Jane Doe, Staff Writer\n\nThe mayor said the levy would pass.\n"
    )
    assert meta.agency == ""


def test_a_credit_line_naming_an_agency_gives_the_agency():
    for credit in ("Associated Press writer Tom Roe in Boston contributed to this report.", "— Reuters"):
        _, meta = parse_plain_text(
            f"Mayor backs levy\n\nThe mayor said on Monday the levy would fund 40 schools.\n\n{credit}\n"
        )
        assert meta.agency in ("Associated Press", "Reuters"), credit
