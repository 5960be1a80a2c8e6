"""PDF pages with no loose ends (issue 14 item 4): no table row cut by a page break, header rows
repeated, no heading left at the foot of a page, the History read as text, no doubled quote."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from report_seed import seed_claims

from db.queries.report_data import load_report_data
from ui.export.pagination import _first_crossing, _stranded_heading, split_table, tables
from ui.export.pdf import write_pdf
from workbench.reports.facts import quoted
from workbench.reports.html import render_html


@pytest.fixture
def data(seed_ws):
    from db.flows.importing import propose_claims

    propose_claims(seed_ws, 1)
    seed_claims(seed_ws, 1)
    seed_ws.notes.add(seed_ws.claims.for_article(1)[0].id, body='A note with "quotes" and {"json": 1}')
    return load_report_data(seed_ws, 1, organisation="Desk Checks")


def test_the_pdf_keeps_rows_whole_and_repeats_headers(data, tmp_path, monkeypatch):
    import ui.export.pdf as pdf

    seen = {}
    real = pdf.paginate

    def spy(make, html, height, *rest):
        doc = real(make, html, height, *rest)
        seen["doc"], seen["height"] = doc, height
        return doc

    monkeypatch.setattr(pdf, "paginate", spy)
    pages = write_pdf(data, tmp_path / "r.pdf")
    doc, height = seen["doc"], seen["height"]
    assert pages >= 5 and doc.pageCount() == pages
    assert _first_crossing(doc, height) is None
    assert _stranded_heading(doc, height) is None
    headed = [t for t in tables(doc) if t.format().headerRowCount() == 1]
    assert len(headed) >= 5  # needs attention, anonymous, sources, claims, history (and their parts)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert "History (" in text and "Claims" in text
        assert '{"body"' not in text and "create note" not in text  # the History reads as text
        assert "Note added: A note with" in text
        assert "““" not in text and '“"' not in text


def test_the_unsplit_layout_did_cut_rows(data, tmp_path):
    """The check can fail: laid out without the moves, some row of the seed report crosses a page."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from ui.export.pdf import ensure_gui_app

    ensure_gui_app()
    doc = QTextDocument()
    doc.setHtml(render_html(data, flavour="qt"))
    doc.setPageSize(QSizeF(500, 400))
    assert _first_crossing(doc, 400) is not None


def test_split_table_repeats_the_header_and_breaks_the_page():
    html = '<p>x</p><table class="grid"><thead><tr><th>A</th></tr></thead><tr><td>1</td></tr><tr><td>2</td></tr></table>'
    out = split_table(html, 0, 2)
    assert out.count("<thead>") == 2 and out.count("<table") == 2
    assert '<table class="grid" style="page-break-before: always"><thead>' in out
    assert out.index("<td>1</td>") < out.index("</table>") < out.index("<td>2</td>")
    assert split_table(html, 0, 0).count("<table") == 1  # row 0: the whole table moves


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\"The Americans aren't just angry", "“The Americans aren't just angry”"),
        ('"No," he said"', '“No," he said”'),
        ("plain words", "“plain words”"),
        ("“already curly”", "“already curly”"),
    ],
)
def test_quoted_adds_one_pair_of_quotes(text, shown):
    assert quoted(text) == shown


def test_the_html_claims_table_has_no_doubled_quote(data):
    from dataclasses import replace

    first = data.articles[0]
    claims = (replace(first.claims[0], text="\"The Americans aren't just angry"), *first.claims[1:])
    report = replace(data, articles=(replace(first, claims=claims),))
    html = render_html(report)
    assert "“&quot;The Americans" not in html and "““" not in html
    assert "“The Americans aren&#x27;t just angry”" in html


def test_every_article_is_laid_out_on_its_own_then_checked_once_whole(seed_ws, qapp):
    """Every article to PDF took a layout of the whole report per row moved (27 s for a desk's
    articles; it grew with the square of their number). Each article starts a page, so each is
    paginated alone; the whole report is laid out twice (the check, the result), and no row
    crosses a page nor a heading is left behind."""
    from pathlib import Path

    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from db.flows.importing import import_paths
    from ui.export.pagination import paginate

    import_paths(seed_ws, [Path(__file__).parent / "data" / "articles"], propose=True)
    data = load_report_data(seed_ws)
    assert len(data.articles) >= 10
    html = render_html(data, flavour="qt")
    whole: list[int] = []

    def make(text: str) -> QTextDocument:
        whole.append(text.count('<div class="article"') == len(data.articles))
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        doc.setPageSize(QSizeF(500, 700))
        return doc

    doc = paginate(make, html, 700)
    assert whole.count(True) == 2, whole
    assert _first_crossing(doc, 700) is None and _stranded_heading(doc, 700) is None
    assert doc.pageCount() >= len(data.articles)


def test_one_pass_moves_every_row_it_can_tell(data, qapp, monkeypatch):
    """One row moved per pass laid a long report out once per page (a 40,000-character article:
    75 pages in 90 s). A pass now moves every row that would cross, judging the rows below each
    move where it puts them (long reports: MANY_PAGES pages and more); no row crosses a page."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    import ui.export.pagination as pagination
    from ui.export.pagination import paginate

    monkeypatch.setattr(pagination, "MANY_PAGES", 1)  # as for a long report
    layouts: list[int] = []

    def make(text: str) -> QTextDocument:
        layouts.append(1)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        doc.setPageSize(QSizeF(500, 400))
        return doc

    doc = paginate(make, render_html(data, flavour="qt"), 400)
    moved = doc.toHtml().count("page-break-before")
    assert moved >= 8  # rows and headings moved to new pages
    assert len(layouts) < moved, (len(layouts), moved)  # one layout a move, and more, before
    assert _first_crossing(doc, 400) is None and _stranded_heading(doc, 400) is None
