"""A read-only text view that highlights one span and keeps it in view."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from ui.app.text_offsets import Utf16Map


class SpanView(QPlainTextEdit):
    """A read-only article with one span highlighted and kept in view.

    Scrolling to the span waits until the view has its size: a span shown while the tab is
    hidden or before the first layout would otherwise leave the view at the top of the article
    (found in a dogfood session). Until the reader scrolls, every resize or show centres it again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self._span: tuple[int, int] | None = None  # UTF-16 positions
        self._follow = False
        self.verticalScrollBar().actionTriggered.connect(self._reader_scrolled)

    def show_span(self, text: str, start: int, end: int, colour: QColor) -> None:
        """Show `text` with text[start:end] (code points) highlighted and scrolled to the middle."""
        if self.toPlainText() != text:
            self.setPlainText(text)
        offsets = Utf16Map(text)
        span = (offsets.to_utf16(min(start, len(text))), offsets.to_utf16(min(end, len(text))))
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        selection.format = fmt
        self.setExtraSelections([selection])
        self._span, self._follow = span, True
        self.scroll_to_span()

    def clear_span(self) -> None:
        self._span, self._follow = None, False
        self.setExtraSelections([])
        self.clear()

    def span(self) -> tuple[int, int] | None:
        return self._span

    def scroll_to_span(self) -> None:
        """Centre the span (its end too, when it fits), with the caret at its start."""
        if self._span is None:
            return
        end = QTextCursor(self.document())
        end.setPosition(self._span[1])
        self.setTextCursor(end)
        self.ensureCursorVisible()
        start = QTextCursor(self.document())
        start.setPosition(self._span[0])
        self.setTextCursor(start)
        self.centerCursor()
        self.ensureCursorVisible()

    def _reader_scrolled(self, _action: int) -> None:
        self._follow = False  # the reader scrolled: leave the view where they put it

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._follow:
            self.scroll_to_span()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._follow:
            QTimer.singleShot(0, self.scroll_to_span)
