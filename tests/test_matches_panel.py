"""ui/app/panels/matches_panel.py: the Matches model and panel (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.app.panels.matches_model import Col, MatchesModel
from ui.app.panels.matches_panel import MatchesPanel
from workbench.model import ArticleMeta, ImportItem, ItemKind, LinkKind

CONFLICTING = (
    "The Pentagon said on Monday that the US has about 5,200 troops in Iraq, based in three bases across "
    "the country.\n\nMike Pompeo called Iraqi President Barham Saleh on Thursday, an aide said."
)


def _setup(ws) -> tuple[int, int, int]:
    text = ws.articles.get(1).text
    claims = []
    for phrase in (
        "around 3,000 troops based in three bases across the country",
        "Mike Pompeo called Iraqi President",
    ):
        start = text.index(phrase)
        claims.append(ws.claims.add(1, start, start + len(phrase)).id)
    other = ws.articles.add(
        ImportItem(CONFLICTING, ArticleMeta(title="Pentagon", publisher="Daily"))
    ).article_id
    return claims[0], claims[1], other


def test_model_passes_the_qt_model_tester(qtmodeltester, seed_ws):
    troops, _, _ = _setup(seed_ws)
    model = MatchesModel()
    model.set_matches(seed_ws.matches.match_claim(troops))
    assert model.rowCount() == 1
    assert model.data(model.index(0, Col.RELATION)) == "Conflict"
    assert model.data(model.index(0, Col.SOURCE)) == "Daily"
    assert "Conflicts: around 3,000 troops ≠ about 5,200 troops" in model.data(
        model.index(0, Col.TEXT), Qt.ItemDataRole.ToolTipRole
    )
    qtmodeltester.check(model)


def test_panel_shows_claim_and_match_side_by_side(qtbot, seed_ws):
    troops, _, other = _setup(seed_ws)
    seed_ws.matches.match_claim(troops)
    panel = MatchesPanel(seed_ws)
    qtbot.addWidget(panel)
    panel.set_claim(troops)
    assert panel.model.rowCount() == 1
    assert panel.summary.text() == "0 independent sources corroborate · 1 conflicting (Daily)"
    assert panel.table.isColumnHidden(Col.VERDICT)  # no stored fact check among the matches
    assert "around 3,000 troops" in panel.claim_view.toPlainText()
    assert panel.match_view.toPlainText() == CONFLICTING
    (highlight,) = panel.match_view.extraSelections()
    assert highlight.cursor.selectedText().startswith("The Pentagon said on Monday")
    with qtbot.waitSignal(panel.open_article_requested) as blocker:
        panel.open_button.click()
    assert blocker.args[0] == other


def test_link_buttons_are_undoable(qtbot, seed_ws):
    troops, _, _ = _setup(seed_ws)
    seed_ws.matches.match_claim(troops)
    panel = MatchesPanel(seed_ws)
    qtbot.addWidget(panel)
    panel.set_claim(troops)
    with qtbot.waitSignal(panel.matches_changed):
        panel.link_buttons[LinkKind.CORROBORATES].click()
    assert seed_ws.matches.for_claim(troops)[0].link is LinkKind.CORROBORATES
    assert "1 independent source corroborate" in panel.summary.text()
    panel.undo_stack.undo()
    assert seed_ws.matches.for_claim(troops)[0].link is None
    panel.undo_stack.redo()
    assert seed_ws.matches.for_claim(troops)[0].link is LinkKind.CORROBORATES


def test_find_matches_button(qtbot, seed_ws):
    _, pompeo, other = _setup(seed_ws)
    panel = MatchesPanel(seed_ws)
    qtbot.addWidget(panel)
    panel.set_claim(pompeo)
    assert panel.model.rowCount() == 0
    panel.find_button.click()
    assert panel.model.rowCount() == 1
    assert panel.current_match().result.article_id == other


def test_a_claim_too_short_to_match_well_says_so_above_the_summary(qtbot, seed_ws):
    text = seed_ws.articles.get(1).text
    start = text.index("Mike Pompeo")
    short = seed_ws.claims.add(1, start, start + len("Mike Pompeo")).id
    panel = MatchesPanel(seed_ws)
    qtbot.addWidget(panel)
    panel.set_claim(short)
    first, rest = panel.summary.text().split("\n", 1)
    assert first.startswith("Too short to match well (2 content words: only mike, pompeo)")
    assert rest == "No stored matches yet: Find matches searches every other stored text."
    assert panel.summary.textFormat() == Qt.TextFormat.PlainText
    _, pompeo, _ = _setup(seed_ws)
    panel.set_claim(pompeo)
    assert "Too short" not in panel.summary.text()


def test_match_all_claims_runs_in_the_background(qtbot, seed_ws):
    troops, pompeo, _ = _setup(seed_ws)
    panel = MatchesPanel(seed_ws)
    qtbot.addWidget(panel)
    panel.set_article(1)
    panel.set_claim(troops)
    with qtbot.waitSignal(panel.matches_changed, timeout=10_000) as blocker:
        panel.match_all_claims()
        assert panel.is_running() and not panel.match_all_button.isEnabled()
    assert set(blocker.args[0]) == {troops, pompeo}
    assert not panel.is_running()
    assert "2 claims matched: 2 matches kept, 1 conflicting" in panel.summary.text()
    assert panel.model.rowCount() == 1
    assert len(seed_ws.matches.for_claim(pompeo)) == 1


def test_claims_table_counts_independent_sources_and_a_persons_link(seed_ws):
    from ui.app.panels.claim_columns import Col as ClaimCol
    from ui.app.panels.claim_columns import row_attention
    from ui.app.panels.claims_model import ClaimsModel

    troops, _, _ = _setup(seed_ws)
    (match,) = seed_ws.matches.match_claim(troops)
    model = ClaimsModel(seed_ws)
    model.show_article(1)
    row = model.row_of(troops)
    assert model.index(row, ClaimCol.MATCHES).data() == "1 ✕"
    assert "in conflict with 1 source" in row_attention(model.row_tuple(row)).reasons
    seed_ws.matches.set_link(match.id, LinkKind.CORROBORATES)  # a person overrules the numbers
    model.update_claims([troops])
    assert model.index(row, ClaimCol.MATCHES).data() == "1"
    assert not any("conflict" in r for r in row_attention(model.row_tuple(row)).reasons)


def _article_with_copy(ws, tmp_path) -> int:
    """A republished copy of the seed (no date of its own), a fact check, and a claim of the seed's
    late paragraph ("If the US really closes its embassy...")."""
    from db.flows.importing import import_paths

    copy = tmp_path / "copy.txt"
    copy.write_text(
        "US threatens to close Baghdad embassy\n\nBAGHDAD (The Straits Times) - " + ws.articles.get(1).text,
        encoding="utf-8",
    )
    import_paths(ws, [copy])
    ws.articles.add(
        ImportItem(
            "Mike Pompeo called Barham Saleh and threatened to close the US embassy in Baghdad.",
            ArticleMeta(
                title="Pompeo ultimatum to Iraq", publisher="CheckDesk", verdict="False", date="2020-09-30"
            ),
            kind=ItemKind.STATEMENT,
        )
    )
    text = ws.articles.get(1).text
    phrase = "Mike Pompeo called Iraqi President Barham Saleh last week"
    return ws.claims.add(1, text.index(phrase), text.index(phrase) + len(phrase)).id


def test_panel_shows_verdict_copies_dates_and_links(qtbot, seed_ws, tmp_path):
    claim = _article_with_copy(seed_ws, tmp_path)
    seed_ws.matches.match_claim(claim)
    panel = MatchesPanel(seed_ws)
    qtbot.addWidget(panel)
    panel.set_claim(claim)
    model = panel.model
    rows = {model.data(model.index(r, Col.RELATION)): r for r in range(model.rowCount())}
    # the fact check says the claim is False: a conflict, never a corroboration
    assert set(rows) == {"Copy of this story", "Conflict"}
    copy, check = rows["Copy of this story"], rows["Conflict"]
    assert check < copy  # copies of the claim's own story are listed after what counts
    assert model.data(model.index(check, Col.VERDICT)) == "False"
    assert not panel.table.isColumnHidden(Col.VERDICT)
    assert model.data(model.index(check, Col.DATE)) == "2020-09-30"
    assert model.data(model.index(copy, Col.DATE)).startswith("imported ")  # no date in the copy
    assert model.data(model.index(copy, Col.LINK)) == "Not reviewed"
    summary = panel.summary.text()
    assert summary.startswith("0 independent sources corroborate · 1 conflicting (CheckDesk)")
    assert "1 copy of this story (not counted)" in summary and " ," not in summary
    panel.table.selectRow(check)
    assert (
        panel.verdict_label.isVisibleTo(panel)
        and "Fact-checked: False — CheckDesk" in panel.verdict_label.text()
    )
    panel.table.selectRow(copy)
    assert not panel.verdict_label.isVisibleTo(panel)
    assert "copy of this story" in panel.match_title.text()


def test_article_date_falls_back_to_the_dateline_then_the_import_day():
    from ui.app.panels.matches_model import article_date
    from workbench.model import Article

    assert article_date(Article(1, "t", "x", date="2024-05-02T10:00"))[0] == "2024-05-02"
    assert article_date(Article(1, "t", "BAGHDAD, Sept 29 (Reuters) - The US..."))[0] == "Sept 29"
    assert article_date(Article(1, "t", "Text.", imported_at="2026-11-25T14:07"))[0] == "imported 2026-11-25"


def _span_visible(view) -> bool:
    from PySide6.QtGui import QTextCursor

    start, end = view.span()
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    top = view.cursorRect(cursor)
    cursor.setPosition(end)
    bottom = view.cursorRect(cursor)
    return view.viewport().rect().contains(top) and view.viewport().rect().contains(bottom)


def test_both_panes_scroll_to_the_highlighted_sentences(qtbot, seed_ws, tmp_path):
    """Dogfood: the panes opened at the top of each article, not at the matched sentence."""
    text = seed_ws.articles.get(1).text
    phrase = "If the US really closes its embassy"
    claim = seed_ws.claims.add(1, text.index(phrase), text.index(phrase) + len(phrase)).id
    seed_ws.articles.add(
        ImportItem(text.replace("Agence France-Presse", "AFP") + "\n\nEnd.", ArticleMeta(title="c"))
    )
    seed_ws.matches.match_claim(claim)
    panel = MatchesPanel(seed_ws)
    qtbot.addWidget(panel)
    panel.set_claim(claim)  # before the panel is shown or has a size, as when its tab is hidden
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    for view in (panel.claim_view, panel.match_view):
        qtbot.waitUntil(lambda view=view: _span_visible(view))
        assert view.verticalScrollBar().value() > 0
    (highlight,) = panel.claim_view.extraSelections()
    assert highlight.cursor.selectedText() == phrase
