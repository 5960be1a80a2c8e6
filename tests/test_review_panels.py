"""The desk editor's GUI: the Sourcing tab, the Desk review tab (through the undo stack) and
File → Export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from report_seed import seed_claims

from db.queries.report_data import load_article_report
from ui.app.main_window import MainWindow
from ui.app.panels.export_dialog import ExportDialog
from ui.app.panels.sourcing_panel import SourcingPanel
from ui.app.settings import Settings
from workbench.model import ClaimKind, Review, Status


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    seeded = seed_claims(seed_ws)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.organisation = "Desk Checks"
    win = MainWindow(seed_ws, settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.open_article(seeded.article_id)
    return win, seeded


def test_sourcing_panel_shows_the_summary(qtbot, seed_ws):
    seeded = seed_claims(seed_ws)
    panel = SourcingPanel(lambda a: load_article_report(seed_ws, a))
    qtbot.addWidget(panel)
    panel.show_article(seeded.article_id)
    assert panel.figure_labels["claims"].text() == "6"
    assert panel.figure_labels["anon_claims"].text() == "67%"
    assert panel.attention.topLevelItemCount() == 4
    assert panel.anonymous.topLevelItemCount() == 4
    names = [panel.anonymous.topLevelItem(i).text(0) for i in range(4)]
    vague = [panel.anonymous.topLevelItem(i).text(2).startswith("Too vague") for i in range(4)]
    assert dict(zip(names, vague, strict=True))["a top Iraqi official"] is False
    assert dict(zip(names, vague, strict=True))["Iraqi sources"] is True
    with qtbot.waitSignal(panel.claim_activated) as blocker:
        panel._activated(panel.attention.topLevelItem(0), 0)
    assert blocker.args[0] == seeded.claims["angry"]
    assert panel.chart.heightForWidth(300) > 100
    panel.show_article(None)
    assert panel.attention.topLevelItemCount() == 0


def test_review_panel_marks_through_undo(window, seed_ws):
    win, seeded = window
    claim_id = seeded.claims["angry"]
    assert win.select_claim(claim_id)
    panel = win.review_panel
    assert panel.claim_id == claim_id
    before = len(seed_ws.audit.entries(claim_id=claim_id))
    panel.comment.setPlainText("Who is the official?")
    panel.query.click()
    claim = seed_ws.claims.get(claim_id)
    assert (claim.review, claim.review_comment, claim.reviewer) == (
        Review.QUERY,
        "Who is the official?",
        seed_ws.user,
    )
    assert panel.history.rowCount() == len(seed_ws.audit.entries(claim_id=claim_id))
    lines = [panel.history.item(r, 2).text() for r in range(3)]
    assert "Desk review: — → Query" in lines
    win.undo_stack.undo()
    claim = seed_ws.claims.get(claim_id)
    assert (claim.review, claim.review_comment) == (Review.NONE, "")
    after = seed_ws.audit.entries(claim_id=claim_id)[before:]
    assert [(e.field, e.new) for e in after if e.field == "review"] == [("review", "query"), ("review", "")]
    # the sourcing tab follows: the query is gone again
    assert not any(
        "queried" in r for cid, rs in win.sourcing_panel.summary.attention if cid == claim_id for r in rs
    )


def test_sign_off_and_undo(window, seed_ws, monkeypatch):
    win, seeded = window
    panel = win.review_panel
    asked: list[str] = []
    monkeypatch.setattr(panel, "ask", lambda title, text, ok: asked.append(text) or True)
    assert panel.article_id == seeded.article_id
    assert seed_ws.articles.sign_off(1)[0] == "desk"  # the fixture signed it off
    panel.toggle_sign_off()  # withdraw
    assert asked[-1].startswith("Already signed off by desk on ")
    assert seed_ws.articles.sign_off(1)[0] == ""
    assert panel.sign_button.text() == "Sign off article"
    panel.sign_comment.setText("Good to go")
    panel.toggle_sign_off()
    assert seed_ws.articles.sign_off(1)[0] == seed_ws.user
    assert seed_ws.articles.sign_off(1)[2] == "Good to go"
    win.undo_stack.undo()
    assert seed_ws.articles.sign_off(1)[0] == ""
    entries = [e for e in seed_ws.audit.entries(article_id=1) if e.action == "sign_off"]
    assert len(entries) == 4  # fixture, withdraw, sign, undo


def test_sign_off_with_open_claims_asks_first(window, seed_ws, monkeypatch):
    from db.queries.report_data import open_questions

    win, _ = window
    panel = win.review_panel
    seed_ws.articles.set_sign_off(1, "", "")
    win.reload_all()
    lines = open_questions(seed_ws, 1).lines()
    assert any("unverified" in line for line in lines)
    assert any("needing attention" in line for line in lines)
    asked: list[str] = []
    monkeypatch.setattr(panel, "ask", lambda title, text, ok: asked.append(text) or False)
    panel.toggle_sign_off()  # the editor says no: nothing signed
    assert seed_ws.articles.sign_off(1)[0] == ""
    assert all(line in asked[0] for line in lines)
    monkeypatch.setattr(panel, "ask", lambda title, text, ok: True)
    panel.toggle_sign_off()
    assert seed_ws.articles.sign_off(1)[0] == seed_ws.user


def test_nothing_open_when_every_claim_is_verified_and_named(fresh_ws):
    from db.queries.report_data import open_questions
    from workbench.model import ArticleMeta, ImportItem, Origin, SourceKind, Status

    fresh_ws.articles.add(ImportItem("The minister said 3 ships sailed.", ArticleMeta(title="T")))
    named = fresh_ws.sources.create("The minister", SourceKind.NAMED)
    claim = fresh_ws.claims.add(1, 17, 32, origin=Origin.PROPOSED, source_id=named.id)
    # only unverified: counted once, as unverified (not again as needing attention)
    assert open_questions(fresh_ws, 1).lines() == [
        "1 unverified claim (unchecked or in progress)",
        "1 proposal not reviewed (accept or reject)",
    ]
    fresh_ws.claims.update(claim.id, status=Status.FALSE)
    assert open_questions(fresh_ws, 1).lines() == [
        "1 proposal not reviewed (accept or reject)",
        "1 claim needing attention",
    ]
    fresh_ws.claims.update(claim.id, status=Status.VERIFIED, origin=Origin.ACCEPTED)
    assert open_questions(fresh_ws, 1).lines() == []
    assert not open_questions(fresh_ws, 1)


@pytest.mark.parametrize("fmt", ["html", "pdf", "json"])
def test_export_dialog_writes_the_file(window, qtbot, tmp_path, fmt):
    win, _ = window
    assert win.act_export_report in win.export_menu.actions()
    dialog = ExportDialog(win)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    out = tmp_path / f"out.{fmt}"
    dialog.path.setText(str(out))
    assert dialog.current.isChecked()
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.start()
    assert out.exists() and out.stat().st_size > 1000
    if fmt == "html":
        assert "Desk Checks" in out.read_text(encoding="utf-8")


def test_screenshot_of_the_desk_tabs(window, tmp_path):
    """Not an assertion on pixels: renders the tabs so a person can look (saved beside the test run)."""
    win, seeded = window
    win.select_claim(seeded.claims["sites"])
    win.detail.setCurrentWidget(win.sourcing_panel)
    assert not win.grab().isNull()
    win.grab().save(str(tmp_path / "sourcing.png"))
    win.detail.setCurrentWidget(win.review_panel)
    win.grab().save(str(tmp_path / "review.png"))


def test_article_list_follows_sign_off_withdraw_and_undo(window, seed_ws, monkeypatch):
    win, seeded = window
    panel = win.review_panel
    monkeypatch.setattr(panel, "ask", lambda title, text, ok: True)
    model = win.article_list.model

    def listed() -> bool:
        return model.item(model.row_of(seeded.article_id)).signed_off

    assert listed()  # the fixture signed it off
    panel.toggle_sign_off()  # withdraw
    assert not listed()
    win.undo_stack.undo()
    assert listed()
    win.undo_stack.redo()
    assert not listed()
    panel.toggle_sign_off()  # sign again
    assert listed()


def test_history_reads_as_text_and_approval_clears_the_query(window, seed_ws):
    from ui.app.undo import AddNote

    win, seeded = window
    claim_id = seeded.claims["angry"]
    assert win.select_claim(claim_id)
    panel = win.review_panel
    win.undo_stack.push(AddNote(win, claim_id, url="https://example.org/a", quote="angry officials"))
    win.undo_stack.push(AddNote(win, claim_id, body="Called the ministry"))
    panel.comment.setPlainText("Who is the official?")
    panel.query.click()
    assert seed_ws.claims.get(claim_id).review_comment == "Who is the official?"
    panel.approve.click()  # the comment box still holds the query
    claim = seed_ws.claims.get(claim_id)
    assert (claim.review, claim.review_comment) == (Review.APPROVED, "")
    assert panel.comment.toPlainText() == ""
    lines = [panel.history.item(r, 2).text() for r in range(panel.history.rowCount())]
    assert not any("{" in line or '"body"' in line for line in lines), lines
    assert "Evidence added: https://example.org/a — “angry officials”" in lines
    assert "Note added: Called the ministry" in lines
    assert "Desk review: Query → Approved" in lines
    assert "Desk comment: “Who is the official?” → —" in lines


def test_audit_lines_for_fields_and_attribution():
    from workbench.reports.data import AuditRecord
    from workbench.reports.history import describe

    def rec(**kw):
        return describe(AuditRecord(id=1, at="", user="u", entity="claim", **kw))

    assert (
        rec(action="update", field="status", old="unchecked", new="verified")
        == "Status: Unchecked → Verified"
    )
    line = rec(
        action="update",
        field="attribution",
        old=None,
        new='{"phrase": "a top Iraqi official", "kind": "anonymous", "via": ""}',
    )
    assert line == "Source: none (the agency's own voice) → “a top Iraqi official” (anonymous)"
    assert rec(action="create", old=None, new="Rockets hit the base") == "Claim added: “Rockets hit the base”"


def test_editing_a_signed_off_article_shows_a_warning_bar(window, seed_ws, monkeypatch):
    from workbench.model import Status

    win, seeded = window
    notice = win.article_view.sign_notice
    assert seed_ws.articles.sign_off(seeded.article_id)[0] == "desk"
    assert win.review_panel.article_id == seeded.article_id
    # the fixture signs off after seeding its claims: nothing since, no warning
    assert notice.isHidden()
    assert win.select_claim(seeded.claims["angry"])
    win.triage.set_status(Status.FALSE)  # the first edit after the sign-off: no dialog, a warning bar
    assert not notice.isHidden()
    assert "Signed off by desk" in notice.text() and "1 change since is not covered" in notice.text()
    win.undo_stack.undo()  # the undo is itself a change since the sign-off
    assert "2 changes since are not covered" in notice.text()
    monkeypatch.setattr(win.review_panel, "ask", lambda *a: True)
    win.review_panel.toggle_sign_off()  # withdraw: not signed off, nothing to warn about
    assert notice.isHidden()
    win.review_panel.toggle_sign_off()  # sign again: covers everything so far
    assert notice.isHidden()


def test_sourcing_tab_lists_what_it_counts(qtbot, seed_ws):
    """The Sourcing tab's "Needs attention (N)" lists N claims: the flagged cut the table's ⚑ filter
    and the reports make, not the claims only waiting to be checked (issue 16 item 3)."""
    seeded = seed_claims(seed_ws)
    waiting_id = seed_ws.claims.add(
        seeded.article_id, 0, 40, summary="only waiting", kind=ClaimKind.STATEMENT, status=Status.UNCHECKED
    ).id
    panel = SourcingPanel(lambda a: load_article_report(seed_ws, a))
    qtbot.addWidget(panel)
    panel.show_article(seeded.article_id)
    flagged = panel.summary.flagged
    assert (waiting_id, ("unverified",)) in panel.summary.attention
    listed = [panel.attention.topLevelItem(i) for i in range(panel.attention.topLevelItemCount())]
    assert [item.data(0, Qt.ItemDataRole.UserRole) for item in listed] == [cid for cid, _ in flagged]
    assert all(item.text(1) != "unverified" for item in listed)
    assert f"Needs attention ({len(flagged)})" in panel.attention_label.text()
    assert "1 more only waiting to be checked" in panel.attention_label.text()
