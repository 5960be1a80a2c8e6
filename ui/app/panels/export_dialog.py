"""File → Export: choose a format, the current article or the whole workspace, and a file.

Every export runs on a worker thread through its own read-only connection to the workspace file
(an sqlite connection belongs to one thread): the data is read, rendered, and a PDF laid out and
painted there (QTextDocument, QPdfWriter and QImage need no GUI thread), so the window never
freezes (issue 10 item 12: every article to PDF froze it for 27 s). A progress dialog shows how
far it is; Cancel (or closing the dialog) stops it before anything is written, leaving an
earlier file as it was.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date as _date
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QWidget,
)

from db import Workspace
from db.queries.report_data import load_report_data
from ui.app.plain_text import literal, plain_label
from ui.app.tasks import LongTask
from ui.export.service import EXTENSIONS, check_output, export
from workbench.progress import Steps

if TYPE_CHECKING:
    from ui.app.context import WindowContext

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


def default_file_name(title: str, date: str, fmt: str) -> str:
    """ "harlow-leads-benton-by-six-points-2024-10-29.pdf": the title as a short slug, the date
    (YYYY-MM-DD, when known) and the format's suffix."""
    words = re.findall(
        r"[a-z0-9]+", unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    )
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > SLUG_CHARS:
            break
        slug = f"{slug}-{word}" if slug else word
    slug = slug or (words[0][:SLUG_CHARS] if words else "report")
    day = date[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]) else ""
    return f"{slug}{'-' + day if day else ''}{EXTENSIONS[fmt]}"


SLUG_CHARS = 48


