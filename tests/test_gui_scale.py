"""A workspace with 100,000 claims opens, scopes and filters (speed figures: benchmarks/gui.py)."""

from __future__ import annotations

from test_gui_helpers import settings

from db import Workspace
from db.queries.claim_rows import generate_claims
from ui.app.main_window import MainWindow


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
    win.set_all_articles(True)  # read in the background: the window answers meanwhile
    assert win.claims.count.text() == "Loading all claims…"
    assert win.claims_model.rowCount() == 200
    qtbot.waitUntil(lambda: win.claims_model.rowCount() == 100_000, timeout=30_000)
    assert win.claims.count.text() == "100000 claims"
    win.claims.filter_box.setText("ceasefire")
    win.claims.apply_filter()
    shown = win.claims.proxy.rowCount()
    assert 0 < shown < 100_000
    win.claims.select_row(shown - 1)
    claim_id = win.current_claim_id()
    assert win.ws.claims.get(claim_id).article_id == win.current_article_id()
    win.close()
    ws.close()


def test_all_articles_loads_in_the_background_without_losing_edits(tmp_path, qtbot):
    from PySide6.QtCore import QThreadPool

    from ui.app.panels.claim_columns import Col

    ws = Workspace.open(tmp_path / "mid.db")
    generate_claims(ws, 5_000, articles=50)
    win = MainWindow(ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    # switched back before the rows arrive: the late result is dropped
    win.set_all_articles(True)
    win.set_all_articles(False)
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)
    assert not win.claims_model.all_articles and win.claims_model.rowCount() == 100
    # an edit made while the rows are read shows once they arrive
    win.claims.select_row(0)
    claim_id = win.current_claim_id()
    win.set_all_articles(True)
    win.act["status.false"].trigger()
    qtbot.waitUntil(lambda: win.claims_model.rowCount() == 5_000, timeout=30_000)
    row = win.claims_model.row_of(claim_id)
    assert win.claims_model.index(row, Col.STATUS).data() == "False"
    assert win.current_claim_id() == claim_id == win.claims.current_id()
    win.close()
    ws.close()
