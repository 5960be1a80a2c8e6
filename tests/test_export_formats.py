"""Every export format produced for the seed and read back."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from report_seed import seed_claims

from db import Workspace
from db.flows.annotations import import_annotations
from db.flows.importing import import_paths
from db.queries.report_data import load_report_data
from workbench.model import ArticleMeta, Attribution, ImportItem, Review, SourceKind, Status
from workbench.reports.claimreview import RATINGS, check_claimreview, render_claimreview
from workbench.reports.csv_export import CLAIM_COLUMNS, read_csv, render_audit_csv, render_csv
from workbench.reports.html import render_html
from workbench.reports.json_export import read_json, render_json
from workbench.reports.markdown import md, render_markdown
from workbench.reports.w3c import AnnotationError, parse_annotations, render_w3c

DOCS = Path(__file__).resolve().parent.parent / "docs" / "export-json.md"


@pytest.fixture
def seeded(seed_ws):
    return seed_claims(seed_ws)


@pytest.fixture
def data(seed_ws, seeded):
    return load_report_data(
        seed_ws, seeded.article_id, organisation="Desk Checks", generated_at="2020-10-01T09:00:00+00:00"
    )


def _claim_tuple(c) -> tuple:
    return (c.start, c.end, c.text, c.summary, c.kind.value, c.status.value, c.source_name, c.source_phrase)


def test_json_holds_everything_and_reads_back(seed_ws, seeded, data):
    back = read_json(render_json(data))
    assert back["organisation"] == "Desk Checks"
    (art,) = back["articles"]
    stored = seed_ws.claims.for_article(seeded.article_id)
    assert art["article"]["text"] == seed_ws.articles.get(1).text
    assert [
        (c["start"], c["end"], c["text"], c["summary"], c["kind"], c["status"],
         c["attribution"]["source_name"] if c["attribution"] else "",
         c["attribution"]["phrase"] if c["attribution"] else "")
        for c in art["claims"]
    ] == [_claim_tuple(c) for c in stored]  # fmt: skip
    troops = next(c for c in art["claims"] if c["id"] == seeded.claims["troops"])
    assert troops["matches"][0]["conflicting"] is True
    assert troops["needs_attention"] == ["in conflict with 1 source", "rated false"]
    ultimatum = next(c for c in art["claims"] if c["id"] == seeded.claims["ultimatum"])
    assert ultimatum["notes"][0]["url"] == "https://example.org/state-dept-readout"
    assert art["sign_off"]["editor"] == "desk"
    assert art["sourcing"]["by_kind"]["anonymous"] == 4
    assert len(art["audit"]) == len(seed_ws.audit.entries(article_id=1)) + len(
        [e for e in seed_ws.audit.entries() if e.article_id is None and e.claim_id in seeded.claims.values()]
    )


def _keys(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, child in value.items():
            found.add(key)
            _keys(child, found)
    elif isinstance(value, list):
        for child in value:
            _keys(child, found)
    return found


def test_every_json_key_is_documented(data):
    doc = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    keys = _keys(json.loads(render_json(data)), set())
    # keys inside match "reasons" come from the matching engine and are documented there
    reasons = {
        k
        for m in json.loads(render_json(data))["articles"][0]["claims"]
        for x in m["matches"]
        for k in x["reasons"]
    }
    missing = sorted(keys - documented - reasons)
    assert not missing, f"undocumented JSON keys in docs/export-json.md: {missing}"


def test_json_reader_refuses_other_json():
    with pytest.raises(ValueError):
        read_json('{"hello": 1}')


def test_csv_one_row_per_claim_with_every_field(seed_ws, seeded, data):
    text = render_csv(data)
    rows = read_csv(text)
    stored = seed_ws.claims.for_article(seeded.article_id)
    assert len(rows) == len(stored)
    assert list(rows[0]) == list(CLAIM_COLUMNS)
    for row, claim in zip(rows, stored, strict=True):
        assert int(row["claim_id"]) == claim.id
        assert (int(row["start"]), int(row["end"]), row["text"], row["status"]) == (
            claim.start, claim.end, claim.text, claim.status.value,
        )  # fmt: skip
        assert row["source_name"] == claim.source_name
    by_id = {int(r["claim_id"]): r for r in rows}
    assert (
        by_id[seeded.claims["ultimatum"]]["evidence"][0]["quote"]
        == "The Secretary spoke with President Saleh"
    )
    assert by_id[seeded.claims["angry"]]["notes"][0]["body"].startswith("Ask the Baghdad bureau")
    assert by_id[seeded.claims["troops"]]["matches"][0]["relation"] == "conflict"
    assert by_id[seeded.claims["sites"]]["review"] == "query"
    numbers = by_id[seeded.claims["troops"]]["numbers"]
    assert numbers == []  # the fixture stores no number mentions; the column still round-trips JSON


def test_csv_defuses_formulas_and_reads_them_back(seed_ws, seeded):
    seed_ws.claims.update(seeded.claims["angry"], summary='=HYPERLINK("http://evil")')
    seed_ws.claims.update(seeded.claims["troops"], summary="'quoted")
    data = load_report_data(seed_ws, 1)
    text = render_csv(data)
    assert ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text
    rows = {int(r["claim_id"]): r for r in read_csv(text)}
    assert rows[seeded.claims["angry"]]["summary"] == '=HYPERLINK("http://evil")'
    assert rows[seeded.claims["troops"]]["summary"] == "'quoted"


def test_audit_csv_reads_back(seed_ws, seeded):
    from db.queries.report_data import audit_records

    entries = audit_records(seed_ws, article_id=1)
    rows = read_csv(render_audit_csv(entries))
    assert len(rows) == len(entries)
    assert {r["action"] for r in rows} >= {"import", "create", "update", "sign_off"}


def test_claimreview_required_fields(seeded, data):
    # the seed article has no URL: the review's url comes from the organisation's site
    data = replace(data, organisation_url="https://desk.example/checks")
    reviews = json.loads(render_claimreview(data))
    verdicts = [c for r in data.articles for c in r.claims if c.status in RATINGS]
    assert len(reviews) == len(verdicts) == 5  # the unchecked claim has no verdict
    for review in reviews:
        assert check_claimreview(review) == [], review
        assert review["@type"] == "ClaimReview"
        assert review["author"]["name"] == "Desk Checks"
        assert review["itemReviewed"]["@type"] == "Claim"
    by_text = {r["itemReviewed"]["text"]: r for r in reviews}  # the exact span; claimReviewed is short
    assert all(len(r["claimReviewed"]) <= 75 for r in reviews)
    assert all(r["url"].startswith("https://desk.example/checks/fact-checks/claim-") for r in reviews)
    troops = next(c for c in verdicts if c.status is Status.FALSE)
    assert by_text[troops.text]["claimReviewed"] == troops.summary
    assert by_text[troops.text]["reviewRating"]["alternateName"] == "False"
    assert by_text[troops.text]["reviewRating"]["ratingValue"] == 1
    assert by_text[troops.text]["itemReviewed"]["datePublished"] == "2020-09-28"
    mamouri = next(r for r in reviews if r["itemReviewed"]["author"]["name"] == "Mr Ali Mamouri")
    assert mamouri["itemReviewed"]["author"]["@type"] == "Person"


def test_claimreview_check_catches_missing_fields():
    assert "claimReviewed" in check_claimreview({"@context": "https://schema.org", "@type": "ClaimReview"})


def test_w3c_round_trip_recreates_the_same_spans(tmp_path, seed_path, seed_ws, seeded, data):
    out = tmp_path / "claims.jsonld"
    out.write_text(render_w3c(data), encoding="utf-8")
    before = [
        _claim_tuple(c) + (c.source_kind, c.source_start, c.source_end) for c in seed_ws.claims.for_article(1)
    ]
    with Workspace.open(tmp_path / "other.db") as other:
        import_paths(other, [seed_path])
        report = import_paths(other, [out])
        assert report.ok, report.failed
        after = [
            _claim_tuple(c) + (c.source_kind, c.source_start, c.source_end)
            for c in other.claims.for_article(1)
        ]
        assert after == before
        # importing again adds nothing
        import_paths(other, [out])
        assert other.claims.count(1) == len(before)
        # the desk's review marks stay with the desk that made them (issue 10): none is imported
        reviewed = {c.text: c for c in other.claims.for_article(1)}
        assert reviewed[seed_ws.claims.get(seeded.claims["sites"]).text].review is Review.NONE
        assert any("desk review mark" in note for note in report.notes)


def test_w3c_import_re_anchors_on_an_edited_copy(tmp_path, seed_ws, data):
    """The annotation's position is stale (text added before it): the quote and its context place it."""
    text = seed_ws.articles.get(1).text
    out = tmp_path / "claims.json"
    out.write_text(render_w3c(data), encoding="utf-8")
    with Workspace.open(tmp_path / "edited.db") as other:
        # same title, so the target is found by title; the text moved by 30 characters
        added = other.articles.add(
            ImportItem(
                "UPDATE: corrected troop count.\n" + text, ArticleMeta(title=seed_ws.articles.get(1).title)
            )
        )
        result = import_annotations(other, out)
        assert not result.unplaced
        new_text = other.articles.get(added.article_id).text
        for claim in other.claims.for_article(added.article_id):
            assert new_text[claim.start : claim.end] == claim.text
        assert [c.start for c in other.claims.for_article(added.article_id)] == [
            c.start + 31 for c in seed_ws.claims.for_article(1)
        ]


