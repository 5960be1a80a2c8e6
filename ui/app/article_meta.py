"""Correcting an article's title, URL, date and publisher after import: the dialog the article
header's "Edit details…" opens, and the undoable command that stores the change (audited, one
entry per field, by `ArticleStore.update_meta`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from db.stores.articles import META_FIELDS, BadMetadata, clean_meta
from ui.app.palette import readable
from ui.app.undo import FieldEdit
from workbench.model import Article

if TYPE_CHECKING:
    from db.workspace import Workspace
    from ui.app.undo import UndoStack


class MainWindow(Protocol):
    """What these edits use of the main window (which imports this module, so not the class)."""

    ws: Workspace
    undo_stack: UndoStack
    article_list: Any
    article_view: Any
    changed: Any

    def current_article_id(self) -> int | None: ...

    def refresh_sign_notice(self) -> None: ...


LABELS = {
    "title": "&Title",
    "url": "&URL",
    "date": "&Date",
    "publisher": "&Publisher",
    "agency": "&Agency",
    "dateline": "Date&line",
}
HINTS = {
    "url": "https://… the article's page",
    "date": "2024-03-05, 5 March 2024, 2024-03-05T10:00+01:00 …",
    "agency": "the wire agency, if it is one (AFP, Reuters)",
    "dateline": "the place line (BAGHDAD)",
}


class ArticleMetaDialog(QDialog):
    """The article's details as fields; OK only when every value can be stored (else it says why)."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article details")
        self.article = article
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name in META_FIELDS:
            edit = QLineEdit(getattr(article, name))
            edit.setPlaceholderText(HINTS.get(name, ""))
            self.fields[name] = edit
            form.addRow(LABELS[name], edit)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # the value typed is shown back as text
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {readable('#b3261e').name()}")
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def changes(self) -> dict[str, str]:
        """The fields whose value differs from the article's, as they will be stored.

        Raises:
            BadMetadata: a value that cannot be stored.
        """
        result = {}
        for name, edit in self.fields.items():
            value = clean_meta(name, edit.text())
            if value != getattr(self.article, name):
                result[name] = value
        return result

    def accept(self) -> None:
        try:
            self.changes()
        except BadMetadata as exc:
            self.error.setText(str(exc)[:1].upper() + str(exc)[1:] + ".")
            self.error.show()
            return
        super().accept()


class UpdateArticle(FieldEdit):
    """Set an article's details; undo puts the old values back exactly as they were.

    Args:
        seen: the article's version the dialog showed (None: as it is stored now).
    """

    entity = "article"

    def __init__(
        self, window: MainWindow, article_id: int, fields: dict[str, str], seen: int | None = None
    ) -> None:
        names = ", ".join(f for f in META_FIELDS if f in fields)
        super().__init__(f"Edit article {names}", article_id, fields, seen)
        self.window, self.article_id = window, article_id

    def update(self, fields: dict[str, Any], if_version: int | None) -> dict[str, Any]:
        return self.window.ws.articles.update_meta(
            self.article_id, exact=True, if_version=if_version, **fields
        )

    def after(self) -> None:
        refresh_article(self.window, self.article_id)

    def again(self) -> Callable[[], QUndoCommand]:
        window, article_id, wanted = self.window, self.article_id, self.wanted
        return lambda: UpdateArticle(window, article_id, wanted, window.ws.articles.get(article_id).version)


def refresh_article(window: MainWindow, article_id: int) -> None:
    """Show the new details wherever the article appears (header, list, History)."""
    window.article_list.refresh()
    if window.current_article_id() == article_id:
        window.article_view.set_article(window.ws.articles.get(article_id))
    window.refresh_sign_notice()
    window.changed.emit()


def edit_article_details(window: MainWindow) -> None:
    """Open the dialog for the current article and store what the person changed (undoable)."""
    article_id = window.current_article_id()
    if article_id is None:
        return
    article = window.ws.articles.get(article_id)
    dialog = ArticleMetaDialog(article, window)
    if window.ws.read_only:
        for edit in dialog.fields.values():
            edit.setReadOnly(True)
    if dialog.exec() != QDialog.DialogCode.Accepted or window.ws.read_only:
        return
    changes = dialog.changes()
    if changes:
        window.undo_stack.push(UpdateArticle(window, article_id, changes, article.version))
