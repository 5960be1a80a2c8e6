"""The claims panel: filter bar (text, status, source kind, origin, scope) over the claims table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.app.palette import KIND_LABELS
from ui.app.panels.claim_columns import COLUMNS, ClaimFilter, Col
from ui.app.panels.claims_model import ClaimsModel, ClaimsProxy
from ui.app.panels.source_picker import SourcePicker
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.model import ClaimKind, Origin, Status

if TYPE_CHECKING:
    from collections.abc import Callable

    from workbench.model import Source

Index = QModelIndex | QPersistentModelIndex
# Filtering waits only for the keystrokes already queued (a 0 ms single shot restarted by each):
# they are filtered once, for the last text. A keystroke filters 100,000 rows in well under the
# time between two keys (ui/app/panels/row_filter.py; benchmarks/gui.py measures it).
FILTER_DELAY_MS = 0
SUMMARY_MIN = 120  # px the summary column keeps before the other columns shrink
COLUMN_MIN = 36  # px a shrunk column keeps (its text elided)


class ComboDelegate(QStyledItemDelegate):
    """Edits a column by choosing one of (label, value) pairs."""

    def __init__(self, choices: list[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self.choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _=0, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(i, 0))
        QTimer.singleShot(0, editor.showPopup)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SourceDelegate(QStyledItemDelegate):
    """Edits the Source column with a SourcePicker; `sources()` supplies the registry entries."""

    def __init__(self, sources: Callable[[int], list[Source]], parent: Any = None) -> None:
        super().__init__(parent)
        self.sources = sources

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return SourcePicker(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        claim_id = index.data(Qt.ItemDataRole.UserRole + 1)
        editor.set_sources(self.sources(claim_id))
        editor.setEditText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.lineEdit().selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        chosen = editor.chosen()
        if chosen is None:
            return
        value: Any = editor.source(chosen) if chosen >= 0 else ("new", editor.typed_name())
        model.setData(index, value, Qt.ItemDataRole.EditRole)


STATUS_CHOICES = [(f"{s.label}  ({i})", s.value) for i, s in enumerate(Status, 1)]
KIND_CHOICES = [(k.value.capitalize(), k.value) for k in ClaimKind]
SOURCE_KIND_CHOICES = [(label, value) for value, label in KIND_LABELS.items()]


class ClaimsTable(QTableView):
    viewport_resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)  # the summary takes the slack (ClaimsPanel.fit_columns)
        header.setMinimumSectionSize(28)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.viewport_resized.emit()


class ClaimsPanel(QWidget):
    """Filter bar + table. Emits `current_claim_changed(id or -1)` and `scope_changed(all)`."""

    current_claim_changed = Signal(int)
    scope_changed = Signal(bool)
    columns_changed = Signal()  # a column was shown or hidden (the window remembers it)
    filter_applied = Signal()  # the rows shown changed with the filter (weak proposals shown or not)

    def __init__(self, model: ClaimsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = ClaimsProxy(self)
        self.proxy.setSourceModel(model)
        self.table = ClaimsTable()
        self.table.setModel(self.proxy)
        header = self.table.horizontalHeader()
        for col, spec in zip(Col, COLUMNS, strict=True):
            header.resizeSection(col, spec.width)
        self.table.setColumnHidden(Col.ARTICLE, True)  # follows the scope (All articles shows it)
        for col, spec in zip(Col, COLUMNS, strict=True):
            if spec.hidden:  # the article pane shows the text; the header menu brings them back
                self.table.setColumnHidden(col, True)
        self._wanted: dict[Col, int] = {}
        self._fitting = False
        self.fit_columns()
        header.sectionResized.connect(self._on_section_resized)
        self.table.viewport_resized.connect(self._fit)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        # Start best first: by worth, descending, within each article (issue 17). Clicking a header
        # sorts ascending, descending, then back to text order (a clearable indicator: column -1).
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(Col.WORTH, Qt.SortOrder.DescendingOrder)
        self.table.setItemDelegateForColumn(Col.STATUS, ComboDelegate(STATUS_CHOICES, self))
        self.table.setItemDelegateForColumn(Col.KIND, ComboDelegate(KIND_CHOICES, self))
        self.table.setItemDelegateForColumn(Col.SOURCE_KIND, ComboDelegate(SOURCE_KIND_CHOICES, self))
        self.source_delegate = SourceDelegate(lambda _cid: [], self)
        self.table.setItemDelegateForColumn(Col.SOURCE, self.source_delegate)

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter claims (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem("Any status", "")
        for s in Status:
            self.status.addItem(s.label, s.value)
        self.kind = QComboBox()
        self.kind.addItem("Any source", "")
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value)
        self.origin = QComboBox()
        self.origin.addItem("Any origin", "")
        self.origin.addItem("Proposed (to review)", Origin.PROPOSED.value)
        self.origin.addItem("Accepted", Origin.ACCEPTED.value)
        self.origin.addItem("Added by hand", Origin.MANUAL.value)
        self.origin.addItem("Rejected", Origin.REJECTED.value)
        self.attention = QToolButton()
        self.attention.setText("⚑ Needs attention")
        self.attention.setCheckable(True)
        self.attention.setAutoRaise(True)
        self.attention.setToolTip(
            "Only the claims the desk should look at (Ctrl+Shift+F): anonymous and single-sourced,"
            " in conflict, rated false or misleading, unverifiable, or queried by the desk —"
            " not those merely still unchecked"
        )
        self.show_rejected = QCheckBox("Rejected")
        self.show_rejected.setToolTip("Show rejected proposals (Ctrl+Shift+R)")
        self.worth_threshold = DEFAULT_THRESHOLD
        self.show_weak = QCheckBox("Weak")
        self._weak_tip()
        self.scope = QComboBox()
        self.scope.addItem("This article", False)
        self.scope.addItem("All articles", True)
        self.scope.setToolTip("Claims of the open article, or of every article (Ctrl+Shift+A)")
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        # the article's needs-attention count, for the window's status bar (the filter bar has no
        # room): the number the ⚑ filter shows, the Sourcing tab and the reports give
        self.attention_count = QLabel()
        self.attention_count.setTextFormat(Qt.TextFormat.PlainText)
        self.attention_count.setAccessibleName("Claims needing attention")
        self.attention_count.setContentsMargins(0, 0, 14, 0)  # apart from the next status-bar item
        for combo in (self.status, self.kind, self.origin, self.scope):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)  # compact: the list pops up at full width
        self.scope.setMinimumContentsLength(len("All articles"))  # on the second row: room for it
        self.filter_box.setMinimumWidth(110)
        self._bar_first = [self.filter_box, self.status, self.kind, self.origin]
        self._bar_second = [self.attention, self.show_weak, self.show_rejected, self.scope, self.count]
        self._rows = [QHBoxLayout(), QHBoxLayout()]
        for row in self._rows:
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
        self._one_row: bool | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._rows[0])
        layout.addLayout(self._rows[1])
        self._flow_bar(False)  # two rows until a resize shows there is room for one
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter_box.textChanged.connect(self._debounce.start)
        self.filter_box.returnPressed.connect(self._focus_table)
        for combo in (self.status, self.kind, self.origin):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.show_rejected.toggled.connect(self.apply_filter)
        self.show_weak.toggled.connect(self.apply_filter)
        self.attention.toggled.connect(self.apply_filter)
        self.scope.currentIndexChanged.connect(
            lambda _=0: self.scope_changed.emit(bool(self.scope.currentData()))
        )
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self._quiet = False
        self._update_count()

    # --- the filter bar -----------------------------------------------------------------

    def _bar_width(self) -> int:
        """The width the filter bar needs on one row."""
        widgets = self._bar_first + self._bar_second
        return sum(max(w.sizeHint().width(), w.minimumSizeHint().width()) for w in widgets) + 4 * len(widgets)

    def _flow_bar(self, one_row: bool) -> None:
        """The filter bar on one row, or on two when the pane is too narrow for one."""
        if one_row == self._one_row:
            return
        self._one_row = one_row
        first, second = self._rows
        for row in self._rows:
            while row.count():
                row.takeAt(0)
        for w in self._bar_first:
            first.addWidget(w, 1 if w is self.filter_box else 0)
        target = first if one_row else second
        for w in self._bar_second:
            if w is self.count and not one_row:
                target.addStretch(1)
            target.addWidget(w)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._flow_bar(self.width() >= self._bar_width())

    # --- columns ------------------------------------------------------------------------

    def _column_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()

    def column_menu(self) -> QMenu:
        """Show or hide columns (the Article column follows the scope; "#" always shows)."""
        menu = QMenu(self)
        for col, spec in zip(Col, COLUMNS, strict=True):
            if col in (Col.NUMBER, Col.ARTICLE):
                continue
            label = "Claim text" if col == Col.TEXT else spec.label
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(col))
            action.toggled.connect(lambda on, c=col: self.set_column_visible(c, on))
        return menu

    def fit_columns(self) -> None:
        """The summary column takes the width the others leave; the widths the others have now
        are what they get whenever there is room (see `_fit`)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Col.SUMMARY, QHeaderView.ResizeMode.Stretch)
        self._wanted = {
            c: COLUMNS[c].width if self.table.isColumnHidden(c) else header.sectionSize(c)
            for c in Col
            if c is not Col.SUMMARY
        }
        self._fit()

    def _on_section_resized(self, col: int, _old: int, new: int) -> None:
        dragging = bool(QApplication.mouseButtons() & Qt.MouseButton.LeftButton)
        if dragging and not self._fitting and col != Col.SUMMARY and new > 0:
            self._wanted[Col(col)] = new  # the person dragged a column's edge

    def _fit(self) -> None:
        """Every column at the width wanted while the summary keeps `SUMMARY_MIN` px; in a
        narrower pane the other columns shrink in proportion (their texts elided), never below
        `COLUMN_MIN`, so the table does not scroll sideways."""
        table, header = self.table, self.table.horizontalHeader()
        shown = [c for c in self._wanted if not table.isColumnHidden(c)]
        room = table.viewport().width() - SUMMARY_MIN
        total = sum(self._wanted[c] for c in shown)
        scale = 1.0 if total <= room or total == 0 else max(0.0, room / total)
        self._fitting = True
        try:
            for c in shown:
                width = self._wanted[c] if scale == 1.0 else max(COLUMN_MIN, int(self._wanted[c] * scale))
                if header.sectionSize(c) != width:
                    header.resizeSection(c, width)
        finally:
            self._fitting = False

    def set_column_visible(self, col: Col, visible: bool) -> None:
        self.table.setColumnHidden(col, not visible)
        if visible and self._wanted.get(col, 0) < 20:
            self._wanted[col] = COLUMNS[col].width
        self._fit()
        self.columns_changed.emit()

    # --- filter -------------------------------------------------------------------------

    def current_filter(self) -> ClaimFilter:
        return ClaimFilter(
            text=self.filter_box.text(),
            status=self.status.currentData() or "",
            source_kind=self.kind.currentData() or "",
            origin=self.origin.currentData() or "",
            show_rejected=self.show_rejected.isChecked(),
            attention=self.attention.isChecked(),
            show_weak=self.show_weak.isChecked(),
            threshold=self.worth_threshold,
        )

    def set_worth_threshold(self, threshold: int) -> None:
        """Proposals below `threshold` are weak (hidden unless “Weak” is ticked)."""
        self.worth_threshold = max(0, min(100, int(threshold)))
        self._weak_tip()
        self.apply_filter()

    def _weak_tip(self) -> None:
        self.show_weak.setToolTip(
            f"Show weak proposals: worth below {self.worth_threshold} (Ctrl+Shift+W). They are kept, never"
            " deleted; the threshold is in Preferences."
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        keep = self.selected_ids()
        current = self.current_id()
        self.proxy.set_claim_filter(self.current_filter(), force=True)
        self.restore_selection(keep, current)
        self._update_count()
        self.filter_applied.emit()

    def set_loading(self, loading: bool) -> None:
        """Say that every article's claims are being read (a busy cursor over the table)."""
        self._loading = loading
        if loading:
            self.table.viewport().setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.table.viewport().unsetCursor()
        self._update_count()

    def _update_count(self, *_: object) -> None:
        if getattr(self, "_loading", False):
            self.count.setText("Loading all claims…")
            return
        shown, total = self.proxy.rowCount(), self.model.total()
        self.count.setText(
            f"{shown} of {total}" if shown != total else f"{total} claim{'s' if total != 1 else ''}"
        )
        weak = self.model.weak_count()
        self.show_weak.setText(f"Weak ({weak})" if weak else "Weak")
        # the article's count from the one rule (the Sourcing tab and the reports say the same);
        # every article's is not worked out for 100,000 rows on each change
        if self.model.all_articles:
            self.attention_count.setText("")
        else:
            n = self.model.attention_count()
            self.attention_count.setText(
                f"⚑ {n} claim{'s' if n != 1 else ''} need{'s' if n == 1 else ''} attention"
                if n
                else "no claim needs attention"
            )

    def _focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.select_row(0)

    # --- selection ----------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.claim_id(index.row())

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.claim_id(r) for r in rows]

    def select_row(self, proxy_row: int) -> None:
        index = self.proxy.index(proxy_row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def select_claim(self, claim_id: int, *, emit: bool = True) -> bool:
        """Make `claim_id` the current (and only selected) row; False if it is filtered out or absent."""
        row = self.proxy.proxy_row_of(claim_id)
        if row is None:
            return False
        quiet, self._quiet = self._quiet, not emit
        try:
            self.select_row(row)
        finally:
            self._quiet = quiet
        return True

    def restore_selection(self, ids: list[int], current: int | None) -> None:
        """Select these claims again after a reload (those still present and shown)."""
        quiet, self._quiet = self._quiet, True
        try:
            sel = self.table.selectionModel()
            sel.clearSelection()
            for cid in ids:
                row = self.proxy.proxy_row_of(cid)
                if row is not None:
                    sel.select(
                        self.proxy.index(row, 0),
                        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                    )
            row = self.proxy.proxy_row_of(current) if current is not None else None
            if row is not None:
                sel.setCurrentIndex(self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._quiet = quiet

    def step(self, delta: int) -> None:
        """Move to the next (delta 1) or previous (-1) claim."""
        n = self.proxy.rowCount()
        if not n:
            return
        index = self.table.currentIndex()
        row = (index.row() + delta) if index.isValid() else (0 if delta > 0 else n - 1)
        self.select_row(max(0, min(n - 1, row)))

    def next_claim_after(self, ids: list[int]) -> int | None:
        """The claim shown after the last of `ids` that is not one of them (else the one before
        the first): where the cursor goes when those rows leave the view."""
        rows = [r for r in (self.proxy.proxy_row_of(cid) for cid in ids) if r is not None]
        if not rows:
            return None
        gone = set(ids)
        for r in [*range(max(rows) + 1, self.proxy.rowCount()), *range(min(rows) - 1, -1, -1)]:
            cid = self.proxy.claim_id(r)
            if cid not in gone:
                return cid
        return None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        self.current_claim_changed.emit(self.proxy.claim_id(current.row()) if current.isValid() else -1)

    def set_all_articles(self, all_articles: bool) -> None:
        self.table.setColumnHidden(Col.ARTICLE, not all_articles)
        self._fit()
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(1 if all_articles else 0)
        self.scope.blockSignals(False)
