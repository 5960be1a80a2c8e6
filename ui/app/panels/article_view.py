"""The article pane: title and metadata, a legend, and the read-only text with claim highlights.

Claim spans are drawn as extra selections (nothing is written into the document), so the text
stays exactly the stored text and offsets map one to one, apart from UTF-16: Qt counts UTF-16
units, the workspace counts code points, and `Utf16Map` converts at this edge.
"""

from __future__ import annotations

from bisect import bisect_right
from html import escape
from math import ceil
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetricsF, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from db.queries.claim_rows import ClaimRow
from ui.app.palette import KIND_HUES, KIND_LABELS, highlight_colour, underline_colour
from ui.app.panels.claim_columns import source_kind_of
from ui.app.plain_text import set_plain, set_rich
from ui.app.text_offsets import Utf16Map
from workbench.extraction.source_kinds import article_outlet
from workbench.model import Article, Origin

MEASURE_MAX = 90  # characters a line at most: wider panes get side margins (a readable measure)
WRAP_SLACK = 6  # characters a wrapped line leaves empty at its end, on average (measured on the seed)
ZOOM_STEPS = (-4, 12)  # point sizes the text may shrink or grow by (Ctrl+- / Ctrl++)
# running text to average character widths over (letters, spaces and punctuation as in an article)
SAMPLE = "The minister said on Monday that 3,000 troops would stay, officials told reporters. "


