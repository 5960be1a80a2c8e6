"""The Worth column, the Weak toggle and the threshold setting in the app (issue 17)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from db.queries.claim_rows import ClaimRow
from ui.app.main_window import MainWindow
from ui.app.panels.claim_columns import ClaimFilter, Col, row_is_weak
from ui.app.panels.claims_model import ClaimsModel, ClaimsProxy
from workbench.extraction.lexicon.worth_rules import NUMBER_WITH_UNIT
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.model import Origin


@pytest.fixture
def proposed_ws(seed_ws):
    propose_claims(seed_ws, 1)
    return seed_ws


def shown_ids(model: ClaimsModel) -> list[int]:
    return [model.claim_id(r) for r in range(model.rowCount())]


def test_weak_proposals_are_hidden_by_default_and_shown_on_request(qtmodeltester, proposed_ws):
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    weak = [r[ClaimRow.ID] for r in model.rows() if row_is_weak(r)]
    assert weak and model.weak_count() == len(weak)
    assert not set(weak) & set(shown_ids(model))
    model.set_filter(ClaimFilter(show_weak=True))
    assert set(weak) <= set(shown_ids(model)) and model.rowCount() == model.total()
    qtmodeltester.check(model, force_py=True)
    model.set_filter(ClaimFilter(threshold=0))  # a threshold of 0: nothing is weak
    assert model.rowCount() == model.total() and model.weak_count() == 0


def test_a_weak_proposal_someone_accepts_is_shown(proposed_ws):
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    weak = next(r[ClaimRow.ID] for r in model.rows() if row_is_weak(r))
    proposed_ws.claims.update(weak, origin=Origin.ACCEPTED)
    model.reload()
    assert weak in shown_ids(model)


def test_worth_column_shows_the_score_and_the_tooltip_its_reasons(proposed_ws):
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    model.set_filter(ClaimFilter(show_weak=True))
    for row in range(model.rowCount()):
        t = model.row_tuple(row)
        assert model.index(row, Col.WORTH).data() == str(t[ClaimRow.WORTH])
        tip = model.index(row, Col.SUMMARY).data(Qt.ItemDataRole.ToolTipRole)
        assert f"<b>Worth {t[ClaimRow.WORTH]}</b>" in tip
        assert ("weak: below" in tip) == row_is_weak(t)
    troops = next(r for r in range(model.rowCount()) if "3,000 troops" in model.row_tuple(r)[ClaimRow.TEXT])
    assert f"+{NUMBER_WITH_UNIT} a number with a unit" in model.index(troops, Col.TEXT).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.headerData(Col.WORTH, Qt.Orientation.Horizontal) == "Worth"


def test_sorting_by_worth_puts_the_worthiest_first_within_each_article(proposed_ws):
    from workbench.model import ArticleMeta, ImportItem

    second = proposed_ws.articles.add(
        ImportItem(
            "The army sent 3,000 troops to the border.\n\nWhat a lovely day it was, folks, truly!",
            ArticleMeta(title="Second"),
        )
    ).article_id
    propose_claims(proposed_ws, second)
    model = ClaimsModel(proposed_ws)
    model.show_all()
    model.set_filter(ClaimFilter(show_weak=True))
    proxy = ClaimsProxy()
    proxy.setSourceModel(model)
    proxy.sort(Col.WORTH, Qt.SortOrder.DescendingOrder)
    rows = [model.row_tuple(r) for r in range(model.rowCount())]
    articles = [r[ClaimRow.ARTICLE_ID] for r in rows]
    assert articles == sorted(articles)  # article by article
    for article_id in set(articles):
        worths = [r[ClaimRow.WORTH] for r in rows if r[ClaimRow.ARTICLE_ID] == article_id]
        assert worths == sorted(worths, reverse=True)


def test_window_opens_best_first_with_the_weak_toggle_and_threshold(qtbot, proposed_ws, tmp_path):
    s = settings(tmp_path)
    s.worth_threshold = 60
    win = MainWindow(proposed_ws, s)
    qtbot.addWidget(win)
    win.open_article(1)
    claims = win.claims
    assert claims.worth_threshold == 60
    header = claims.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        Col.WORTH,
        Qt.SortOrder.DescendingOrder,
    )
    assert not claims.table.isColumnHidden(Col.WORTH)
    worths = [int(claims.proxy.index(r, Col.WORTH).data()) for r in range(claims.proxy.rowCount())]
    assert worths == sorted(worths, reverse=True) and min(worths) >= 60
    weak = win.claims_model.weak_count()
    assert weak and claims.show_weak.text() == f"Weak ({weak})"
    shown = claims.proxy.rowCount()
    win.window_actions.act["view.show_weak"].trigger()  # View ▸ Show weak proposals
    assert claims.show_weak.isChecked() and claims.proxy.rowCount() == shown + weak
    claims.set_worth_threshold(DEFAULT_THRESHOLD)
    assert "below 50" in claims.show_weak.toolTip()
    # the Claim tab shows the worth and its reasons
    claims.select_row(0)
    text = win.detail.claim_tab.worth.text()
    assert text.splitlines()[0].endswith("worth checking") and len(text.splitlines()) > 1
    # the toggle outlives the session
    win.window_layout.save()
    assert s.show_weak is True


def test_preferences_set_the_threshold(qtbot, proposed_ws, tmp_path, monkeypatch):
    from ui.app import actions as actions_module

    s = settings(tmp_path)
    win = MainWindow(proposed_ws, s)
    qtbot.addWidget(win)
    win.open_article(1)

    def accept(dialog):
        dialog.threshold.setValue(0)
        return True

    monkeypatch.setattr(actions_module.PreferencesDialog, "exec", accept)
    win.window_actions.preferences()
    assert s.worth_threshold == 0 and win.claims.worth_threshold == 0
    assert win.claims.proxy.rowCount() == win.claims_model.total()


def test_settings_threshold_is_clamped_and_survives_nonsense(tmp_path):
    s = settings(tmp_path)
    assert s.worth_threshold == DEFAULT_THRESHOLD
    s.worth_threshold = 250
    assert s.worth_threshold == 100
    s.q.setValue("claims/worth_threshold", "lots")
    assert s.worth_threshold == DEFAULT_THRESHOLD


def test_the_article_text_highlights_weak_proposals_only_when_they_are_shown(qtbot, proposed_ws, tmp_path):
    win = MainWindow(proposed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.open_article(1)
    weak = {r[ClaimRow.ID] for r in win.claims_model.rows() if row_is_weak(r)}
    highlighted = {r[ClaimRow.ID] for r in win.article_view.text._rows}
    assert weak and not weak & highlighted
    win.claims.show_weak.setChecked(True)
    assert weak <= {r[ClaimRow.ID] for r in win.article_view.text._rows}
