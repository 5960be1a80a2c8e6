"""Cost bounded by input size (issue 10 item 11): the work each step does on a worst-case input
is counted, not timed (the timings are printed by benchmarks/worst_case.py)."""

from __future__ import annotations

import workbench.reports.sourcing as sourcing
from workbench.model import Article, Claim, SourceKind
from workbench.reports.data import ArticleReport
from workbench.text.sentences import MAX_SENTENCE_CHARS


def _anonymous_claims(text: str, count: int) -> tuple[Claim, ...]:
    step = len(text) // count
    return tuple(
        Claim(
            id=i + 1,
            article_id=1,
            start=i * step,
            end=i * step + 20,
            text=text[i * step : i * step + 20],
            source_kind=SourceKind.ANONYMOUS,
            source_name="an official",
        )
        for i in range(count)
    )


def test_the_sourcing_summary_reads_each_paragraph_once_and_near_the_source(monkeypatch):
    """An article with no paragraph break and 200 claims by one anonymous source: the context
    searched for why the source is not named was the whole text once per claim (5.4 s for the
    Markdown export of a 100,000-character article; quadratic). Now each paragraph once, and at
    most MAX_SENTENCE_CHARS either side of each source."""
    text = ("an official told reporters the ministry would review spending plans " * 3000).strip()
    claims = _anonymous_claims(text, 200)
    seen: list[int] = []
    check = sourcing.check_description

    def counting(description: str, context: str = ""):
        seen.append(len(context))
        return check(description, context)

    monkeypatch.setattr(sourcing, "check_description", counting)
    summary = sourcing.summarise(ArticleReport(article=Article(id=1, title="t", text=text), claims=claims))
    assert summary.anonymous_sources[0].claims == 200
    # every source's reach, no more: 200 windows of 2 x 2,000 characters at most (was 200 x 200,000)
    assert max(seen) <= 200 * (2 * MAX_SENTENCE_CHARS + 1)
    assert max(seen) < len(text) * 2


def test_a_paragraph_shared_by_claims_is_its_context_once(monkeypatch):
    paragraph = "A senior official, who spoke on condition of anonymity, said the plan was dropped."
    text = paragraph + "\n\nSomething else entirely."
    claims = _anonymous_claims(paragraph, 4)
    seen: list[str] = []
    check = sourcing.check_description
    monkeypatch.setattr(sourcing, "check_description", lambda d, c="": seen.append(c) or check(d, c))
    summary = sourcing.summarise(ArticleReport(article=Article(id=1, title="t", text=text), claims=claims))
    assert set(seen) == {paragraph}
    assert "does not say why the source is not named" not in summary.anonymous_sources[0].check.issues
