"""Small dialogs: keyboard shortcuts, preferences, import results, note/evidence editor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.flows.importing import ImportReport
from ui.app.plain_text import literal, plain_label
from ui.app.settings import Settings
from ui.app.shortcuts import Shortcut, groups
from workbench.extraction.worth import DEFAULT_THRESHOLD


class ShortcutsDialog(QDialog):
    """Every shortcut, generated from ui/app/shortcuts.py: a heading row per group, then its keys.

    Heading rows span the table and are not enabled, so the arrow keys skip them (QTableView
    moves only onto enabled cells) and never land on an empty cell.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows: list[tuple[str, Shortcut | None]] = []
        for group, items in groups().items():
            rows.append((group, None))
            rows.extend((group, s) for s in items)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Action"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        bold = QFont(self.font())
        bold.setBold(True)
        for i, (group, s) in enumerate(rows):
            if s is None:
                item = QTableWidgetItem(group)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setFont(bold)
                item.setForeground(self.palette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
                self.table.setItem(i, 0, item)
                self.table.setSpan(i, 0, 1, 2)
                continue
            shown = ", ".join(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in s.keys
            )
            self.table.setItem(i, 0, QTableWidgetItem(shown))
            self.table.setItem(i, 1, QTableWidgetItem(s.description))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        first = next(i for i, (_, s) in enumerate(rows) if s is not None)
        self.table.setCurrentCell(first, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 600)


class PreferencesDialog(QDialog):
    def __init__(
        self,
        user: str,
        organisation: str,
        parent: QWidget | None = None,
        *,
        organisation_url: str = "",
        claim_path: str = "",
        threshold: int = DEFAULT_THRESHOLD,
    ) -> None:
        from workbench.reports.claimreview import DEFAULT_CLAIM_PATH

        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.user = QLineEdit(user)
        self.user.setPlaceholderText("shown in the audit log and as reviewer")
        self.organisation = QLineEdit(organisation)
        self.organisation.setPlaceholderText("the reviewing organisation, for reports")
        self.organisation_url = QLineEdit(organisation_url)
        self.organisation_url.setPlaceholderText("https://… where your fact checks are published")
        self.claim_path = QLineEdit(claim_path)
        self.claim_path.setPlaceholderText(DEFAULT_CLAIM_PATH)
        self.claim_path.setToolTip(
            "Where a claim's review sits on your site (the ClaimReview url): {claim} is the claim's "
            "number, {article} the article's"
        )
        self.threshold = QSpinBox()
        self.threshold.setAccessibleName("Worth threshold")
        self.threshold.lineEdit().setAccessibleName("Worth threshold")  # its editor, focused inside
        self.threshold.setRange(0, 100)
        self.threshold.setValue(threshold)
        self.threshold.setToolTip(
            "Proposals whose check-worthiness is below this are weak: hidden in the claims table until"
            f" “Weak” is ticked, and left out of reports until accepted (default {DEFAULT_THRESHOLD}; 0 shows all)"
        )
        form = QFormLayout(self)
        form.addRow("Your &name", self.user)
        form.addRow("&Organisation", self.organisation)
        form.addRow("Its &web site", self.organisation_url)
        form.addRow("&Review pages", self.claim_path)
        form.addRow("&Weak proposals below worth", self.threshold)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    @classmethod
    def for_settings(cls, settings: Settings, user: str, parent: QWidget | None = None) -> PreferencesDialog:
        return cls(
            settings.user_name or user,
            settings.organisation,
            parent,
            organisation_url=settings.organisation_url,
            claim_path=settings.claim_path,
            threshold=settings.worth_threshold,
        )

    def save(self, settings: Settings) -> None:
        settings.user_name = self.user.text()
        settings.organisation = self.organisation.text()
        settings.organisation_url = self.organisation_url.text()
        settings.claim_path = self.claim_path.text()
        settings.worth_threshold = self.threshold.value()


class ImportReportDialog(QDialog):
    """What an import did: each failed file and each row or annotation left out, with its reason;
    and what the person should know (review marks in an annotation file that were not applied)."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished" if not report.cancelled else "Import cancelled")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(report.summary(), wrap=True))
        problems = [*report.failed, *report.skipped]
        self.failures: QTableWidget | None = None
        if problems:
            said = []
            if report.failed:
                said.append(f"{len(report.failed)} file(s) could not be imported")
            if report.skipped:
                said.append(f"{len(report.skipped)} row(s) or annotation(s) were left out")
            layout.addWidget(plain_label("; ".join(said) + ":"))
            self.failures = QTableWidget(len(problems), 2)
            self.failures.setHorizontalHeaderLabels(["File", "Reason"])
            self.failures.verticalHeader().hide()
            self.failures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            for i, problem in enumerate(problems):
                path = str(getattr(problem, "path", "") or "")
                reason = str(getattr(problem, "reason", "") or problem)
                item = QTableWidgetItem(path.rsplit("/", 1)[-1] or path)
                item.setToolTip(literal(path))
                self.failures.setItem(i, 0, item)
                cell = QTableWidgetItem(reason)
                cell.setToolTip(literal(reason))
                self.failures.setItem(i, 1, cell)
            self.failures.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            self.failures.resizeColumnToContents(0)
            layout.addWidget(self.failures)
        for note in report.notes:
            layout.addWidget(plain_label(note, wrap=True))
        self.unsure: QTableWidget | None = None
        if report.unsure:
            layout.addWidget(
                plain_label(
                    f"{len(report.unsure)} file(s) were imported, but their encoding is a guess: "
                    "check that their text reads right.",
                    wrap=True,
                )
            )
            self.unsure = QTableWidget(len(report.unsure), 2)
            self.unsure.setHorizontalHeaderLabels(["File", "Encoding"])
            self.unsure.verticalHeader().hide()
            self.unsure.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            for i, (path, note) in enumerate(report.unsure):
                item = QTableWidgetItem(path.rsplit("/", 1)[-1] or path)
                item.setToolTip(path)
                self.unsure.setItem(i, 0, item)
                self.unsure.setItem(i, 1, QTableWidgetItem(note))
            self.unsure.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            self.unsure.resizeColumnToContents(0)
            layout.addWidget(self.unsure)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 360 if problems or report.unsure else 120 + 40 * len(report.notes))


class NoteDialog(QDialog):
    """Edit a note, or evidence: a URL and the passage quoted from it, with a comment."""

    def __init__(
        self,
        *,
        body: str = "",
        url: str = "",
        quote: str = "",
        evidence: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evidence" if evidence else "Note")
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://…")
        self.quote = QPlainTextEdit(quote)
        self.quote.setPlaceholderText("the passage that supports or contradicts the claim")
        self.quote.setTabChangesFocus(True)
        self.body = QPlainTextEdit(body)
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText("your note")
        form = QFormLayout(self)
        if evidence or url or quote:
            form.addRow("&URL", self.url)
            form.addRow("&Quoted passage", self.quote)
        form.addRow("&Note", self.body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setToolTip("OK (Ctrl+Return)")
        form.addRow(buttons)
        # Return makes a new line in the text boxes: Ctrl+Return is OK from anywhere in the dialog
        # (the text boxes take Ctrl+Return for themselves, so they are filtered too)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept, context=Qt.ShortcutContext.WindowShortcut)
        for box in (self.quote, self.body):
            box.installEventFilter(self)
        self.resize(520, 320 if evidence else 200)
        (self.url if evidence else self.body).setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def values(self) -> dict[str, str]:
        return {
            "body": self.body.toPlainText().strip(),
            "url": self.url.text().strip(),
            "quote": self.quote.toPlainText().strip(),
        }
