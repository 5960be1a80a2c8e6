"""The detail panel of the current claim: its fields, and its notes and evidence.

It is a QTabWidget: other panels (matches, audit, desk review) are added as tabs through
the window's `_install_panels`. Every edit goes through the window's undo stack.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.app.dialogs import NoteDialog
from ui.app.palette import KIND_LABELS
from ui.app.plain_text import literal, set_plain, set_rich
from ui.app.undo import AddNote, DeleteNote, EditNote, UpdateClaims, judging
from workbench.extraction.source_kinds import article_outlet
from workbench.model import Claim, ClaimKind, Note, Origin, Status

if TYPE_CHECKING:
    from ui.app.context import WindowContext


def origin_text(claim: Claim) -> str:
    """Where a claim came from: the engine proposed it, or a person added it."""
    who = f" by {claim.created_by}" if claim.created_by else ""
    return {
        Origin.PROPOSED: "Proposed by the engine — not reviewed yet (A accepts, R rejects)",
        Origin.ACCEPTED: "Proposed by the engine, accepted",
        Origin.REJECTED: "Proposed by the engine, rejected",
        Origin.MANUAL: f"Added{who}",
    }[claim.origin]


def worth_text(claim: Claim, threshold: int) -> str:
    """The claim's worth and its reasons as plain text: "34 — weak (below 50)", then a reason a line."""
    if claim.worth is None:
        return "—"
    if claim.weak(threshold):
        verdict = f"weak (below {threshold}): hidden unless “Weak” is ticked"
    elif claim.worth < threshold:
        verdict = f"below {threshold}, kept because a person reviewed it"
    else:
        verdict = "worth checking"
    lines = [f"{claim.worth} — {verdict}", *(r.label() for r in claim.worth_reasons)]
    return "\n".join(lines)


