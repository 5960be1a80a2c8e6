"""The article list: title, date, agency, claim and open-question counts, with a search box."""

from __future__ import annotations

from enum import IntEnum
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from db.stores.articles import ArticleSummary
from ui.app.panels.claim_columns import ALIGN_LEFT, ALIGN_RIGHT, Column
from workbench.extraction.source_kinds import article_outlet
from workbench.model import ItemKind

if TYPE_CHECKING:
    from db.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ACol(IntEnum):
    TITLE = 0
    DATE = 1
    AGENCY = 2
    CLAIMS = 3
    OPEN = 4


ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("Article", ALIGN_LEFT, tip="Headline, date and agency", width=240),
    Column("Date", ALIGN_LEFT, tip="Publication date", width=78),
    Column("Agency", ALIGN_LEFT, tip="Agency or publisher", width=90),
    Column("Claims", ALIGN_RIGHT, tip="Claims (rejected proposals not counted)", width=46),
    Column("Open", ALIGN_RIGHT, tip="Claims still unchecked or in progress", width=40),
)

KINDS = (("Articles", ItemKind.ARTICLE), ("Statements", ItemKind.STATEMENT), ("Everything", None))


class ArticleListModel(QAbstractTableModel):
    """Rows are `ArticleSummary` values from the article store."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ArticleSummary] = []

    # --- public API ---------------------------------------------------------------------

    def set_items(self, items: list[ArticleSummary]) -> None:
        if items == self._items:  # every field, the sign-off included
            return
        same_ids = [i.id for i in items] == [i.id for i in self._items]
        if same_ids:  # counts changed: keep the view's selection and scroll position
            self._items = items
            self.dataChanged.emit(self.index(0, 0), self.index(len(items) - 1, len(ACol) - 1))
            return
        self.beginResetModel()
        try:
            self._items = items
        finally:
            self.endResetModel()

    def item(self, row: int) -> ArticleSummary:
        return self._items[row]

    def row_of(self, article_id: int) -> int | None:
        return next((i for i, a in enumerate(self._items) if a.id == article_id), None)

    def ids(self) -> list[int]:
        return [a.id for a in self._items]

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ACol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ARTICLE_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ARTICLE_COLUMNS[section].label
        if role == Qt.ItemDataRole.ToolTipRole:
            return ARTICLE_COLUMNS[section].tip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        a = self._items[index.row()]
        col = ACol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ACol.TITLE: a.title or "(untitled)",
                ACol.DATE: a.date,
                ACol.AGENCY: article_outlet(a),
                ACol.CLAIMS: str(a.claims),
                ACol.OPEN: str(a.open_claims) if a.open_claims else "",
            }[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            bits = [a.date, article_outlet(a), a.dateline]
            tip = f"<b>{escape(a.title)}</b><br>{escape(' · '.join(b for b in bits if b))}"
            tip += f"<br>{a.claims} claims, {a.open_claims} open"
            return tip + ("<br>Signed off" if a.signed_off else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(ARTICLE_COLUMNS[col].alignment)
        if role == Qt.ItemDataRole.FontRole and col == ACol.OPEN and a.open_claims:
            font = QFont()
            font.setBold(True)
            return font
        if role == ARTICLE_ID_ROLE:
            return a.id
        return None


class ArticleDelegate(QStyledItemDelegate):
    """One article per item: the headline (wrapped onto at most two lines, then elided), then
    date · agency in a quieter colour; claim and open-question counts right-aligned."""

    PAD = 6
    TITLE_LINES = 2

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self, base: QFont, bold: bool) -> tuple[QFont, QFont]:
        title = QFont(base)
        title.setBold(bold)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        return title, small

    def _counts_width(self, font: QFont) -> int:
        return QFontMetrics(font).horizontalAdvance("9999 open") + self.PAD

    def _title_lines(self, text: str, font: QFont, width: int) -> list[str]:
        """The title wrapped at words into at most TITLE_LINES lines, the last one elided."""
        metrics = QFontMetrics(font)
        words, lines, line = text.split(), [], ""
        for i, word in enumerate(words):
            trial = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(trial) <= width or not line:
                line = trial
                continue
            lines.append(line)
            line = word
            if len(lines) == self.TITLE_LINES - 1:
                line = " ".join(words[i:])
                break
        if line:
            lines.append(line)
        return [metrics.elidedText(t, Qt.TextElideMode.ElideRight, width) for t in lines] or [""]

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        item = index.model().item(index.row())
        title_font, small = self._fonts(option.font, item.open_claims > 0)
        width = self.view.viewport().width() - 2 * self.PAD - self._counts_width(small)
        lines = len(self._title_lines(item.title or "(untitled)", title_font, max(width, 40)))
        height = lines * QFontMetrics(title_font).lineSpacing() + QFontMetrics(small).lineSpacing()
        return QSize(max(width, 40), height + 2 * self.PAD + 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        item = index.model().item(index.row())
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        main = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = main if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        title_font, small = self._fonts(opt.font, item.open_claims > 0)
        rect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        counts_w = self._counts_width(small)
        text_w = rect.width() - counts_w
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        painter.save()
        painter.setFont(title_font)
        painter.setPen(main)
        y = rect.top()
        spacing = QFontMetrics(title_font).lineSpacing()
        for line in self._title_lines(item.title or "(untitled)", title_font, max(text_w, 40)):
            painter.drawText(QRect(rect.left(), y, text_w, spacing), left, line)
            y += spacing
        painter.setFont(small)
        small_h = QFontMetrics(small).lineSpacing()
        painter.setPen(quiet)
        bits = [item.date, article_outlet(item)]
        meta = " · ".join(b for b in bits if b) + ("  ✓ signed off" if item.signed_off else "")
        meta = QFontMetrics(small).elidedText(meta, Qt.TextElideMode.ElideRight, text_w)
        painter.drawText(QRect(rect.left(), y, text_w, small_h), left, meta)
        # counts: claims on the first line, open questions (bold) under it
        counts = QRect(rect.right() - counts_w, rect.top(), counts_w, spacing)
        painter.drawText(counts, right, f"{item.claims} claim{'s' if item.claims != 1 else ''}")
        if item.open_claims:
            bold = QFont(small)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(main)
            painter.drawText(counts.translated(0, spacing), right, f"{item.open_claims} open")
        painter.restore()


class ArticleList(QWidget):
    """Search box, kind selector and the article table. Emits `article_chosen(id)`."""

    article_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws: Workspace | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search articles (Ctrl+L)")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        for label, _ in KINDS:
            self.kind.addItem(label)
        self.model = ArticleListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # items re-wrap when the pane resizes
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setItemDelegate(ArticleDelegate(self.view))
        self.view.setMinimumWidth(180)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self._quiet = False

    def set_workspace(self, ws: Workspace) -> None:
        self.ws = ws
        self.refresh()

    def refresh(self) -> None:
        """Read the list again, keeping the current article selected."""
        if self.ws is None:
            return
        current = self.current_id()
        kind = KINDS[self.kind.currentIndex()][1]
        items = self.ws.articles.summaries(kind, search=self.search.text().strip())
        self._quiet = True
        try:
            self.model.set_items(items)
            if current is not None:
                self.select(current, emit=False)
        finally:
            self._quiet = False

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()).id if index.isValid() else None

    def select(self, article_id: int, *, emit: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            return False
        quiet, self._quiet = self._quiet, not emit
        try:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))
        finally:
            self._quiet = quiet
        return True

    def step(self, delta: int) -> None:
        row = self.view.currentIndex().row() + delta
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.article_chosen.emit(self.model.item(current.row()).id)