def test_w3c_import_without_the_article_is_a_clear_problem(tmp_path, data):
    out = tmp_path / "claims.json"
    out.write_text(render_w3c(data), encoding="utf-8")
    with Workspace.open(tmp_path / "empty.db") as other:
        report = import_paths(other, [out])
    assert len(report.failed) == 1
    assert "import the article first" in report.failed[0].reason


def test_w3c_parser_reads_a_hypothesis_style_annotation():
    anno = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "check this", "purpose": "describing"},
        "target": {
            "source": "https://example.org/story",
            "selector": [
                {"type": "TextPositionSelector", "start": 4, "end": 9},
                {"type": "TextQuoteSelector", "exact": "quick", "prefix": "The ", "suffix": " brown"},
            ],
        },
    }
    (parsed,) = parse_annotations(json.dumps(anno))
    assert (parsed.exact, parsed.start, parsed.end, parsed.summary) == ("quick", 4, 9, "check this")
    assert parsed.target.url == "https://example.org/story"
    with pytest.raises(AnnotationError):
        parse_annotations('{"type": "Something"}')
    with pytest.raises(AnnotationError):
        parse_annotations("not json")


def test_w3c_has_both_selectors(data):
    collection = json.loads(render_w3c(data))
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 6
    for item in items:
        kinds = {s["type"] for s in item["target"]["selector"]}
        assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
        purposes = {b["purpose"] for b in item["body"]}
        assert purposes == {"describing", "assessing", "classifying"}