class ArticleText(QPlainTextEdit):
    """Read-only, selectable article text with claim highlights and hover tooltips.

    The text keeps a readable measure: lines of at most `MEASURE_MAX` characters (wider panes
    get margins either side). `zoom(steps)` grows or shrinks the font (`zoom_changed(steps)`).
    A press inside the selection starts a new selection, as in a text editor; dragging the
    selected text away needs Ctrl held.
    """

    claim_clicked = Signal(int)
    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(10)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.12)
        self.setFont(font)
        self._base_points = font.pointSizeF()
        self.zoom_steps = 0
        self.viewport().setMouseTracking(True)
        self.context_actions: list[QAction] = []
        self._map = Utf16Map("")
        self._rows: list[tuple] = []
        self._starts: list[int] = []
        self._current: int | None = None
        self._press: QPoint | None = None
        self.agency = ""  # the article's agency: the source of claims in its own voice

    # --- content ------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self._map = Utf16Map(text)
        self._rows = []
        self._starts = []
        self._current = None
        self.setPlainText(text)
        self.setExtraSelections([])

    def set_claims(self, rows: list[tuple], current: int | None = None) -> None:
        """Highlight these claim rows (tuples from db.queries.claim_rows); rejected ones are skipped."""
        self._rows = sorted(
            (r for r in rows if r[ClaimRow.ORIGIN] != Origin.REJECTED.value),
            key=lambda r: (r[ClaimRow.START], -r[ClaimRow.END]),
        )
        self._starts = [r[ClaimRow.START] for r in self._rows]
        self._current = current
        self._paint()

    def set_current(self, claim_id: int | None) -> None:
        if claim_id != self._current:
            self._current = claim_id
            self._paint()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        n = self.document().characterCount() - 1
        cursor.setPosition(min(self._map.to_utf16(start), n))
        cursor.setPosition(min(self._map.to_utf16(end), n), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _paint(self) -> None:
        selections = []
        for row in self._rows:
            kind = row[ClaimRow.SOURCE_KIND] or "agency"
            strong = row[ClaimRow.ID] == self._current
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(row[ClaimRow.START], row[ClaimRow.END])
            fmt = QTextCharFormat()
            fmt.setBackground(highlight_colour(kind, strong=strong))
            sel.format = fmt
            selections.append(sel)
        # source phrases on top, so their underline shows over any claim background
        for row in self._rows:
            start, end = row[ClaimRow.SOURCE_START], row[ClaimRow.SOURCE_END]
            if start is None or end is None or end <= start:
                continue
            kind = row[ClaimRow.SOURCE_KIND] or "agency"
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(start, end)
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(underline_colour(kind))
            if row[ClaimRow.ID] == self._current:
                fmt.setFontWeight(QFont.Weight.DemiBold)
                fmt.setBackground(highlight_colour(kind, strong=True))
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    # --- offsets and selection ----------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text as code-point offsets (None when nothing is selected)."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_cp(cursor.selectionStart())
        end = self._map.to_cp(cursor.selectionEnd(), round_up=True)
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select text[start:end] (code points) and scroll it into view."""
        cursor = self._cursor(start, end)
        self.setTextCursor(cursor)
        self.centerCursor() if not self._visible(cursor) else self.ensureCursorVisible()

    def _visible(self, cursor: QTextCursor) -> bool:
        rect = self.cursorRect(cursor)
        return self.viewport().rect().contains(rect)

    def claim_at(self, pos: QPoint) -> int | None:
        """The innermost claim under a viewport position."""
        u16 = self.cursorForPosition(pos).position()
        cp = self._map.to_cp(u16)
        best = None
        for i in range(bisect_right(self._starts, cp) - 1, -1, -1):
            row = self._rows[i]
            inside = row[ClaimRow.START] <= cp < row[ClaimRow.END]
            if inside and (
                best is None
                or row[ClaimRow.END] - row[ClaimRow.START] < best[ClaimRow.END] - best[ClaimRow.START]
            ):
                best = row
            if cp - row[ClaimRow.START] > 5000:  # claims are sentences: stop scanning far back
                break
        return None if best is None else best[ClaimRow.ID]

    def row_for(self, claim_id: int) -> tuple | None:
        return next((r for r in self._rows if r[ClaimRow.ID] == claim_id), None)

    # --- measure and zoom ---------------------------------------------------------------

    def char_width(self) -> float:
        """The average width of a character of running text in the current font (px)."""
        return QFontMetricsF(self.font()).horizontalAdvance(SAMPLE) / len(SAMPLE)

    def _chrome(self) -> int:
        """Frame, document margins and the vertical scroll bar around the text (px)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return round(2 * self.frameWidth() + 2 * self.document().documentMargin() + bar + 4)

    def width_for_chars(self, chars: int) -> int:
        """The pane width whose wrapped lines hold about `chars` characters (a line breaks at a
        word, so it holds WRAP_SLACK fewer characters than fit its width, on average)."""
        return ceil((chars + WRAP_SLACK) * self.char_width()) + self._chrome()

    def chars_per_line(self) -> float:
        """How many characters of running text a line holds at the current width."""
        text_width = self.viewport().width() - 2 * self.document().documentMargin()
        return text_width / self.char_width()

    def _fit_measure(self) -> None:
        """Side margins that keep lines at most MEASURE_MAX characters long, centring the text."""
        bar = self.verticalScrollBar()
        room = self.width() - 2 * self.frameWidth() - (bar.width() if bar.isVisible() else 0)
        widest = ceil((MEASURE_MAX - WRAP_SLACK) * self.char_width() + 2 * self.document().documentMargin())
        side = max(0, (room - widest) // 2)
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def zoom(self, steps: int) -> None:
        """Set the text size `steps` points above (below) the default; 0 resets it."""
        steps = max(ZOOM_STEPS[0], min(ZOOM_STEPS[1], int(steps)))
        font = QFont(self.font())
        font.setPointSizeF(self._base_points + steps)
        self.setFont(font)
        changed = steps != self.zoom_steps
        self.zoom_steps = steps
        self._fit_measure()
        if changed:
            self.zoom_changed.emit(steps)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_measure()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a light or dark theme: blend the hues again
            self._paint()

    def wheelEvent(self, event: Any) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # Ctrl+wheel zooms, remembered
            delta = event.angleDelta().y()
            if delta:
                self.zoom(self.zoom_steps + (1 if delta > 0 else -1))
            event.accept()
            return
        super().wheelEvent(event)

    # --- events -------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            claim_id = self.claim_at(event.pos())
            row = self.row_for(claim_id) if claim_id is not None else None
            if row is None:
                QToolTip.hideText()
                event.ignore()
                return True
            kind_value = source_kind_of(row)
            kind = KIND_LABELS.get(kind_value, kind_value)
            source = row[ClaimRow.SOURCE] or (self.agency or "the agency" if kind_value == "agency" else "—")
            origin = " · <i>proposed</i>" if row[ClaimRow.ORIGIN] == Origin.PROPOSED.value else ""
            via = f" via {escape(row[ClaimRow.VIA])}" if row[ClaimRow.VIA] else ""
            QToolTip.showText(
                event.globalPos(),
                f"<b>Claim #{row[ClaimRow.ID]}: {escape(row[ClaimRow.SUMMARY])}</b><br>"
                f"Source: {escape(source)}{via} ({escape(kind)}){origin}",
                self.viewport(),
            )
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: Any) -> None:
        self._press = event.position().toPoint()
        if self._inside_selection(event):
            # A text editor starts a new selection here; Qt would start dragging the selected
            # text instead (only with Ctrl held, here). Drop the selection, then press as usual.
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
        super().mousePressEvent(event)

    def _inside_selection(self, event: Any) -> bool:
        """A plain left press (no Shift, no Ctrl) on the selected text."""
        mods = event.modifiers()
        if event.button() != Qt.MouseButton.LeftButton or mods & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        ):
            return False
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return False
        at = self.cursorForPosition(event.position().toPoint()).position()
        return cursor.selectionStart() <= at <= cursor.selectionEnd()

    def mouseReleaseEvent(self, event: Any) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        moved = self._press is not None and (pos - self._press).manhattanLength() > 3
        self._press = None
        if event.button() == Qt.MouseButton.LeftButton and not moved and not self.textCursor().hasSelection():
            claim_id = self.claim_at(pos)
            if claim_id is not None:
                self.claim_clicked.emit(claim_id)

    def contextMenuEvent(self, event: Any) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.context_actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in self.context_actions:
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()


