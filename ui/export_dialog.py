"""File → Export: choose a format, the current article or the whole workspace, and a file.

The data is read on a worker thread through its own connection to the workspace file (an
sqlite connection belongs to one thread); text formats are rendered there too. A PDF is laid
out on the GUI thread (QTextDocument and QPdfWriter), which takes well under a second a story.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)

from db import Workspace
from db.report_data import load_report_data
from ui.cli_export import EXTENSIONS, export
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FORMAT_LABELS: dict[str, str] = {
    "pdf": "PDF report (A4, for the desk)",
    "html": "HTML report (self-contained page)",
    "md": "Markdown report",
    "csv": "CSV: one row per claim",
    "json": "JSON: everything (docs/export-json.md)",
    "claimreview": "ClaimReview JSON-LD (schema.org, claims with a verdict)",
    "w3c": "W3C Web Annotations JSON-LD (re-importable)",
    "audit": "Audit log (CSV, or JSON with a .json name)",
}
FILTERS: dict[str, str] = {
    "pdf": "PDF (*.pdf)",
    "html": "HTML (*.html *.htm)",
    "md": "Markdown (*.md)",
    "csv": "CSV (*.csv)",
    "json": "JSON (*.json)",
    "claimreview": "JSON-LD (*.jsonld *.json)",
    "w3c": "JSON-LD (*.jsonld *.json)",
    "audit": "CSV (*.csv);;JSON (*.json)",
}


class ExportDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.setWindowTitle("Export")
        self.task = None
        self.format = QComboBox()
        for key, label in FORMAT_LABELS.items():
            self.format.addItem(label, key)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.current = QRadioButton("The open article")
        self.everything = QRadioButton("Every article in the workspace")
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.current)
        self.scope.addButton(self.everything)
        has_article = window.current_article_id() is not None
        self.current.setEnabled(has_article)
        (self.current if has_article else self.everything).setChecked(True)
        self.organisation = QLineEdit(window.settings.organisation)
        self.organisation.setPlaceholderText("Your newsroom or fact-checking desk")
        self.path = QLineEdit()
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("Articles", self.current)
        form.addRow("", self.everything)
        form.addRow("Organisation", self.organisation)
        form.addRow("File", row)
        form.addRow(self.status)
        form.addRow(self.buttons)
        self._format_changed()

    # --- public API -------------------------------------------------------------------------

    def selected_format(self) -> str:
        return self.format.currentData()

    def article_id(self) -> int | None:
        return self.window.current_article_id() if self.current.isChecked() else None

    def choose_file(self) -> None:
        fmt = self.selected_format()
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), FILTERS[fmt])
        if path:
            self.path.setText(path)

    def start(self) -> None:
        """Export in the background; the dialog closes when the file is written."""
        fmt = self.selected_format()
        text = self.path.text().strip()
        if not text:
            self.status.setText("Choose a file to export to.")
            return
        out = Path(text).expanduser()
        if not out.suffix:
            out = out.with_suffix(EXTENSIONS[fmt])
        organisation = self.organisation.text().strip()
        if organisation != self.window.settings.organisation:
            self.window.settings.organisation = organisation
        self.export_button.setEnabled(False)
        self.status.setText("Exporting…")
        self.setCursor(Qt.CursorShape.BusyCursor)
        ws, article_id = self.window.ws, self.article_id()
        if fmt == "pdf" or ws.path is None:
            self._run_here(fmt, out, article_id, organisation)
            return
        path, user = ws.path, ws.user

        def work() -> str | int:
            # export only reads: a read-only connection also works on a file the user cannot write
            with Workspace.open(path, user=user, read_only=True, backup=False) as own:
                return export(own, fmt, out, article_id=article_id, organisation=organisation)

        self.task = run_in_background(work, lambda result: self._done(out, result), self._failed)

    # --- internals --------------------------------------------------------------------------

    def _run_here(self, fmt: str, out: Path, article_id: int | None, organisation: str) -> None:
        try:
            if fmt == "pdf":
                from ui.pdf import write_pdf

                data = load_report_data(self.window.ws, article_id, organisation=organisation)
                result: str | int = write_pdf(data, out)
            else:
                result = export(self.window.ws, fmt, out, article_id=article_id, organisation=organisation)
        except (OSError, ValueError, LookupError) as exc:
            self._failed(exc)
            return
        self._done(out, result)

    def _done(self, out: Path, result: object) -> None:
        self.unsetCursor()
        self.written = out
        self.window.statusBar().showMessage(f"Exported {out}", 8000)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.unsetCursor()
        self.export_button.setEnabled(True)
        self.status.setText(f"Export failed: {exc}")
        QMessageBox.warning(self, "Export failed", str(exc)) if self.isVisible() else None

    def _format_changed(self) -> None:
        fmt = self.selected_format()
        current = self.path.text().strip()
        if current:
            self.path.setText(str(Path(current).with_suffix(EXTENSIONS[fmt])))
        else:
            base = self.window.ws.path.parent if self.window.ws.path else Path.home()
            self.path.setText(str(base / f"report{EXTENSIONS[fmt]}"))