class ClaimTab(QWidget):
    """Summary, type, status, source, via and reviewer of one claim.

    `source_requested` asks the window to open the claim's source picker (Choose source…).
    """

    source_requested = Signal()

    def __init__(self, window: WindowContext) -> None:
        super().__init__()
        self.window_ = window
        self.claim: Claim | None = None
        # the version each line edit's text was begun on: an edit typed while another session
        # changed the claim names the old one, so it is refused (shown, not lost), never a silent overwrite
        self.begun: dict[str, int] = {}
        self.heading = set_rich(QLabel())  # "Claim #12" and the claim's text, escaped
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLineEdit()
        self.kind = QComboBox()
        for k in ClaimKind:
            self.kind.addItem(k.value.capitalize(), k.value)
        self.status = QComboBox()
        for i, s in enumerate(Status, 1):
            self.status.addItem(f"{s.label}  ({i})", s.value)
        self.source = set_rich(QLabel())  # name — kind, then the phrase in italics: each escaped
        self.source.setWordWrap(True)  # a long source phrase wraps instead of being clipped
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.choose_source = QPushButton("Choose source…")
        self.choose_source.setToolTip("Choose the source from the registry (Ctrl+Shift+S)")
        self.via = set_plain(QLabel())
        self.via.setWordWrap(True)
        self.reviewer = QLineEdit()
        self.reviewer.setPlaceholderText("desk editor reviewing this claim")
        self.origin = set_plain(QLabel())  # names who added it
        self.origin.setWordWrap(True)
        self.numbers = set_plain(QLabel())
        self.numbers.setWordWrap(True)
        self.worth = set_plain(QLabel())  # "62 — worth checking", then one reason a line
        self.worth.setWordWrap(True)
        self.worth.setToolTip(
            "Check-worthiness 0–100: the points of each rule that fired (docs/worth.md). Proposals below"
            " the threshold (Preferences) are weak: hidden in the table and left out of reports until accepted."
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow("&Summary", self.summary)
        form.addRow("&Type", self.kind)
        form.addRow("S&tatus", self.status)
        form.addRow("Source", self.source)
        form.addRow("", self.choose_source)
        form.addRow("Via", self.via)
        form.addRow("&Reviewer", self.reviewer)
        form.addRow("Origin", self.origin)
        form.addRow("Numbers", self.numbers)
        form.addRow("Worth", self.worth)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addStretch(1)
        self.summary.editingFinished.connect(
            lambda: self._set("summary", self.summary.text().strip(), "Edit summary")
        )
        self.reviewer.editingFinished.connect(
            lambda: self._set("reviewer", self.reviewer.text().strip(), "Set reviewer")
        )
        self.kind.activated.connect(
            lambda _=0: self._set("kind", ClaimKind(self.kind.currentData()), "Set type")
        )
        self.status.activated.connect(
            lambda _=0: self._set("status", Status(self.status.currentData()), "Set status")
        )
        self.choose_source.clicked.connect(self.source_requested)
        self.set_claim(None)

    def _set(self, field: str, value: object, text: str) -> None:
        if self.claim is None or self.window_.ws.read_only:
            return
        current = getattr(self.claim, field)
        if current == value or (field == "summary" and not value):
            return
        changes = judging(self.window_.ws, {self.claim.id: {field: value}})
        seen = self.begun.get(field, self.claim.version)
        edit = {"summary": self.summary, "reviewer": self.reviewer}.get(field)
        if edit is not None:
            edit.setModified(False)  # handed to the command: the refresh after it may show the stored text
        self.window_.undo_stack.push(UpdateClaims(self.window_, changes, text, {self.claim.id: seen}))

    def _agency(self, article_id: int) -> str:
        """The agency a claim with no attribution speaks for (its article's agency)."""
        try:
            article = self.window_.ws.articles.get(article_id)
        except LookupError:
            return "the agency"
        return article_outlet(article) or "the agency"

    def set_claim(self, claim: Claim | None) -> None:
        same = claim is not None and self.claim is not None and claim.id == self.claim.id
        for field, edit in (("summary", self.summary), ("reviewer", self.reviewer)):
            typing = same and edit.hasFocus() and edit.isModified()
            if not typing and claim is not None:
                self.begun[field] = claim.version
        self.claim = claim
        enabled = claim is not None and not self.window_.ws.read_only
        for w in (self.summary, self.kind, self.status, self.reviewer, self.choose_source):
            w.setEnabled(enabled)
        if claim is None:  # nothing stale: every field empty
            self.heading.setText(
                "<i>No claim selected.</i> Select text in the article and press Ctrl+Return."
            )
            for w in (self.summary, self.reviewer):
                w.setText("")
            for w in (self.kind, self.status):
                w.setCurrentIndex(-1)
            for w in (self.source, self.via, self.origin, self.numbers, self.worth):
                w.setText("")
            return
        self.heading.setText(
            f"<span style='font-size:large'><b>Claim #{claim.id}</b></span>"
            + (" <i>(orphaned)</i>" if claim.orphan else "")
            + f"<br><b>{escape(claim.text)}</b>"
        )
        self.heading.setToolTip(f"Claim #{claim.id}: the same number in reports, exports and the CLI")
        if not (same and self.summary.hasFocus() and self.summary.isModified()):
            self.summary.setText(claim.summary)  # clears isModified
            self.summary.setCursorPosition(0)  # show the start of a long summary, not its end
        if not (same and self.reviewer.hasFocus() and self.reviewer.isModified()):
            self.reviewer.setText(claim.reviewer)
        self.kind.setCurrentIndex(self.kind.findData(claim.kind.value))
        self.status.setCurrentIndex(self.status.findData(claim.status.value))
        kind = KIND_LABELS.get(claim.source_kind.value if claim.source_kind else "agency", "")
        source = claim.source_name or claim.source_phrase or self._agency(claim.article_id)
        phrase = (
            f"<br><i>“{escape(claim.source_phrase)}”</i>"
            if claim.source_phrase and claim.source_phrase != source
            else ""
        )
        unsure = (
            "<br>unsure: the engine's reading of this phrase rests on weak evidence; check who it is"
            if claim.source_unsure
            else ""
        )
        self.source.setText(f"{escape(source)} — {escape(kind)}{phrase}{unsure}")
        self.source.setToolTip("who the phrase refers to is a guess: check it" if claim.source_unsure else "")
        self.via.setText(claim.via or "—")
        self.origin.setText(origin_text(claim))
        self.numbers.setText(", ".join(n.text for n in claim.numbers) or "—")
        self.worth.setText(worth_text(claim, self.window_.settings.worth_threshold))


class NotesTab(QWidget):
    """Notes and evidence of one claim: add, edit, delete."""

    def __init__(self, window: WindowContext) -> None:
        super().__init__()
        self.window_ = window
        self.claim_id: int | None = None
        self.notes: list[Note] = []
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.add_note = QPushButton("Add &note")
        self.add_evidence = QPushButton("Add &evidence")
        self.edit = QPushButton("Edit")
        self.delete = QPushButton("Delete")
        buttons = QGridLayout()  # two rows: the tab stays narrow enough for a 1366-pixel screen
        for i, b in enumerate((self.add_note, self.add_evidence, self.edit, self.delete)):
            buttons.addWidget(b, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_note.clicked.connect(lambda: self.new(evidence=False))
        self.add_evidence.clicked.connect(lambda: self.new(evidence=True))
        self.edit.clicked.connect(self.edit_current)
        self.delete.clicked.connect(self.delete_current)
        self.list.itemActivated.connect(lambda _item: self.edit_current())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.set_claim(None)

    def set_claim(self, claim_id: int | None) -> None:
        self.claim_id = claim_id
        self.notes = self.window_.ws.notes.for_claim(claim_id) if claim_id is not None else []
        row = self.list.currentRow()
        self.list.clear()
        for note in self.notes:
            item = QListWidgetItem(self._label(note))
            item.setToolTip(literal(note.url or note.body))
            if note.url:  # a standard icon: the fonts we can count on (DejaVu) have no 🔗
                item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileLinkIcon))
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self._enable()

    @staticmethod
    def _label(note: Note) -> str:
        parts = []
        if note.url:
            parts.append(note.url)
        if note.quote:
            parts.append(f"“{note.quote}”")
        if note.body:
            parts.append(note.body)
        parts.append(f"— {note.author}, {note.created_at[:16].replace('T', ' ')}")
        return "\n".join(parts)

    def _enable(self) -> None:
        writable = self.claim_id is not None and not self.window_.ws.read_only
        self.add_note.setEnabled(writable)
        self.add_evidence.setEnabled(writable)
        has = writable and self.list.currentRow() >= 0
        self.edit.setEnabled(has)
        self.delete.setEnabled(has)

    def new(self, evidence: bool) -> None:
        if self.claim_id is None or self.window_.ws.read_only:
            return
        dialog = NoteDialog(evidence=evidence, parent=self)
        if dialog.exec() and any(dialog.values().values()):
            self.window_.undo_stack.push(AddNote(self.window_, self.claim_id, **dialog.values()))

    def edit_current(self) -> None:
        row = self.list.currentRow()
        if self.claim_id is None or not 0 <= row < len(self.notes):
            return
        note = self.notes[row]
        dialog = NoteDialog(
            body=note.body, url=note.url, quote=note.quote, evidence=note.is_evidence, parent=self
        )
        if dialog.exec():
            values = dialog.values()
            changed = {k: v for k, v in values.items() if getattr(note, k) != v}
            if changed:
                self.window_.undo_stack.push(
                    EditNote(self.window_, self.claim_id, note.id, changed, note.version)
                )

    def delete_current(self) -> None:
        row = self.list.currentRow()
        if self.claim_id is not None and 0 <= row < len(self.notes):
            note = self.notes[row]
            self.window_.undo_stack.push(DeleteNote(self.window_, self.claim_id, note.id, note.version))