class Legend(QLabel):
    """Swatches explaining the highlight colours; one wrapping label, so a narrow pane wraps the
    legend onto two lines instead of forcing the window wider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.refresh()

    def refresh(self) -> None:
        items = []
        for kind in KIND_HUES:
            colour = highlight_colour(kind, strong=True).name()
            label = KIND_LABELS[kind].replace(" ", "&nbsp;")
            items.append(f"<span style='background:{colour}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{label}")
        items.append("<u>underlined</u>:&nbsp;source&nbsp;phrase")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(" &nbsp; ".join(items))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()
        super().changeEvent(event)


class ArticleView(QWidget):
    """Header (title, metadata, "Edit details…"), legend, and the article text."""

    edit_requested = Signal()  # the person wants to correct the title, URL, date or publisher

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.setSpacing(4)
        self.title = set_plain(QLabel())  # the title as imported, never markup
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = set_rich(QLabel())  # date · agency · dateline (escaped) and the URL's link
        self.meta.setWordWrap(True)
        self.meta.setOpenExternalLinks(True)
        self.meta.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.legend = Legend()
        self.text = ArticleText()
        self.sign_notice = set_plain(QLabel())  # "Signed off by X … changes since are not covered"
        self.sign_notice.setWordWrap(True)
        self.sign_notice.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0c060;"
            " border-radius: 3px; padding: 4px 6px; }"
        )
        self.sign_notice.hide()
        self.edit = QToolButton()
        self.edit.setText("Edit details…")
        self.edit.setToolTip("Correct the article's title, URL, date, publisher, agency or dateline")
        self.edit.setAutoRaise(True)
        self.edit.clicked.connect(self.edit_requested)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addWidget(self.sign_notice)
        layout.addWidget(self.legend)
        layout.addWidget(self.text, 1)
        self.article: Article | None = None
        self.set_article(None)

    def set_sign_notice(self, text: str) -> None:
        """Show (or with "" hide) the warning bar above the article."""
        self.sign_notice.setText(text)
        self.sign_notice.setVisible(bool(text))

    def set_article(self, article: Article | None) -> None:
        self.article = article
        if article is None:
            self.title.setText("No article open")
            self.meta.setText("Import articles with File → Import (Ctrl+I) or drop files on the window.")
            self.edit.hide()
            self.text.set_text("")
            return
        self.edit.show()
        self.title.setText(article.title or "(untitled)")
        outlet = article_outlet(article)
        bits = [b for b in (article.date, outlet, article.dateline) if b]
        meta = " · ".join(escape(b) for b in bits)
        if article.url.lower().startswith(("http://", "https://")):
            meta += f" · <a href='{escape(article.url)}'>{escape(article.url[:70])}</a>"
        elif article.url:  # never a live link for javascript:, file: and other schemes
            meta += f" · {escape(article.url[:70])}"
        self.meta.setText(meta)
        self.text.set_text(article.text)
        self.text.agency = outlet
