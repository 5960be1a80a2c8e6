"""A workspace with 100,000 claims opens, scopes and filters (speed figures: benchmarks/gui.py)."""

from __future__ import annotations

from test_gui_helpers import settings

from db import Workspace
from db.claim_rows import generate_claims
from ui.main_window import MainWindow


def test_100k_claim_workspace_opens_and_filters(tmp_path, qtbot):
    path = tmp_path / "big.db"
    ws = Workspace.open(path)
    generate_claims(ws, 100_000, articles=500)
    assert ws.claims.count() == 100_000
    win = MainWindow(ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.current_article_id() is not None
    assert win.claims_model.rowCount() == 200  # one article's claims by default
    win.set_all_articles(True)
    assert win.claims_model.rowCount() == 100_000
    win.claims.filter_box.setText("ceasefire")
    win.claims.apply_filter()
    shown = win.claims.proxy.rowCount()
    assert 0 < shown < 100_000
    win.claims.select_row(shown - 1)
    claim_id = win.current_claim_id()
    assert win.ws.claims.get(claim_id).article_id == win.current_article_id()
    win.close()
    ws.close()
