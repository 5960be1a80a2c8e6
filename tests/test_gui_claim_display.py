"""What the window shows about a claim: its number, source, origin; triage that judges or rejects.

Regression tests for a new-user dogfood session: stale detail fields, a source picked from the
registry keeping the old phrase, manual claims with a blank source, verdicts on proposals that
stayed "proposed", rejected rows lingering, the status dot lost on a selected row.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon
from test_gui_helpers import select_text, settings

from db.flows.importing import propose_claims
from ui.app.main_window import MainWindow
from ui.app.panels.claim_columns import Col
from ui.app.panels.source_picker import phrase_span
from workbench.model import Origin, Review, SourceKind, Status


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def proposed(qtbot, seed_ws, tmp_path):
    assert propose_claims(seed_ws, 1) > 3
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    return win


def cell(win, claim_id: int, col: Col) -> str:
    return win.claims_model.index(win.claims_model.row_of(claim_id), col).data()


def test_manual_claim_without_source_is_in_the_agencys_voice(window):
    select_text(window, "Iraq has long been caught in a tug-of-war")
    window.act["claim.new"].trigger()
    claim_id = window.current_claim_id()
    # shown the way the proposals name the agency ("AFP"); the article keeps the spelling it had
    assert cell(window, claim_id, Col.SOURCE) == "AFP"
    assert window.ws.articles.get(window.current_article_id()).agency == "AGENCE FRANCE-PRESSE"
    from PySide6.QtWidgets import QLabel

    labels = [label.text() for label in window.findChildren(QLabel)]
    assert any("AFP · BAGHDAD" in text for text in labels)  # the article's header line
    assert not any("AGENCE FRANCE-PRESSE" in text for text in labels)
    assert cell(window, claim_id, Col.SOURCE_KIND) == "Agency"
    tip = window.claims_model.index(window.claims_model.row_of(claim_id), Col.SUMMARY).data(3)
    assert "AFP (Agency (own voice))" in tip
    assert window.detail.claim_tab.source.text().startswith("AFP — Agency (own voice)")
    # and the source-kind filter counts it as the agency's
    window.claims.kind.setCurrentIndex(window.claims.kind.findData("agency"))
    assert window.claims.proxy.rowCount() == 1


def test_detail_panel_header_origin_and_no_stale_values(window):
    select_text(window, "Iraq has long been caught in a tug-of-war")
    window.act["claim.new"].trigger()
    claim_id = window.current_claim_id()
    tab = window.detail.claim_tab
    assert f"Claim #{claim_id}" in tab.heading.text()
    assert tab.origin.text() == f"Added by {window.ws.user}"
    window.claims.table.clearSelection()
    window.claims.table.setCurrentIndex(window.claims.proxy.index(-1, -1))
    assert window.current_claim_id() is None
    assert (tab.kind.currentText(), tab.status.currentText(), tab.summary.text()) == ("", "", "")
    assert tab.source.text() == tab.origin.text() == ""


def test_engine_proposals_say_so(proposed):
    proposed.claims.select_row(0)
    assert proposed.detail.claim_tab.origin.text().startswith("Proposed by the engine")


def test_picking_a_source_replaces_the_old_phrase(proposed):
    win, ws = proposed, proposed.ws
    claim = next(c for c in ws.claims.for_article(1) if c.source_phrase and c.source_start is not None)
    text = ws.articles.get(1).text
    # a source whose name is not in the sentence: no phrase is left underlined
    elsewhere = ws.sources.create("Somebody Else Entirely", SourceKind.NAMED)
    assert win.edits.edit_cell(claim.id, Col.SOURCE, elsewhere)
    after = ws.claims.get(claim.id)
    assert after.source_name == "Somebody Else Entirely"
    assert (after.source_phrase, after.source_start, after.source_end) == ("", None, None)
    assert "“" not in win.detail.claim_tab.source.text() or win.current_claim_id() != claim.id
    # a source named in the sentence: its words become the phrase
    lo = text.rfind("\n", 0, claim.start) + 1
    hi = text.find("\n", claim.end)
    word = next(w for w in ("Washington", "Pompeo", "Iraq", "US") if w in text[lo:hi])
    named = ws.sources.create(word, SourceKind.NAMED)
    assert win.edits.edit_cell(claim.id, Col.SOURCE, named)
    after = ws.claims.get(claim.id)
    assert text[after.source_start : after.source_end] == word == after.source_phrase
    win.undo_stack.undo()
    win.undo_stack.undo()
    back = ws.claims.get(claim.id)
    assert (back.source_phrase, back.source_start) == (claim.source_phrase, claim.source_start)


@pytest.mark.parametrize(
    ("text", "names", "found"),
    [
        ("Peter Kamau said it. Then more.", ["Kamau", "Peter Kamau"], "Peter Kamau"),
        ("The US said it. The USA did not.", ["USA"], None),  # not in the claim's sentence
        ("Officials said it.", ["official"], None),  # whole words only
        ("the kenya red cross said it.", ["Kenya Red Cross"], "kenya red cross"),
    ],
)
def test_phrase_span_looks_in_the_claims_sentence(text, names, found):
    start = text.index("said")
    span = phrase_span(text, start, start + 7, names)
    assert (text[span[0] : span[1]] if span else None) == found


@pytest.mark.parametrize("how", ["key", "cell", "detail", "review"])
def test_judging_a_proposal_accepts_it_in_one_undo_step(proposed, how):
    win, ws = proposed, proposed.ws
    win.claims.select_row(0)
    claim_id = win.current_claim_id()
    assert ws.claims.get(claim_id).origin is Origin.PROPOSED
    depth = win.undo_stack.count()
    if how == "key":
        win.act["status.verified"].trigger()
    elif how == "cell":
        index = win.claims_model.index(win.claims_model.row_of(claim_id), Col.STATUS)
        assert win.claims_model.setData(index, Status.FALSE.value)
    elif how == "detail":
        tab = win.detail.claim_tab
        tab.status.setCurrentIndex(tab.status.findData(Status.MISLEADING.value))
        tab.status.activated.emit(tab.status.currentIndex())
    else:
        win.review_panel.set_review(Review.QUERY)
    claim = ws.claims.get(claim_id)
    assert claim.origin is Origin.ACCEPTED
    assert claim.status is not Status.UNCHECKED or claim.review is Review.QUERY
    assert win.undo_stack.count() == depth + 1
    win.undo_stack.undo()
    claim = ws.claims.get(claim_id)
    assert claim.origin is Origin.PROPOSED
    assert (claim.status, claim.review) == (Status.UNCHECKED, Review.NONE)


def test_unchecked_does_not_accept(proposed):
    win = proposed
    win.claims.select_row(0)
    claim_id = win.current_claim_id()
    win.act["status.in_progress"].trigger()
    assert win.ws.claims.get(claim_id).origin is Origin.ACCEPTED  # in progress is a judgement
    win.undo_stack.undo()
    win.act["status.unchecked"].trigger()  # no change: nothing accepted
    assert win.ws.claims.get(claim_id).origin is Origin.PROPOSED


def test_rejected_row_leaves_the_view_and_the_cursor_moves_on(proposed):
    win = proposed
    total = win.claims.proxy.rowCount()
    win.claims.select_row(1)
    rejected = win.current_claim_id()
    following = win.claims.proxy.claim_id(2)
    win.act["claim.reject"].trigger()
    assert win.ws.claims.get(rejected).origin is Origin.REJECTED
    assert win.claims.proxy.rowCount() == total - 1
    assert win.claims.proxy.proxy_row_of(rejected) is None
    assert win.current_claim_id() == following == win.claims.current_id()
    # the last row: the cursor goes back to the one before
    win.claims.select_row(win.claims.proxy.rowCount() - 1)
    before = win.claims.proxy.claim_id(win.claims.proxy.rowCount() - 2)
    win.act["claim.reject"].trigger()
    assert win.current_claim_id() == before
    # with "Rejected" ticked, rows stay (struck out) and the cursor steps on
    win.claims.show_rejected.setChecked(True)
    shown = win.claims.proxy.rowCount()
    win.claims.select_row(0)
    win.act["claim.reject"].trigger()
    assert win.claims.proxy.rowCount() == shown
    # hiding them again: the three are gone; undo of the third brings its row back
    win.claims.show_rejected.setChecked(False)
    assert win.claims.proxy.rowCount() == total - 3
    win.undo_stack.undo()
    assert win.claims.proxy.rowCount() == total - 2


def test_status_dot_has_its_own_selected_pixmap(proposed):
    model = proposed.claims_model
    icon: QIcon = model.index(0, Col.STATUS).data(1)
    normal = icon.pixmap(12, 12, QIcon.Mode.Normal).toImage()
    selected = icon.pixmap(12, 12, QIcon.Mode.Selected).toImage()
    # the ring: a white pixel on the dot's edge that the normal dot has not
    assert selected.pixelColor(6, 1).lightness() > 200
    assert normal.pixelColor(6, 6) == selected.pixelColor(6, 6)  # same colour inside


def test_evidence_link_uses_an_icon_not_an_emoji(window):
    from ui.app.undo import AddNote

    select_text(window, "Iraq has long been caught in a tug-of-war")
    window.act["claim.new"].trigger()
    claim_id = window.current_claim_id()
    window.undo_stack.push(AddNote(window, claim_id, url="https://example.org/a", quote="x"))
    item = window.detail.notes_tab.list.item(0)
    assert "🔗" not in item.text()
    assert not item.icon().isNull()