def test_markdown_report(data, seeded):
    text = render_markdown(data)
    assert "## Sourcing" in text
    assert "**Signed off** by desk" in text
    assert "in conflict with 1 source" in text
    assert md("<b>*x*</b>") == "&lt;b>\\*x\\*&lt;/b>"


# --- HTML ----------------------------------------------------------------------------------------

PLANTED = (
    'Officials said <script>alert("x")</script> the army had <img src=x onerror=alert(1)> 3,000 troops.\n\n'
    "A second paragraph </div><SCRIPT SRC=https://evil.example/x.js></SCRIPT> ends here."
)


def test_html_escapes_a_planted_script(tmp_path):
    ws = Workspace.memory()
    try:
        article_id = ws.articles.add(
            ImportItem(
                PLANTED, ArticleMeta(title='<script>alert("title")</script>', url="javascript:alert(1)")
            )
        ).article_id
        start = PLANTED.index("<script>")
        end = PLANTED.index("3,000 troops") + len("3,000 troops")
        claim = ws.claims.add(
            article_id, start, end,
            summary="<script>alert(2)</script>",
            attribution=Attribution(source="<b>Officials</b>", kind=SourceKind.ANONYMOUS),
        )  # fmt: skip
        ws.notes.add(claim.id, url="javascript:alert(3)", quote="<script>q</script>", body="<i>n</i>")
        html = render_html(load_report_data(ws, article_id))
    finally:
        ws.close()
    assert "<script" not in html.lower()
    assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<b>Officials</b>" not in html
    assert 'http-equiv="Content-Security-Policy"' in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert "default-src 'none'" in unescape(csp)
    assert "script-src" not in unescape(csp)  # falls back to 'none'
    # nothing loaded from anywhere: no external src, stylesheet or font
    assert not re.search(r"""\ssrc=["']?(https?:|//)""", html)
    assert "<link" not in html.lower()
    assert "@import" not in html and "url(" not in html


