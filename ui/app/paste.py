"""Edit → Paste as new article (Ctrl+Shift+V), and a browser selection dropped on the window.

The clipboard's (or the drop's) HTML goes through the HTML importer, else its plain text is used
(`workbench.text.paste`); the page's address and title come along when the browser put them on the
clipboard. The article is stored as an import stores a file's, the import summary is shown, the
article opens, and claims are proposed when File → Propose claims on import is ticked (an
undoable job, as Ctrl+P).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QMessageBox

from db.errors import WorkspaceError
from db.flows.importing import ImportReport, import_item
from ui.app.dialogs import ImportReportDialog
from ui.app.plain_text import literal
from workbench.text.paste import ClipboardParts, NothingToPaste, clipboard_source, pasted_item

if TYPE_CHECKING:
    from ui.app.shell import Shell

MOZ_URL_PRIV = "text/x-moz-url-priv"  # Firefox: the page a selection was copied from
MOZ_URL = "text/x-moz-url"  # Firefox: a dragged link, "URL\nTitle" in UTF-16
CHROMIUM_URL = "chromium/x-source-url"  # Chromium: the page a selection was copied from


def _mime_text(mime: QMimeData, fmt: str) -> str:
    """A text format of the clipboard: UTF-16 when it has a BOM or NULs (Firefox), else UTF-8."""
    if not mime.hasFormat(fmt):
        return ""
    data = bytes(mime.data(fmt).data())
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 1 and b"\x00" in data[:64]):
        return data.decode("utf-16", errors="replace").replace("\x00", "")
    return data.decode("utf-8", errors="replace")


def clipboard_parts(mime: QMimeData) -> ClipboardParts:
    """HTML, plain text, page address and title from a clipboard or drop."""
    html = mime.html() if mime.hasHtml() else ""
    moz = _mime_text(mime, MOZ_URL_PRIV) or _mime_text(mime, MOZ_URL)
    html, url, title = clipboard_source(html, moz, _mime_text(mime, CHROMIUM_URL))
    return ClipboardParts(html=html, text=mime.text() if mime.hasText() else "", url=url, title=title)


def is_pastable(mime: QMimeData) -> bool:
    """A drop or clipboard with text to make an article of (local files import as files instead)."""
    if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
        return False
    return mime.hasHtml() or (mime.hasText() and bool(mime.text().strip()))


def paste_article(shell: Shell, mime: QMimeData | None = None) -> ImportReport | None:
    """Make an article of the clipboard (or of a drop's `mime`), open it and show the import
    summary; returns the import's report (None when nothing was stored)."""
    parent = shell.window()
    if shell.ws.read_only:
        QMessageBox.information(
            parent, "Paste as new article", "This workspace cannot be changed (read-only)."
        )
        return None
    mime = mime if mime is not None else QApplication.clipboard().mimeData()
    try:
        item = pasted_item(clipboard_parts(mime)) if mime is not None else None
        if item is None:
            raise NothingToPaste("the clipboard is empty")
        report = import_item(shell.ws, item)
    except NothingToPaste as exc:
        shell.show_status(f"Nothing pasted: {exc}", 6000)
        return None
    except WorkspaceError as exc:
        QMessageBox.warning(parent, "Paste as new article", literal(f"Could not store the article: {exc}"))
        return None
    shell.reload_all()
    stored = (report.added or report.updated or report.duplicates)[-1]
    shell.open_article(stored.article_id)
    shell.show_status(f"Pasted article: {report.summary()}", 8000)
    ImportReportDialog(report, parent).open()
    return report
