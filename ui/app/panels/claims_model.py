"""The claims table: a model over claim row tuples from SQLite, and its filter/sort proxy.

Rows are the tuples `db.queries.claim_rows` returns (no per-row objects up front); display values are
built lazily per claim and cached, as anki's browser builds `CellRow`s. Sorting happens on the
tuples in the source model (one `list.sort`), because a QSortFilterProxyModel sort would call
back into Python O(n log n) times; the proxy only filters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from db.errors import WorkspaceError
from db.queries import claim_rows
from db.queries.claim_rows import ClaimRow
from ui.app.palette import highlight_colour, status_colour
from ui.app.panels.claim_columns import (
    COLUMNS,
    SORT_KEYS,
    CellRow,
    ClaimFilter,
    Col,
    cell_row_of,
    row_is_weak,
    source_kind_of,
    text_order,
)
from ui.app.panels.row_filter import PreparedRows, RowFilter
from workbench.extraction.source_kinds import article_outlet
from workbench.model import ClaimKind, Origin, Status

if TYPE_CHECKING:
    from db.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 2
RAW_ROLE = Qt.ItemDataRole.UserRole + 3  # the stored value (status/kind value, source name)


def _swatch(colour: QColor, *, round_: bool, ring: bool) -> QPixmap:
    """A 12 px dot (status) or square (source kind) in `colour`; `ring` adds a white outline."""
    pix = QPixmap(12, 12)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(colour)
    p.setPen(QPen(QColor("white"), 1.5) if ring else Qt.PenStyle.NoPen)
    if round_:
        p.drawEllipse(QRectF(1, 1, 10, 10))
    else:
        p.drawRoundedRect(QRectF(1, 1, 10, 10), 2, 2)
    p.end()
    return pix


EditHandler = Callable[[int, Col, Any], bool]
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENTS = tuple(int(c.alignment) for c in COLUMNS)
_UNUSED_ROLES = frozenset(
    {
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
    }
)
_COLUMN_COUNT = len(Col)
_ID = itemgetter(int(ClaimRow.ID))


class ClaimsModel(QAbstractTableModel):
    """Claims of one article (or of the whole workspace) as table rows, filtered and sorted.

    Filtering and sorting run here, on the row tuples, in one pass of Python each: through a
    QSortFilterProxyModel they would call back into Python once per row per keystroke
    (benchmarks/gui.py measures both). `ClaimsProxy` forwards its filter and sort here.

    Fields:
        _ws: the workspace rows are read from.
        _article_id: the current article (the scope, unless `_all`).
        _loaded: every row of the scope, sorted; `_by_id` indexes it by claim id.
        _rows: the rows shown (those `_filter` accepts), in the same order; `_row_of` indexes them.
        _filtering: the filter's memory (haystacks, the rows past the bar's other choices, the
            last result, which rows need attention): `ui/app/panels/row_filter.py`.
        _cache: claim id -> CellRow, built lazily on first paint.
        _sort: (column, order) applied to the rows; None is text order (as loaded).
        on_edit: called for edits from delegates (claim id, column, value); the window turns
            them into undoable commands, so the model never writes by itself.
    """

    def __init__(self, ws: Workspace | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._article_id: int | None = None
        self._all = False
        self._loaded: list[tuple] = []
        self._by_id: dict[int, tuple] = {}
        self._rows: list[tuple] = []
        self._row_of: dict[int, int] | None = {}
        self._filtering = RowFilter()
        self._cache: dict[int, CellRow] = {}
        self._sort: tuple[Col, Qt.SortOrder] | None = None
        self._filter = ClaimFilter()
        self._icons: dict[tuple[str, str], QIcon] = {}
        self._fonts: dict[str, QFont] = {}
        self._agencies: dict[int, str] = {}
        self.on_edit: EditHandler | None = None

    ####################################################################################
    # Public API

    def set_workspace(self, ws: Workspace) -> None:
        self._ws = ws
        self.show_article(None)

    @property
    def article_id(self) -> int | None:
        return self._article_id

    def set_current_article(self, article_id: int | None) -> None:
        """The current article when every article is shown (the scope does not change)."""
        self._article_id = article_id

    @property
    def all_articles(self) -> bool:
        return self._all

    @property
    def claim_filter(self) -> ClaimFilter:
        return self._filter

    def show_article(self, article_id: int | None) -> None:
        """Show one article's claims (None: nothing)."""
        self._all = False
        self._article_id = article_id
        self.reload()

    def show_all(self, article_id: int | None = None) -> None:
        """Show the claims of every article (`article_id` stays the current one)."""
        self._all = True
        self._article_id = article_id
        self.reload()

    def show_all_rows(self, rows: list[tuple] | PreparedRows, article_id: int | None = None) -> None:
        """Show every article's claims from rows read elsewhere (`claim_rows.all_rows` run on a
        pool thread: at 100,000 claims the query alone takes most of a second), with their
        haystacks when `row_filter.prepare` built them there too."""
        self._all = True
        self._article_id = article_id
        if isinstance(rows, PreparedRows):
            self._load(list(rows.rows), rows)
        else:
            self._load(list(rows))

    def reload(self) -> None:
        """Read every row of the current scope again."""
        if self._ws is None:
            rows: list[tuple] = []
        elif self._all:
            rows = claim_rows.all_rows(self._ws)
        elif self._article_id is not None:
            rows = claim_rows.article_rows(self._ws, self._article_id)
        else:
            rows = []
        self._load(rows)

    def _load(self, rows: list[tuple], prepared: PreparedRows | None = None) -> None:
        if self._sort is not None:  # else: text order, as the queries return them
            rows.sort(key=SORT_KEYS[self._sort[0]], reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        try:
            self._loaded = rows
            self._by_id = dict(zip(map(_ID, rows), rows, strict=True))
            self._filtering.load(prepared)
            self._cache.clear()
            self._agencies.clear()
            self._rows = self._filtered()
            self._reindex()
        finally:
            self.endResetModel()

    def set_filter(self, f: ClaimFilter) -> None:
        """Show only the loaded rows `f` accepts."""
        self.beginResetModel()
        try:
            if f.threshold != self._filter.threshold:
                self._cache.clear()  # tooltips say whether a row is weak
            self._filter = f
            self._rows = self._filtered()
            self._reindex()
        finally:
            self.endResetModel()

    def update_claims(self, claim_ids: Iterable[int]) -> None:
        """Re-read some claims: changed rows update in place (even if the filter would now hide
        them: nothing vanishes under the user), new ones appear, deleted ones go."""
        if self._ws is None:
            return
        ids = list(dict.fromkeys(claim_ids))
        fresh = claim_rows.rows_for_ids(self._ws, ids)
        for claim_id in ids:
            new = fresh.get(claim_id)
            if new is not None and not self._in_scope(new):
                new = None
            old = self._by_id.get(claim_id)
            self._cache.pop(claim_id, None)
            self._filtering.forget([claim_id])
            row = self.row_of(claim_id)
            if new is None:
                if old is not None:
                    self._loaded.remove(old)
                    del self._by_id[claim_id]
                if row is not None:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._rows[row]
                    self._reindex()
                    self.endRemoveRows()
                continue
            self._by_id[claim_id] = new
            if old is not None:
                self._loaded[self._loaded.index(old)] = new
            else:
                self._loaded.insert(self._position(self._loaded, new), new)
            if row is not None:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Col) - 1))
            else:
                at = self._position(self._rows, new)
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, new)
                self._reindex()
                self.endInsertRows()

    def claim_id(self, row: int) -> int:
        return self._rows[row][ClaimRow.ID]

    def row_of(self, claim_id: int) -> int | None:
        """The shown row of a claim (None when it is not loaded or filtered out)."""
        if self._row_of is None:  # indexed on first use after a filtering, not per keystroke
            self._row_of = dict(zip(map(_ID, self._rows), range(len(self._rows)), strict=True))
        return self._row_of.get(claim_id)

    def row_tuple(self, row: int) -> tuple:
        return self._rows[row]

    def row_by_id(self, claim_id: int) -> tuple | None:
        """A loaded claim's row tuple, shown or filtered out."""
        return self._by_id.get(claim_id)

    def rows(self) -> list[tuple]:
        """Every loaded row of the scope, filtered out or not."""
        return self._loaded

    def total(self) -> int:
        return len(self._loaded)

    def weak_count(self) -> int:
        """How many weak proposals the scope holds (as of the last filtering)."""
        return self._filtering.weak

    def needs_attention(self, row: tuple) -> bool:
        """Whether a loaded row needs attention (`row_attention(row).needed`, remembered per row)."""
        return self._filtering.needs_attention(row)

    def attention_count(self) -> int:
        """How many claims of the scope need attention: what the ⚑ filter shows with nothing else
        chosen (weak proposals are left out, as the table and the reports leave them out)."""
        threshold = self._filter.threshold
        return self._filtering.attention_count(r for r in self._loaded if not row_is_weak(r, threshold))

    def cell_row(self, row: int) -> CellRow:
        t = self._rows[row]
        cached = self._cache.get(t[ClaimRow.ID])
        if cached is None:
            cached = self._cache[t[ClaimRow.ID]] = cell_row_of(
                t, self._agency(t[ClaimRow.ARTICLE_ID]), self._filter.threshold
            )
        return cached

    ####################################################################################
    # Internals

    def _filtered(self) -> list[tuple]:
        return self._filtering.apply(self._loaded, self._filter)

    def _in_scope(self, row: tuple) -> bool:
        return self._all or row[ClaimRow.ARTICLE_ID] == self._article_id

    def _reindex(self) -> None:
        self._row_of = None

    def _position(self, rows: list[tuple], new: tuple) -> int:
        """Where a new row goes: in text order when unsorted, by number when sorted by "#",
        else at the end (a new claim should not jump into the middle of a sorted column)."""
        if self._sort is None:
            key, descending = text_order, False
        elif self._sort[0] in (Col.NUMBER, Col.WORTH):
            key, descending = SORT_KEYS[Col.NUMBER], self._sort[1] == Qt.SortOrder.DescendingOrder
        else:
            return len(rows)
        k = key(new)
        for i, r in enumerate(rows):
            if (key(r) < k) if descending else (key(r) > k):
                return i
        return len(rows)

    def _agency(self, article_id: int) -> str:
        """The article's agency (or publisher), read once per article on first paint."""
        name = self._agencies.get(article_id)
        if name is None:
            try:
                article = self._ws.articles.get(article_id) if self._ws is not None else None
            except (LookupError, WorkspaceError):  # gone, or the workspace closed under a last paint
                article = None
            name = article_outlet(article) if article is not None else ""
            self._agencies[article_id] = name
        return name

    def _icon(self, kind: str, value: str) -> QIcon:
        key = (kind, value)
        icon = self._icons.get(key)
        if icon is None:
            colour = status_colour(value) if kind == "status" else highlight_colour(value, strong=True)
            icon = self._icons[key] = QIcon(_swatch(colour, round_=kind == "status", ring=False))
            # Qt tints an icon's Selected mode with the highlight colour, which hid the dot on a
            # selected (blue) row: give Selected its own pixmap, ringed in white so it stands out.
            icon.addPixmap(_swatch(colour, round_=kind == "status", ring=True), QIcon.Mode.Selected)
        return icon

    ####################################################################################
    # Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        spec = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(spec.alignment)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()].editable and self.on_edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A keystroke in the filter box repaints ~500 cells, each asked for ~7 roles: the common
        # ones are answered first, the roles this model never sets before any other work.
        if role in _UNUSED_ROLES:
            return None
        r = index.row()
        if not 0 <= r < len(self._rows) or not index.isValid():
            return None
        if role == _DISPLAY:
            return self.cell_row(r).cells[index.column()]
        if role == _ALIGN:
            return _ALIGNMENTS[index.column()]
        row = self._rows[r]
        if role == _FONT:
            return self._origin_font(row[ClaimRow.ORIGIN])
        col = Col(index.column())
        if role == Qt.ItemDataRole.DecorationRole:
            if col == Col.STATUS:
                return self._icon("status", row[ClaimRow.STATUS])
            if col == Col.SOURCE_KIND:
                return self._icon("kind", source_kind_of(row))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Col.MATCHES and row[ClaimRow.CONFLICTS]:
                return QBrush(status_colour(Status.FALSE.value))
            if row[ClaimRow.ORIGIN] in (Origin.PROPOSED.value, Origin.REJECTED.value):
                app = QApplication.instance()
                palette = app.palette() if app else QPalette()
                return QBrush(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
            return None
        if role == Qt.ItemDataRole.EditRole:
            return {
                Col.SUMMARY: row[ClaimRow.SUMMARY],
                Col.SOURCE: row[ClaimRow.SOURCE],
                Col.SOURCE_KIND: source_kind_of(row),
                Col.VIA: row[ClaimRow.VIA],
                Col.KIND: row[ClaimRow.KIND],
                Col.STATUS: row[ClaimRow.STATUS],
            }.get(col, self.cell_row(r).cells[col])
        if role == CLAIM_ID_ROLE:
            return row[ClaimRow.ID]
        if role == ORIGIN_ROLE:
            return row[ClaimRow.ORIGIN]
        if role == RAW_ROLE:
            return (
                row[ClaimRow.STATUS]
                if col == Col.STATUS
                else source_kind_of(row)
                if col == Col.SOURCE_KIND
                else None
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_row(r).tooltip
        return None

    def _origin_font(self, origin: str) -> QFont | None:
        """Proposals in italics, rejected ones struck out too (one QFont each, made once)."""
        if origin != Origin.PROPOSED.value and origin != Origin.REJECTED.value:
            return None
        font = self._fonts.get(origin)
        if font is None:
            font = self._fonts[origin] = QFont()
            font.setItalic(True)
            font.setStrikeOut(origin == Origin.REJECTED.value)
        return font

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        col = Col(index.column())
        if not COLUMNS[col].editable:
            return False
        if col == Col.STATUS and value not in Status._value2member_map_:
            return False
        if col == Col.KIND and value not in ClaimKind._value2member_map_:
            return False
        return self.on_edit(self.claim_id(index.row()), col, value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; column -1 (the header's sort indicator cleared) is text order."""
        if column >= len(Col) or (column >= 0 and not COLUMNS[column].sortable):
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [r[ClaimRow.ID] for r in self._rows]
        persistent = self.persistentIndexList()
        if column < 0:
            self._sort = None
            key, reverse = text_order, False
        else:
            self._sort = (Col(column), order)
            key, reverse = SORT_KEYS[Col(column)], order == Qt.SortOrder.DescendingOrder
        self._filtering.invalidate()  # it keeps rows in the old order
        self._loaded.sort(key=key, reverse=reverse)
        self._rows.sort(key=key, reverse=reverse)
        self._reindex()
        new_indexes = [
            self.index(self.row_of(old_ids[i.row()]), i.column())
            if 0 <= i.row() < len(old_ids)
            else QModelIndex()
            for i in persistent
        ]
        self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()


class ClaimsProxy(QSortFilterProxyModel):
    """The view's model. Filter and sort are forwarded to ClaimsModel, which does both on its row
    tuples (see its docstring), so this proxy maps rows one to one and never calls Python per row.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)

    @property
    def claim_filter(self) -> ClaimFilter:
        return self.source().claim_filter

    def set_claim_filter(self, f: ClaimFilter, *, force: bool = False) -> None:
        """Filter by `f`; `force` filters again even when `f` is unchanged (rows changed since)."""
        if f != self.source().claim_filter or force:
            self.source().set_filter(f)

    def source(self) -> ClaimsModel:
        return self.sourceModel()  # type: ignore[return-value]

    def claim_id(self, proxy_row: int) -> int:
        return self.source().claim_id(self.mapToSource(self.index(proxy_row, 0)).row())

    def proxy_row_of(self, claim_id: int) -> int | None:
        row = self.source().row_of(claim_id)
        if row is None:
            return None
        index = self.mapFromSource(self.source().index(row, 0))
        return index.row() if index.isValid() else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)