class ExportDialog(QDialog):
    def __init__(self, window: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent or window.window())
        self.window = window
        self.setWindowTitle("Export")
        self.task: LongTask | None = None
        self.progress: QProgressDialog | None = None
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
        self.path.setAccessibleName("File to write")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages name files
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
        self._auto_path = ""  # the default path last filled in (replaced when format or scope change)
        self.current.toggled.connect(self._format_changed)
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
        try:  # before any work: never the workspace itself, nor a folder that cannot be written
            check_output(out, self.window.ws.path)
        except OSError as exc:
            self._failed(exc)
            return
        organisation = self.organisation.text().strip()
        if organisation != self.window.settings.organisation:
            self.window.settings.organisation = organisation
        self.export_button.setEnabled(False)
        self.status.setText("Exporting…")
        ws, article_id = self.window.ws, self.article_id()
        options = self._options(organisation)
        if not ws.name:  # an in-memory workspace has no second connection: run here
            self._run_here(fmt, out, article_id, options)
            return

        def work(steps: Steps) -> tuple[str | int, list[str]]:
            # export only reads: a read-only connection also works on a file the user cannot write
            with ws.reopen(read_only=True) as own:
                result = export(own, fmt, out, article_id=article_id, steps=steps, **options)
                notes = _claimreview_notes(own, article_id, options) if fmt == "claimreview" else []
            return result, notes

        task = LongTask(work)
        self.task = task
        self.progress = self._progress_dialog(task)
        task.signals.progress.connect(self._progressed)
        task.signals.done.connect(lambda result: self._done(out, *result))
        task.signals.error.connect(self._failed)
        task.signals.cancelled.connect(lambda: self._cancelled(out))
        task.start()

    def running(self) -> bool:
        """Whether an export is under way (on its worker thread)."""
        return self.task is not None and not self.task.finished.is_set()

    def reject(self) -> None:
        """Closing the dialog cancels an export under way (nothing is written)."""
        if self.running():
            self.task.cancel()
        super().reject()

    # --- internals --------------------------------------------------------------------------

    def _options(self, organisation: str) -> dict[str, Any]:
        """Who reviews, where the reviews are published, and the worth below which a proposal is
        weak and left out (Preferences)."""
        settings = self.window.settings
        return {
            "organisation": organisation,
            "organisation_url": settings.organisation_url,
            "claim_path": settings.claim_path,
            "threshold": settings.worth_threshold,
        }

    def _progress_dialog(self, task: LongTask) -> QProgressDialog:
        progress = QProgressDialog("Exporting…", "Cancel", 0, 0, self)
        progress.setLabel(plain_label("Exporting…"))  # it shows file names
        progress.setWindowTitle("Exporting")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.canceled.connect(task.cancel)
        progress.canceled.connect(lambda: progress.setLabelText("Cancelling…"))
        return progress

    def _progressed(self, done: int, total: int, what: str) -> None:
        progress = self.progress
        if progress is None or progress.wasCanceled():
            return
        progress.setMaximum(total)  # 0: a busy bar (the number of layout passes is not known)
        progress.setValue(min(done, total))
        progress.setLabelText(what)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None

    def _run_here(self, fmt: str, out: Path, article_id: int | None, options: dict[str, Any]) -> None:
        try:
            result = export(self.window.ws, fmt, out, article_id=article_id, **options)
            notes = _claimreview_notes(self.window.ws, article_id, options) if fmt == "claimreview" else []
        except (OSError, ValueError, LookupError) as exc:
            self._failed(exc)
            return
        self._done(out, result, notes)

    def _done(self, out: Path, result: object, notes: list[str]) -> None:
        self._close_progress()
        self.written = out
        self.window.settings.export_folder = str(out.parent)  # the next export starts there
        self.window.show_status(f"Exported {out}", 8000)
        self.accept()
        if notes:  # what the person can still put right: the organisation's site, an article's URL...
            box = QMessageBox(
                QMessageBox.Icon.Information, "ClaimReview exported", f"Exported {out}.", parent=self.window
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setInformativeText("\n".join(f"• {n[:1].upper()}{n[1:]}." for n in notes))
            box.open()
            self.notes_box = box

    def _cancelled(self, out: Path) -> None:
        self._close_progress()
        self.export_button.setEnabled(True)
        kept = f"{out} is as it was" if out.exists() else f"no {out.name} was made"
        self.status.setText(f"Export cancelled: nothing was written ({kept}).")
        self.window.show_status("Export cancelled", 5000)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        self.export_button.setEnabled(True)
        self.status.setText(f"Export failed: {exc}")
        QMessageBox.warning(self, "Export failed", literal(str(exc))) if self.isVisible() else None

    def _format_changed(self) -> None:
        fmt = self.selected_format()
        current = self.path.text().strip()
        if current and current != self._auto_path:  # a name the person chose: keep it, fix the suffix
            self.path.setText(str(Path(current).with_suffix(EXTENSIONS[fmt])))
        else:  # the default follows the format and the scope
            self._auto_path = str(self._folder() / self._file_name(fmt))
            self.path.setText(self._auto_path)

    def _folder(self) -> Path:
        """The folder of the last export, else the workspace's, else the home folder."""
        last = self.window.settings.export_folder
        if last and Path(last).is_dir():
            return Path(last)
        return self.window.ws.path.parent if self.window.ws.path else Path.home()

    def _file_name(self, fmt: str) -> str:
        """From the open article's title and date; for the whole workspace, its name and today."""
        article_id = self.window.current_article_id() if self.current.isChecked() else None
        if article_id is not None:
            try:
                article = self.window.ws.articles.get(article_id)
            except LookupError:
                article = None
            if article is not None:
                return default_file_name(article.title or f"article {article.id}", article.date, fmt)
        name = self.window.ws.path.stem if self.window.ws.path else "workspace"
        return default_file_name(f"{name} report", _date.today().isoformat(), fmt)


def _claimreview_notes(ws: Workspace, article_id: int | None, options: dict[str, Any]) -> list[str]:
    """What a ClaimReview export still lacks (the organisation's site, an article's URL…)."""
    from workbench.reports.claimreview import claimreview_warnings

    try:
        data = load_report_data(ws, article_id, **options)
    except (LookupError, OSError, ValueError):
        return []
    return claimreview_warnings(data)
