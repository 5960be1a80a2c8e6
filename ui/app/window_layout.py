"""The window's layout across sessions: pane sizes for a window size, and the geometry, splitters,
claims-table header and Rejected toggle saved to and restored from the user's settings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMainWindow, QSplitter

from ui.app.panels.claim_columns import Col
from ui.app.panels.claims_table import ClaimsPanel
from ui.app.settings import Settings


@dataclass(frozen=True, slots=True)
class WindowLayout:
    """The panes whose sizes and state outlive a session."""

    window: QMainWindow
    splitter: QSplitter  # article list | centre | detail tabs
    centre: QSplitter  # article text over the claims table
    claims: ClaimsPanel
    settings: Settings

    def default_sizes(self, width: int, height: int) -> None:
        """Pane sizes for a window of width × height (until the user moves a splitter): the
        article list and the detail panel take about a sixth and 27% of the width; the
        claims table gets a little more height than the article text, so more rows show."""
        left = max(200, min(300, width * 17 // 100))
        right = max(300, min(400, width * 27 // 100))  # the detail tabs fit without scrolling
        self.splitter.setSizes([left, max(400, width - left - right), right])
        body = max(300, height - 130)  # minus menu bar, toolbar, status bar
        self.centre.setSizes([body * 45 // 100, body - body * 45 // 100])

    def resize_default(self, width: int, height: int) -> None:
        """Resize the window and lay its panes out for that size (first start, screenshots)."""
        self.window.resize(width, height)
        self.default_sizes(width, height)

    def restore(self) -> None:
        s, window = self.settings, self.window
        if s.geometry is None:  # first start: fill most of the screen, whatever its size
            screen = window.screen().availableGeometry() if window.screen() else None
            if screen is not None and screen.width() > 0:
                self.resize_default(min(1400, screen.width()), min(900, screen.height()))
        else:
            window.restoreGeometry(s.geometry)
        if s.window_state is not None:
            window.restoreState(s.window_state)
        for name, splitter in (("main", self.splitter), ("centre", self.centre)):
            state = s.splitter(name)
            if state is not None:
                splitter.restoreState(state)
        header = s.table_header()
        if header is not None:
            self.claims.table.horizontalHeader().restoreState(header)
            self.claims.table.setColumnHidden(Col.ARTICLE, True)  # the Article column follows the scope
        self.claims.show_rejected.setChecked(s.show_rejected)

    def save(self) -> None:
        s = self.settings
        s.geometry = self.window.saveGeometry()
        s.window_state = self.window.saveState()
        s.set_splitter("main", self.splitter.saveState())
        s.set_splitter("centre", self.centre.saveState())
        s.set_table_header(self.claims.table.horizontalHeader().saveState())
        s.show_rejected = self.claims.show_rejected.isChecked()
        s.sync()
