"""Wiring the desk editor's panels and File → Export into the main window (one call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from db.report_data import load_article_report
from ui.export_dialog import ExportDialog
from ui.review_panel import ReviewPanel
from ui.sourcing_panel import SourcingPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


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
    window.detail.addTab(window.review_panel, "Desk review")

    action = QAction("&Report…", window)
    action.setStatusTip("Export a verification report (PDF, HTML, Markdown, CSV, JSON, ClaimReview, W3C)")
    action.triggered.connect(lambda: ExportDialog(window).exec())
    window.export_menu.addAction(action)
    window.act_export_report = action