class DetailPanel(QTabWidget):
    """Tabs about the current claim. `claim_tab` and `notes_tab` are built in; others are added.

    Each page sits in a scroll area, so a tab that needs more room than the pane has scrolls
    instead of forcing the pane (and the window) wider. The wrapping is invisible to callers:
    `addTab`, `indexOf`, `setCurrentWidget`, `currentWidget` and `widget` take and return pages.
    """

    def __init__(self, window: WindowContext) -> None:
        super().__init__()
        self.window_ = window
        self._wrappers: dict[int, QScrollArea] = {}
        self.setUsesScrollButtons(True)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.claim_tab = ClaimTab(window)
        self.notes_tab = NotesTab(window)
        self.addTab(self.claim_tab, "Claim")
        self.addTab(self.notes_tab, "Notes")  # short labels: every tab shows at the default width
        self.setTabToolTip(self.indexOf(self.notes_tab), "Notes and evidence (URL + quoted passage)")
        self.claim_id: int | None = None

    # --- pages in scroll areas -------------------------------------------------------------

    def _wrap(self, page: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        self._wrappers[id(page)] = area
        return area

    def _outer(self, page: QWidget | None) -> QWidget | None:
        return self._wrappers.get(id(page), page) if page is not None else None

    @staticmethod
    def _inner(outer: QWidget | None) -> QWidget | None:
        return outer.widget() if isinstance(outer, QScrollArea) else outer

    def addTab(self, page: QWidget, *args: Any) -> int:  # noqa: N802 - Qt's name
        return super().addTab(self._wrap(page), *args)

    def insertTab(self, index: int, page: QWidget, *args: Any) -> int:  # noqa: N802
        return super().insertTab(index, self._wrap(page), *args)

    def indexOf(self, page: QWidget) -> int:  # noqa: N802
        return super().indexOf(self._outer(page))

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802
        super().setCurrentWidget(self._outer(page))

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self._inner(super().currentWidget())

    def widget(self, index: int) -> QWidget | None:
        return self._inner(super().widget(index))

    def set_claim(self, claim_id: int | None) -> None:
        self.claim_id = claim_id
        claim = None
        if claim_id is not None:
            try:
                claim = self.window_.ws.claims.get(claim_id)
            except LookupError:
                claim = None
                self.claim_id = None
        self.claim_tab.set_claim(claim)
        self.notes_tab.set_claim(self.claim_id)
        n = len(self.notes_tab.notes)
        self.setTabText(self.indexOf(self.notes_tab), f"Notes ({n})" if n else "Notes")
