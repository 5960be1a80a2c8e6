"""One needs-attention rule (workbench.reports.attention): the window's count, the table's ⚑
filter, the Sourcing tab's list, the reports and the sign-off question agree on the seed."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from report_seed import seed_claims
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from db.queries.report_data import load_article_report, load_report_data, open_questions
from ui.app.main_window import MainWindow
from ui.app.panels.claims_model import CLAIM_ID_ROLE
from workbench.model import Review
from workbench.reports.html import render_html
from workbench.reports.sourcing import summarise


@pytest.fixture
def desk_ws(seed_ws):
    """The seed article with the engine's proposals and the hand-made claims of report_seed, one
    queried with a comment and one that lost its place in the text (both flagged by the rule)."""
    propose_claims(seed_ws, 1)
    seeded = seed_claims(seed_ws)
    seed_ws.claims.update(seeded.claims["mamouri"], review=Review.QUERY, review_comment="Which date?")
    seed_ws.db.execute("UPDATE claims SET orphan = 1 WHERE id = ?", [seeded.claims["ultimatum"]])
    return seed_ws


def test_window_sourcing_tab_and_report_count_the_same_claims(desk_ws, tmp_path, qtbot):
    report = load_article_report(desk_ws, 1)
    flagged = {cid for cid, _ in summarise(report).flagged}
    assert len(flagged) >= 5  # the proposals and hand-made claims give the rule work to do
    win = MainWindow(desk_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.open_article(1)
    # the count the window shows in its status bar
    assert win.claims.attention_count.text() == f"⚑ {len(flagged)} claims need attention"
    assert win.claims.attention_count.isVisible()
    # the table's ⚑ filter
    win.act["view.attention"].trigger()
    proxy = win.claims.proxy
    shown = {proxy.index(r, 0).data(CLAIM_ID_ROLE) for r in range(proxy.rowCount())}
    assert shown == flagged
    # the Sourcing tab: its heading and its list
    panel = win.sourcing_panel
    panel.refresh()
    listed = {
        panel.attention.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        for i in range(panel.attention.topLevelItemCount())
    }
    assert listed == flagged
    assert re.match(rf"<b>Needs attention \({len(flagged)}\)</b>", panel.attention_label.text())
    # the sign-off question and the HTML report
    assert open_questions(desk_ws, 1).attention == len(flagged)
    assert f"<h3>Needs attention ({len(flagged)})</h3>" in render_html(load_report_data(desk_ws, 1))
    # a stricter worth threshold (Preferences) leaves more weak proposals out of every count alike
    win.settings.worth_threshold = 75
    win.claims.set_worth_threshold(75)
    win.changed.emit()
    strict = {cid for cid, _ in summarise(load_article_report(desk_ws, 1, threshold=75)).flagged}
    assert strict < flagged
    assert win.claims.attention_count.text() == f"⚑ {len(strict)} claims need attention"
    assert win.claims.proxy.rowCount() == len(strict)
    assert panel.attention.topLevelItemCount() == len(strict)


def test_the_table_sees_what_the_reports_see(desk_ws):
    """Every claim's reasons in the table (its row) equal the report's (notes and matches)."""
    from db.queries.claim_rows import article_rows
    from ui.app.panels.claim_columns import row_attention
    from workbench.reports.facts import claim_facts

    report = load_article_report(desk_ws, 1, threshold=None)
    by_report = {f.claim.id: f.attention for f in claim_facts(report)}
    by_row = {r[0]: row_attention(r).reasons for r in article_rows(desk_ws, 1)}
    assert by_row == {cid: by_report.get(cid, ()) for cid in by_row}


def test_the_cli_flags_the_claims_the_window_flags(desk_ws, capsys):
    import json

    from db.queries.queue import editor_queue
    from ui.cli.main import main

    flagged = {cid for cid, _ in summarise(load_article_report(desk_ws, 1)).flagged}
    every = {cid for cid, _ in summarise(load_article_report(desk_ws, 1, threshold=None)).flagged}
    assert main(["show", "1", "-w", str(desk_ws.path), "--json"]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    # show lists weak proposals too (the counts leave them out): the rule flags them the same way
    assert {c["id"] for c in claims if c["needs_attention"]} == every >= flagged
    desk_ws.articles.set_sign_off(1, "")  # report_seed signs it off; the queue lists waiting ones
    assert next(i for i in editor_queue(desk_ws) if i.article_id == 1).attention == len(flagged)