def test_html_report_holds_everything(data, seeded):
    html = render_html(data)
    assert html.count('<tr id="claim-') == 6
    assert "<svg" in html and "Claims by kind of source" in html
    assert "State Department readout confirms the call" in html
    assert "US troop numbers in Iraq" in html  # the match's article
    assert "Signed off by desk" in html
    assert "too vague" in html
    assert "Needs attention (4)" in html
    assert "History" in html


def test_claimreview_leaves_out_the_claim_date_when_the_article_has_none(seeded, data):
    """QA: itemReviewed.datePublished was the export date for an article without a date."""
    from workbench.reports.claimreview import claimreview_warnings

    undated = replace(data.articles[0], article=replace(data.articles[0].article, date=""))
    data = replace(
        data, articles=[undated, *data.articles[1:]], organisation_url="https://desk.example/checks"
    )
    reviews = json.loads(render_claimreview(data))
    assert reviews and all("datePublished" not in r["itemReviewed"] for r in reviews)
    assert all(check_claimreview(r) == [] for r in reviews)  # recommended, not required
    assert any("no ISO 8601 date" in n for n in claimreview_warnings(data))


def test_html_underlines_source_phrases_as_its_legend_says(seed_ws, seeded, data):
    """QA: the legend promised underlined source phrases; none were."""
    html = render_html(data)
    claims = [c for r in data.articles for c in r.claims if c.source_start is not None and c.source_end]
    text = data.articles[0].article.text
    underlined = {unescape(m) for m in re.findall(r'<u class="src">(.*?)</u>', html)}
    assert claims and "are <u" in html and "underlined" in html
    for c in claims:
        assert text[c.source_start : c.source_end] in " ".join(underlined), c.source
    assert '<u class="src">' in render_html(data, flavour="qt")  # the PDF too


def test_chart_legend_wraps_instead_of_running_off_the_edge():
    """QA: "Agency's own voice 5…" was cut off at the right edge of the strip's legend."""
    from workbench.reports.chart import LEGEND_CHAR_W, Bar, SourcingChart, render_svg

    labels = ["Named person 33%", "Institution 5%", "Document 10%", "Anonymous 14%", "Agency's own voice 5%"]
    strip = tuple(Bar(label.rsplit(" ", 1)[0], 10, "#888", label.rsplit(" ", 1)[1]) for label in labels)
    svg = render_svg(
        SourcingChart(bars=(), strip=(*strip, Bar("No claim", 10, "#eee", "33%")), strip_total=60)
    )
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    legend = re.findall(r'<text x="(\d+)" y="(\d+)">([^<]+ \d+%)</text>', svg)
    assert len(legend) == 6 and len({y for _, y, _ in legend}) >= 2  # wrapped onto a second line
    for x, _, label in legend:
        assert int(x) + LEGEND_CHAR_W * len(unescape(label)) <= width, label


def test_every_article_starts_on_a_new_page_in_the_pdf_layout(seed_ws, seeded, data, qapp):
    from PySide6.QtGui import QTextBlockFormat, QTextDocument

    second = replace(data.articles[0], article=replace(data.articles[0].article, id=99, title="Second story"))
    several = replace(data, articles=[data.articles[0], second])
    doc = QTextDocument()
    doc.setHtml(render_html(several, flavour="qt"))
    breaks = []
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().pageBreakPolicy() & QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            breaks.append(block.text())
        block = block.next()
    assert breaks == [data.articles[0].article.title, "Second story"]
    assert "page-break-before" not in render_html(data, flavour="qt")  # one article: no blank first page
