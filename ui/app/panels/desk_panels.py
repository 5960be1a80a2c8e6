"""Wiring the desk editor's panels and File → Export into the main window (one call)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from db.queries.report_data import load_article_report
from ui.app.panels.export_dialog import ExportDialog
from ui.app.panels.review_panel import ReviewPanel
from ui.app.panels.sourcing_panel import SourcingPanel
from workbench.model import Review

if TYPE_CHECKING:
    from ui.app.context import PanelHost


@dataclass(frozen=True, slots=True)
class DeskPanels:
    """What `install` made; the window keeps it."""

    sourcing: SourcingPanel
    review: ReviewPanel
    export_report: QAction


def install(host: PanelHost) -> DeskPanels:
    """Add the Sourcing and Desk review tabs and File → Export → Report…"""
    # weak proposals left out at the threshold the table uses (Preferences), so the counts agree
    sourcing = SourcingPanel(
        lambda article_id: load_article_report(host.ws, article_id, threshold=host.settings.worth_threshold)
    )
    sourcing.claim_activated.connect(host.select_claim)
    host.article_changed.connect(sourcing.show_article)
    host.changed.connect(sourcing.refresh)
    host.detail.addTab(sourcing, "Sourcing")

    review = ReviewPanel(host)
    host.claim_selected.connect(review.set_claim)
    host.article_changed.connect(review.set_article)
    host.changed.connect(review.refresh)
    host.detail.addTab(review, "Desk")
    host.detail.setTabToolTip(host.detail.indexOf(review), "Desk review and sign-off")

    menu = host.verify_menu.addMenu("&Desk review")
    for action_id, text, slot in (
        ("review.approve", "&Approve claim", lambda: _review(host, review, Review.APPROVED)),
        ("review.query", "&Query claim", lambda: _review(host, review, Review.QUERY)),
        ("review.sign_off", "&Sign off article…", review.toggle_sign_off),
    ):
        menu.addAction(host.add_action(action_id, text, slot))
    host.claim_selected.connect(lambda _id: _enable_review(host))
    host.article_changed.connect(lambda _id: _enable_review(host))
    _enable_review(host)

    # Ctrl+E works from anywhere in the window (add_action adds it to the window too)
    export = host.add_action("file.export", "&Report…", lambda: ExportDialog(host).exec())
    export.setStatusTip("Export a verification report (PDF, HTML, Markdown, CSV, JSON, ClaimReview, W3C)")
    host.export_menu.addAction(export)
    return DeskPanels(sourcing, review, export)


def _review(host: PanelHost, panel: ReviewPanel, mark: Review) -> None:
    """Approve / query from the keyboard: the Desk review tab comes up, so the comment is at hand."""
    if host.current_claim_id() is None:
        return
    host.detail.setCurrentWidget(panel)
    panel.set_review(mark)


def _enable_review(host: PanelHost) -> None:
    writable = not host.ws.read_only
    has_claim = host.current_claim_id() is not None
    host.action("review.approve").setEnabled(writable and has_claim)
    host.action("review.query").setEnabled(writable and has_claim)
    host.action("review.sign_off").setEnabled(writable and host.current_article_id() is not None)
