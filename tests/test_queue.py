"""The editor's queue: `workbench queue` and the window's Desk queue share db.queries.queue."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from report_seed import seed_claims
from test_gui_helpers import settings

from db import Workspace
from db.flows.importing import import_paths, propose_claims
from db.queries.queue import editor_queue
from db.queries.report_data import load_article_report
from ui.app.main_window import MainWindow
from ui.app.panels.queue_panel import ARTICLE_ROLE, QCol, QueueModel, QueueProxy
from ui.cli.main import main
from workbench.model import Review
from workbench.reports.sourcing import summarise


@pytest.fixture
def desk_ws(seed_ws, tmp_path):
    """The seed article (proposals and hand-made claims, one queried by 'ed'), the other article
    report_seed adds, and a third article signed off (not waiting)."""
    propose_claims(seed_ws, 1)
    seeded = seed_claims(seed_ws)
    seed_ws.articles.set_sign_off(1, "")  # report_seed signs it off: withdrawn, it waits again
    with Workspace.open(seed_ws.path, user="ed") as other:  # a second person on the desk
        other.claims.update(seeded.claims["angry"], review=Review.QUERY, review_comment="Who said it?")
    done = tmp_path / "done.txt"
    done.write_text("Signed and done\n\nThe ministry said 12 people were hurt on Monday.", encoding="utf-8")
    signed = import_paths(seed_ws, [done]).added[0].article_id
    seed_ws.articles.set_sign_off(signed, "chief")
    seed_ws.signed = signed
    seed_ws.seeded = seeded
    return seed_ws


def test_queue_lists_articles_not_signed_off_with_the_one_rule(desk_ws):
    items = {i.article_id: i for i in editor_queue(desk_ws)}
    assert desk_ws.signed not in items
    first = items[1]
    flagged = summarise(load_article_report(desk_ws, 1)).flagged
    assert first.attention == len(flagged) > 0
    assert first.queries == 2  # report_seed queried one, ed another
    assert first.proposals > 0 and first.unverified > 0
    assert {w.user for w in first.workers} >= {"ed"}
    assert first.last_by == "ed"  # the most recent change was ed's query
    assert items[desk_ws.seeded.other_id].claims == 0
    assert list(items)[0] == 1  # most to do first


def test_cli_queue_json_and_text(desk_ws, capsys):
    path = str(desk_ws.path)
    assert main(["queue", "-w", path, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_id = {r["article_id"]: r for r in rows}
    assert set(by_id) == {i.article_id for i in editor_queue(desk_ws)}
    assert by_id[1]["attention"] == len(summarise(load_article_report(desk_ws, 1)).flagged)
    assert by_id[1]["last_by"] == "ed" and by_id[1]["outlet"] == "AFP"
    assert main(["queue", "-w", path]) == 0
    out = capsys.readouterr().out
    assert "Enraged by near-daily attacks" in out and "ed" in out


def test_queue_models_pass_the_model_tester(desk_ws, qtmodeltester):
    model = QueueModel()
    model.set_items(editor_queue(desk_ws))
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    proxy = QueueProxy()
    proxy.setSourceModel(model)
    proxy.sort(QCol.CLAIMS, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy, force_py=True)
    claims = [proxy.index(r, QCol.CLAIMS).data(Qt.ItemDataRole.UserRole + 1) for r in range(proxy.rowCount())]
    assert claims == sorted(claims) and claims[-1] > 10  # numbers sort as numbers


def test_desk_queue_window_sorts_and_opens_an_article_on_enter(desk_ws, tmp_path, qtbot):
    win = MainWindow(desk_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    other = desk_ws.seeded.other_id
    win.open_article(1)
    win.act["desk.queue"].trigger()  # Tools → Desk queue (Ctrl+Shift+Q)
    dialog = win.desk_queue.dialog()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=20000)  # read on a pool thread
    assert dialog.isVisible() and dialog.proxy.rowCount() == 2
    assert "2 articles waiting" in dialog.status.text()
    assert "need attention" in dialog.summary.text()  # the selected story's sourcing summary
    dialog.table.sortByColumn(QCol.CLAIMS, Qt.SortOrder.AscendingOrder)
    assert dialog.proxy.index(0, 0).data(ARTICLE_ROLE) == other
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert win.current_article_id() == other
    assert dialog.isVisible()  # Enter opened the article, it did not close the queue
    # an edit in the main window shows in the open queue
    desk_ws.articles.set_sign_off(other, "chief")
    win.after_sign_off()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=20000)
    assert dialog.proxy.rowCount() == 1
