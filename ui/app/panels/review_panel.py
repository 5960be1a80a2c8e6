"""Desk review: approve or query the current claim with a comment, sign off the article, and see
the claim's history (the audit log: who, when, what, old → new).

Marks go through the window's undo stack (`UpdateClaims`), sign-offs through `SignOffArticle`,
so both can be undone; every write and its undo leave audit entries.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.queries.report_data import audit_records, open_questions
from ui.app.palette import readable
from ui.app.plain_text import literal, rich_label
from ui.app.undo import UpdateClaims, WorkspaceCommand, judging
from workbench.model import Review
from workbench.reports.history import describe

if TYPE_CHECKING:
    from ui.app.context import WindowContext


class SignOffArticle(WorkspaceCommand):
    """Sign off an article (editor "" withdraws); undo puts the previous sign-off back.

    Args:
        seen: the article's version the panel showed (None: as it is stored now); each step
            moves it by one, and a step is refused when someone changed the article in between.
    """

    def __init__(
        self, window: WindowContext, article_id: int, editor: str, comment: str, seen: int | None = None
    ) -> None:
        super().__init__("Sign off article" if editor else "Withdraw sign-off")
        self.window = window
        self.article_id = article_id
        self.new = (editor, comment)
        self.old: tuple[str, str] | None = None
        self.version = seen

    def redo(self) -> None:
        seen = self.named("article", self.article_id, self.version)
        editor, _at, comment = self.window.ws.articles.sign_off(self.article_id)
        old = (editor, comment)  # refused below if the article moved on after this read
        self.window.ws.articles.set_sign_off(self.article_id, *self.new, if_version=seen)
        self.old = old
        self._moved(seen)

    def undo(self) -> None:
        if self.old is None:
            self._after()
            return
        seen = self.named("article", self.article_id, self.version)
        self.window.ws.articles.set_sign_off(self.article_id, *self.old, if_version=seen)
        self._moved(seen)

    def _moved(self, seen: int | None) -> None:
        # each sign-off step moves the article by one (db/stores/versions.py)
        self.version = None if seen is None else seen + 1
        self.left("article", self.article_id, self.version)
        self._after()

    def _after(self) -> None:
        self.window.after_sign_off()  # the article list's "✓ signed off", the notice, `changed`

    def yours(self) -> str:
        return f"signed off by {self.new[0]}" if self.new[0] else "sign-off withdrawn"


class ReviewPanel(QWidget):
    """The desk editor's tab: review mark and comment per claim, article sign-off, claim history."""

    def __init__(self, window: WindowContext) -> None:
        super().__init__()
        self.window = window
        self.claim_id: int | None = None
        self.article_id: int | None = None
        # the claim's version shown: a mark names it (db/stores/versions.py)
        self.claim_version: int | None = None
        self._comment_of: int | None = None  # the claim whose comment the box holds

        self.claim_label = rich_label("No claim selected.", wrap=True)  # summary and text, escaped
        self.mark_label = rich_label()
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText("Comment for the fact-checker (what to fix, what is missing)")
        self.comment.setMaximumHeight(80)
        self.approve = QPushButton("Approve")
        self.query = QPushButton("Query")
        self.clear = QPushButton("Clear mark")
        self.approve.clicked.connect(lambda: self.set_review(Review.APPROVED))
        self.query.clicked.connect(lambda: self.set_review(Review.QUERY))
        self.clear.clicked.connect(lambda: self.set_review(Review.NONE))
        buttons = QHBoxLayout()
        for b in (self.approve, self.query, self.clear):
            buttons.addWidget(b)
        claim_box = QGroupBox("Claim review")
        form = QVBoxLayout(claim_box)
        form.addWidget(self.claim_label)
        form.addWidget(self.mark_label)
        form.addWidget(self.comment)
        form.addLayout(buttons)

        self.sign_label = rich_label(wrap=True)
        self.sign_comment = QLineEdit()
        self.sign_comment.setPlaceholderText("Sign-off note (optional)")
        self.sign_button = QPushButton("Sign off article")
        self.sign_button.clicked.connect(self.toggle_sign_off)
        article_box = QGroupBox("Article sign-off")
        aform = QFormLayout(article_box)
        aform.addRow(self.sign_label)
        aform.addRow(self.sign_comment)
        aform.addRow(self.sign_button)

        self.history = QTableWidget(0, 3)
        self.history.setHorizontalHeaderLabels(["When (UTC)", "Who", "Change"])
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.addWidget(claim_box)
        layout.addWidget(article_box)
        layout.addWidget(rich_label("<b>History of this claim</b>"))
        layout.addWidget(self.history, 1)
        self.refresh()

    # --- public API -------------------------------------------------------------------------

    def set_claim(self, claim_id: int | None) -> None:
        self.claim_id = claim_id if claim_id is not None and claim_id >= 0 else None
        self.refresh()

    def set_article(self, article_id: int | None) -> None:
        self.article_id = article_id if article_id is not None and article_id >= 0 else None
        self.refresh()

    def set_review(self, mark: Review) -> None:
        """Mark the current claim (with the comment box's text) through the undo stack."""
        if self.claim_id is None or self.window.ws.read_only:
            return
        comment = self.comment.toPlainText().strip() if mark is not Review.NONE else ""
        claim = self.window.ws.claims.get(self.claim_id)
        if mark is Review.APPROVED and claim.review is Review.QUERY and comment == claim.review_comment:
            comment = ""  # approving answers the query: it stays in the history, not as the comment
        reviewer = self.window.ws.user if mark is not Review.NONE else ""
        text = {Review.APPROVED: "Approve claim", Review.QUERY: "Query claim"}.get(mark, "Clear review mark")
        changes = {self.claim_id: {"review": mark, "reviewer": reviewer, "review_comment": comment}}
        seen = {self.claim_id: self.claim_version} if self.claim_version is not None else None
        self.comment.document().setModified(False)  # handed to the command
        self.window.undo_stack.push(UpdateClaims(self.window, judging(self.window.ws, changes), text, seen))

    def toggle_sign_off(self) -> None:
        """Sign off the article, or withdraw its sign-off; asks first when claims are still open
        or when it is already signed off."""
        if self.article_id is None or self.window.ws.read_only:
            return
        # what the question below shows is what the person decides on: a change meanwhile is refused
        seen = self.window.ws.articles.get(self.article_id).version
        editor, at, _comment = self.window.ws.articles.sign_off(self.article_id)
        if editor:
            when = at[:16].replace("T", " ")
            if not self.ask(
                "Withdraw sign-off",
                f"Already signed off by {editor} on {when}.\n\nWithdraw the sign-off?",
                "Withdraw sign-off",
            ):
                return
            self.window.undo_stack.push(SignOffArticle(self.window, self.article_id, "", "", seen))
            return
        threshold = self.window.settings.worth_threshold  # as the table and the Sourcing tab count
        open_items = open_questions(self.window.ws, self.article_id, threshold=threshold).lines()
        if open_items and not self.ask(
            "Sign off article",
            "This article still has:\n"
            + "\n".join(f"  •  {line}" for line in open_items)
            + "\n\nSign it off anyway?",
            "Sign off anyway",
        ):
            return
        comment = self.sign_comment.text().strip()
        self.window.undo_stack.push(
            SignOffArticle(self.window, self.article_id, self.window.ws.user, comment, seen)
        )

    def ask(self, title: str, text: str, ok: str) -> bool:
        """A Yes/Cancel question (tests replace this method)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it names the editor who signed off
        yes = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def refresh(self) -> None:
        ws = self.window.ws
        writable = not ws.read_only
        claim = None
        if self.claim_id is not None:
            try:
                claim = ws.claims.get(self.claim_id)
            except LookupError:
                self.claim_id = None
        for b in (self.approve, self.query, self.clear):
            b.setEnabled(writable and claim is not None)
        self.comment.setEnabled(writable and claim is not None)
        if claim is None:
            self.claim_version = self._comment_of = None
            self.claim_label.setText("No claim selected.")
            self.mark_label.setText("")
            self.comment.setPlainText("")
            self.history.setRowCount(0)
        else:
            self.claim_label.setText(f"<b>{escape(claim.summary)}</b><br><i>“{escape(claim.text)}”</i>")
            if claim.review is Review.NONE:
                self.mark_label.setText("Not reviewed by the desk yet.")
            else:
                color = readable("#2e7d32" if claim.review is Review.APPROVED else "#b3261e").name()
                self.mark_label.setText(
                    f"<span style='color:{color}'><b>{claim.review.value.capitalize()}</b></span>"
                    f" by {escape(claim.reviewer or '?')}"
                )
            typing = self._comment_of == claim.id and self.comment.document().isModified()
            if not typing:  # a comment being written stays, with the version it was begun on
                self.claim_version = claim.version
                if self.comment.toPlainText() != claim.review_comment:
                    self.comment.setPlainText(claim.review_comment)
                self.comment.document().setModified(False)
                self._comment_of = claim.id
            self._fill_history(self.claim_id)
        self._refresh_sign_off(writable)

    def _refresh_sign_off(self, writable: bool) -> None:
        if self.article_id is None:
            self.sign_label.setText("No article open.")
            self.sign_button.setEnabled(False)
            return
        try:
            editor, at, comment = self.window.ws.articles.sign_off(self.article_id)
        except LookupError:
            self.article_id = None
            self._refresh_sign_off(writable)
            return
        if editor:
            note = f" — “{escape(comment)}”" if comment else ""
            self.sign_label.setText(
                f"<span style='color:{readable('#2e7d32').name()}'><b>Signed off</b></span> by {escape(editor)}, {at[:16].replace('T', ' ')}{note}"
            )
            self.sign_button.setText("Withdraw sign-off")
        else:
            self.sign_label.setText(
                f"<span style='color:{readable('#b3261e').name()}'><b>Not signed off.</b></span>"
            )
            self.sign_button.setText("Sign off article")
        self.sign_button.setEnabled(writable)

    def _fill_history(self, claim_id: int | None) -> None:
        entries = audit_records(self.window.ws, claim_id=claim_id) if claim_id is not None else []
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(reversed(entries)):  # newest first
            line = describe(entry)
            cells = [entry.when[:19].replace("T", " "), entry.who, line]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(literal(line))
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.history.setItem(row, col, item)
        self.history.resizeRowsToContents()
