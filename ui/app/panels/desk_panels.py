"""Wiring the desk editor's panels and File → Export into the main window (one call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from db.queries.report_data import load_article_report
from ui.app import shortcuts
from ui.app.panels.export_dialog import ExportDialog
from ui.app.panels.review_panel import ReviewPanel
from ui.app.panels.sourcing_panel import SourcingPanel
from workbench.model import Review

if TYPE_CHECKING:
    from ui.app.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Add the Sourcing and Desk review tabs and File → Export → Report…"""
    window.sourcing_panel = SourcingPanel(lambda article_id: load_article_report(window.ws, article_id))
    window.sourcing_panel.claim_activated.connect(window.select_claim)
    window.article_changed.connect(window.sourcing_panel.show_article)
    window.changed.connect(window.sourcing_panel.refresh)
    window.detail.addTab(window.sourcing_panel, "Sourcing")

    window.review_panel = ReviewPanel(window)
    window.claim_selected.connect(window.review_panel.set_claim)
    window.article_changed.connect(window.review_panel.set_article)
    window.changed.connect(window.review_panel.refresh)
    window.detail.addTab(window.review_panel, "Desk")
    window.detail.setTabToolTip(window.detail.indexOf(window.review_panel), "Desk review and sign-off")

    review = window.verify_menu.addMenu("&Desk review")
    panel = window.review_panel
    for action_id, text, slot in (
        ("review.approve", "&Approve claim", lambda: _review(window, Review.APPROVED)),
        ("review.query", "&Query claim", lambda: _review(window, Review.QUERY)),
        ("review.sign_off", "&Sign off article…", panel.toggle_sign_off),
    ):
        review.addAction(window._action(action_id, text, slot))
    window.claim_selected.connect(lambda _id: _enable_review(window))
    window.article_changed.connect(lambda _id: _enable_review(window))
    _enable_review(window)

    action = QAction("&Report…", window)
    action.setStatusTip("Export a verification report (PDF, HTML, Markdown, CSV, JSON, ClaimReview, W3C)")
    action.setShortcuts(shortcuts.keys("file.export"))
    action.setToolTip(shortcuts.describe("file.export"))
    action.triggered.connect(lambda: ExportDialog(window).exec())
    window.export_menu.addAction(action)
    window.addAction(action)  # Ctrl+E works from anywhere in the window
    window.act_export_report = action
    window.act["file.export"] = action


def _review(window: MainWindow, mark: Review) -> None:
    """Approve / query from the keyboard: the Desk review tab comes up, so the comment is at hand."""
    if window.current_claim_id() is None:
        return
    window.detail.setCurrentWidget(window.review_panel)
    window.review_panel.set_review(mark)


def _enable_review(window: MainWindow) -> None:
    writable = not window.ws.read_only
    has_claim = window.current_claim_id() is not None
    window.act["review.approve"].setEnabled(writable and has_claim)
    window.act["review.query"].setEnabled(writable and has_claim)
    window.act["review.sign_off"].setEnabled(writable and window.current_article_id() is not None)
