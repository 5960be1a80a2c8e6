"""Cost bounded by input size (issue 10 item 11): the work each step does on a worst-case input
is counted, not timed (the timings are printed by benchmarks/worst_case.py)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import db.stores.claim_worth as claim_worth
import workbench.extraction.worth as worth
import workbench.reports.sourcing as sourcing
from db import Workspace
from db.flows.importing import import_paths
from workbench.model import Article, Claim, SourceKind
from workbench.reports.data import ArticleReport
from workbench.reports.facts import segments
from workbench.reports.w3c import text_sha256
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


def _annotation_file(text: str, sentences: list[str]) -> str:
    items, start = [], 0
    for sentence in sentences:
        start = text.index(sentence, start)
        end = start + len(sentence)
        items.append(
            {
                "type": "Annotation",
                "motivation": "assessing",
                "target": {
                    "source": f"urn:sha256:{text_sha256(text)}",
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": sentence,
                            "prefix": text[max(0, start - 32) : start],
                        },
                        {"type": "TextPositionSelector", "start": start, "end": end},
                    ],
                },
            }
        )
        start = end
    return json.dumps({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": items}})


def test_a_w3c_file_of_many_annotations_splits_its_article_once(tmp_path, monkeypatch):
    """Each annotation is a claim added one by one, and each claim's worth split the whole article
    into sentences again: 2,000 annotations took 40 s (quadratic). The article is split once."""
    sentences = [f"Official number {i} said the rate rose {i % 90} percent in March." for i in range(120)]
    article = tmp_path / "article.txt"
    article.write_text("Annotated report\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    with Workspace.open(tmp_path / "ws.db") as ws:
        article_id = import_paths(ws, [article]).added[0].article_id
        text = ws.articles.get(article_id).text
        notes = tmp_path / "notes.json"
        notes.write_text(_annotation_file(text, sentences), encoding="utf-8")
        splits: list[int] = []
        real = worth.split_sentences
        monkeypatch.setattr(worth, "split_sentences", lambda t: splits.append(len(t)) or real(t))
        claim_worth.article_context.cache_clear()
        report = import_paths(ws, [notes])
        assert report.claims_added == 120 and not report.failed
        assert splits.count(len(text)) <= 2  # was 120: once per annotation
        scores = {c.worth for c in ws.claims.for_article(article_id)}
        assert None not in scores  # every claim still has its worth


def _segments_by_testing_every_claim(
    text: str, claims: list[Claim]
) -> list[tuple[int, int, tuple[int, ...]]]:
    """The pieces as the report cut them before the sweep: every claim tested at every cut."""
    spans = [
        (max(0, c.start), min(len(text), c.end), c.id)
        for c in sorted(claims, key=lambda c: (c.start, -c.end, c.id))
        if c.start < c.end and c.start < len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[tuple[int, int, tuple[int, ...]]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = tuple(cid for s, e, cid in spans if s <= a and b <= e)
        if out and out[-1][2] == covering and out[-1][1] == a:
            out[-1] = (out[-1][0], b, covering)
        else:
            out.append((a, b, covering))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 120), st.integers(0, 130)), max_size=25))
def test_the_sweep_cuts_the_text_as_testing_every_claim_did(bounds):
    """segments() is one sweep now (it tested every claim at every cut: quadratic in the claims,
    seconds for an article with 1,800 proposals); the pieces and their claims are the same."""
    text = "x" * 100
    claims = [Claim(id=i + 1, article_id=1, start=s, end=e, text="x") for i, (s, e) in enumerate(bounds)]
    got = [(g.start, g.end, g.claims) for g in segments(text, claims)]
    assert got == _segments_by_testing_every_claim(text, claims)


def _underlined_by_visiting_every_phrase(text: str, start: int, end: int, phrases) -> str:
    """A piece of the HTML report's text as it was made before: every phrase visited."""
    from html import escape

    out, pos = [], start
    for a, b in phrases:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        out.append(escape(text[pos:a], quote=True))
        out.append(f'<u class="src">{escape(text[a:b], quote=True)}</u>')
        pos = b
    out.append(escape(text[pos:end], quote=True))
    return "".join(out).replace("\n", "<br>")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=12),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_a_piece_visits_only_the_phrases_that_reach_into_it(raw, start, length):
    """The HTML report underlined each piece of the text by visiting every source phrase of the
    article (quadratic: 39 s for a 1 MB article with 1,500 proposals); now only the phrases that
    reach into the piece, with the same result."""
    from workbench.reports.html import _underlined

    text = "".join(chr(97 + i % 26) if i % 7 else "\\n" for i in range(80))
    spans = sorted((a, a + n) for a, n in raw)
    phrases: list[tuple[int, int]] = []
    for a, b in spans:  # sorted and merged, as _source_spans gives them
        if phrases and a <= phrases[-1][1]:
            phrases[-1] = (phrases[-1][0], max(phrases[-1][1], b))
        else:
            phrases.append((a, b))
    end = min(80, start + length)
    assert _underlined(text, start, end, phrases) == _underlined_by_visiting_every_phrase(
        text, start, end, phrases
    )


def test_storing_proposals_reads_the_article_text_once(seed_ws, monkeypatch):
    """Each proposal stored read the whole article text again (1,500 proposals of a 1 MB article:
    1.5 GB read, quadratic); the text is read once for the claims added to it in a row."""
    from db.flows.importing import propose_claims
    from db.stores.articles import ArticleStore

    reads: list[int] = []
    real = ArticleStore.get
    monkeypatch.setattr(ArticleStore, "get", lambda self, i: reads.append(i) or real(self, i))
    count = propose_claims(seed_ws, 1)
    assert count >= 10
    assert len(reads) <= 2, len(reads)  # propose_claims' own read, and the claims store's
    assert all(c.text == seed_ws.articles.get(1).text[c.start : c.end] for c in seed_ws.claims.for_article(1))
