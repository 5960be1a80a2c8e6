"""The window's panes and how they are arranged, and the layout saved across sessions.

Two arrangements of the same panes:

- **side by side** (the default from `SIDE_MIN_WIDTH` px): article list | article text |
  claims table over the claim's details — the article is read, the table scanned beside it;
- **stacked** (narrow windows, or by choice): article list | article text over the claims
  table | the claim's details.

View → Layout chooses Automatic (by the window's width), Side by side or Stacked; the choice and
each arrangement's splitter sizes are remembered (QSettings), as are the geometry, the
claims-table header and the Rejected and Weak toggles.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from ui.app.panels.claim_columns import Col
from ui.app.panels.claims_table import ClaimsPanel
from ui.app.settings import LayoutChoice, Settings

SIDE_MIN_WIDTH = 1200  # window width (px) from which Automatic puts the article beside the claims
CLAIMS_MIN = 640  # the claims column beside the article: the default columns without scrolling
HANDLES = 12  # two splitter handles and the window's margins, roughly


class Arrangement(StrEnum):
    SIDE = "side"  # article | claims over details
    STACKED = "stacked"  # article over claims | details


LAYOUT_LABELS = {
    LayoutChoice.AUTO: "&Automatic (side by side when wide)",
    LayoutChoice.SIDE: "&Side by side",
    LayoutChoice.STACKED: "S&tacked",
}


def arrangement_for(choice: LayoutChoice, width: int) -> Arrangement:
    """The arrangement a choice gives at a window width."""
    if choice is LayoutChoice.AUTO:
        return Arrangement.SIDE if width >= SIDE_MIN_WIDTH else Arrangement.STACKED
    return Arrangement(choice.value)


class WindowLayout(QObject):
    """Builds `splitter` (horizontal) and `column` (vertical) over the panes and arranges them.

    `arranged(Arrangement)` is emitted after the panes moved.
    """

    arranged = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        article_list: QWidget,
        article_view: QWidget,
        claims: ClaimsPanel,
        detail: QWidget,
        settings: Settings,
    ) -> None:
        super().__init__(window)
        self.window, self.settings, self.claims = window, settings, claims
        self.article_list, self.article_view, self.detail = article_list, article_view, detail
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.column = QSplitter(Qt.Orientation.Vertical)
        for s in (self.splitter, self.column):
            s.setChildrenCollapsible(False)
        self.splitter.setObjectName("main-splitter")
        self.column.setObjectName("column-splitter")
        self.choice = settings.layout_choice
        self.arrangement: Arrangement | None = None
        self._sized: set[Arrangement] = set()  # arrangements whose sizes were set this session
        self._arrange(arrangement_for(self.choice, 1400))

    # --- arranging --------------------------------------------------------------------------

    def _arrange(self, arrangement: Arrangement) -> None:
        split, column = self.splitter, self.column
        split.insertWidget(0, self.article_list)
        if arrangement is Arrangement.SIDE:
            split.insertWidget(1, self.article_view)
            split.insertWidget(2, self.column)
            column.insertWidget(0, self.claims)
            column.insertWidget(1, self.detail)
            stretch, column_stretch = (0, 0, 1), (1, 1)  # the article keeps its measure
        else:
            split.insertWidget(1, self.column)
            column.insertWidget(0, self.article_view)
            column.insertWidget(1, self.claims)
            split.insertWidget(2, self.detail)
            stretch, column_stretch = (0, 1, 0), (3, 2)
        for i, factor in enumerate(stretch):
            split.setStretchFactor(i, factor)
        for i, factor in enumerate(column_stretch):
            column.setStretchFactor(i, factor)
        self.arrangement = arrangement

    def set_choice(self, choice: LayoutChoice) -> None:
        """The person chose a layout (View → Layout): remember it and arrange the panes now."""
        self.choice = choice
        self.settings.layout_choice = choice
        self.follow_width()

    def follow_width(self) -> None:
        """Arrange the panes for the current choice and window width (on resize, on a choice)."""
        wanted = arrangement_for(self.choice, self.window.width())
        if wanted is self.arrangement:
            return
        self._remember_sizes()
        self._arrange(wanted)
        if not self._restore_sizes(wanted):
            self.default_sizes(self.window.width(), self.window.height())
        self.arranged.emit(wanted.value)

    # --- sizes ------------------------------------------------------------------------------

    def default_sizes(self, width: int, height: int) -> None:
        """Pane sizes for a window of width × height (until the user moves a splitter)."""
        body = max(300, height - 130)  # minus menu bar, toolbar, status bar
        if self.arrangement is Arrangement.SIDE:
            left = max(200, min(260, width * 13 // 100))
            article = self._article_width(width - left)
            self.splitter.setSizes([left, article, max(300, width - left - article - HANDLES)])
            self.column.setSizes([body * 55 // 100, body - body * 55 // 100])
        else:
            left = max(180, min(300, width * 17 // 100))
            tabs = self.detail.tabBar().sizeHint().width() + 8 if hasattr(self.detail, "tabBar") else 300
            right = max(300, tabs, min(400, width * 27 // 100))  # every tab shows, none scrolls
            self.splitter.setSizes([left, max(400, width - left - right), right])
            self.column.setSizes([body * 45 // 100, body - body * 45 // 100])
        self._sized.add(self.arrangement)

    def _article_width(self, room: int) -> int:
        """The article pane's width beside the claims: a readable measure of 66 to 80 characters,
        the rest (at least `CLAIMS_MIN` px where the window allows) for the claims column."""
        text = self.article_view.text
        least, most = text.width_for_chars(66), text.width_for_chars(78)
        return max(least, min(most, room - CLAIMS_MIN))

    def resize_default(self, width: int, height: int) -> None:
        """Resize the window and lay its panes out for that size (first start, screenshots)."""
        self.window.resize(width, height)
        wanted = arrangement_for(self.choice, width)
        if wanted is not self.arrangement:
            self._arrange(wanted)
        self.default_sizes(width, height)

    def _key(self, arrangement: Arrangement, name: str) -> str:
        return f"{arrangement.value}/{name}"

    def _remember_sizes(self) -> None:
        if self.arrangement is None or self.arrangement not in self._sized:
            return
        for name, s in (("main", self.splitter), ("column", self.column)):
            self.settings.set_splitter(self._key(self.arrangement, name), s.saveState())

    def _restore_sizes(self, arrangement: Arrangement) -> bool:
        states = [self.settings.splitter(self._key(arrangement, n)) for n in ("main", "column")]
        if any(state is None for state in states):
            return False
        self.splitter.restoreState(states[0])
        self.column.restoreState(states[1])
        self._sized.add(arrangement)
        return True

    # --- sessions ---------------------------------------------------------------------------

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
        wanted = arrangement_for(self.choice, window.width())
        if wanted is not self.arrangement:
            self._arrange(wanted)
        if not self._restore_sizes(wanted) and wanted not in self._sized:
            self.default_sizes(window.width(), window.height())
        header = s.table_header()
        if header is not None:
            self.claims.table.horizontalHeader().restoreState(header)
            self.claims.table.setColumnHidden(Col.ARTICLE, True)  # the Article column follows the scope
            self.claims.fit_columns()
        self.claims.show_rejected.setChecked(s.show_rejected)
        self.claims.show_weak.setChecked(s.show_weak)

    def save(self) -> None:
        s = self.settings
        s.geometry = self.window.saveGeometry()
        s.window_state = self.window.saveState()
        self._sized.add(self.arrangement)
        self._remember_sizes()
        s.set_table_header(self.claims.table.horizontalHeader().saveState())
        s.show_rejected = self.claims.show_rejected.isChecked()
        s.show_weak = self.claims.show_weak.isChecked()
        s.sync()
