"""Starting the desktop workbench: `workbench open [WORKSPACE] [--screenshot OUT.png [--size WxH]
[--layout auto|side|stacked]] [--theme system|light|dark] [--read-only]`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from db.workspace import (
    NewerWorkspace,
    NotAWorkspace,
    ReadOnlyWorkspace,
    Workspace,
    WorkspaceError,
    WorkspaceLocked,
    is_desk,
)
from ui.app.plain_text import literal
from ui.app.settings import APPLICATION, ORGANISATION, LayoutChoice, Settings
from ui.app.theme import Theme, apply_theme
from ui.export.output import check_not_workspace, write_atomically

SCREENSHOT_SIZE = (1400, 900)


def default_workspace() -> Path:
    """AppDataLocation/workspace.db (organisation and application names must be set first)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return folder / "workspace.db"


def make_app(argv: list[str] | None = None) -> QApplication:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APPLICATION)
    return app  # type: ignore[return-value]


def open_workspace_gui(
    path: Path | str, read_only: bool, user: str | None, *, interactive: bool
) -> Workspace | None:
    """Open the workspace, explaining failures in a message box; never alters a file it cannot open."""
    try:
        ws = Workspace.open(path, read_only=read_only, user=user)
    except ReadOnlyWorkspace as exc:
        if read_only:
            _report(str(exc), interactive)
            return None
        if not interactive:
            _report(f"{exc}; or look without changing it: workbench open --read-only {path}", interactive)
            return None
        answer = QMessageBox.question(
            None,
            "Read-only workspace",
            literal(f"{gui_message(exc)}\n\nOpen it now, to look without changing anything?"),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            return open_workspace_gui(path, True, user, interactive=interactive)
        return None
    except (NotAWorkspace, NewerWorkspace, WorkspaceLocked, WorkspaceError) as exc:
        _report(str(exc), interactive)
        return None
    for warning in ws.warnings:  # what did not stop the opening (a daily backup that failed)
        print(f"workbench: warning: {warning}", file=sys.stderr)
        if interactive:
            QMessageBox.warning(
                None, "Workspace opened", literal(f"{warning}.\n\nYour work is safe; it opens as usual.")
            )
    return ws


def _report(message: str, interactive: bool) -> None:
    print(f"workbench: {message}", file=sys.stderr)
    if interactive:
        QMessageBox.critical(None, "Cannot open the workspace", literal(gui_message(message)))


def gui_message(error: BaseException | str) -> str:
    """An open error worded for the window: the CLI's flag hint means nothing in a dialog."""
    return str(error).replace(" (--read-only)", "")


NO_DISPLAY = "no display: run under a desktop session or xvfb-run"


def needs_display() -> bool:
    """True where Qt would try X11/Wayland and find neither (it aborts the process, exit 134)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def parse_size(text: str) -> tuple[int, int]:
    """'1366x768' -> (1366, 768); ValueError with a clear message otherwise."""
    try:
        w, h = (int(v) for v in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise ValueError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 1366x768") from None
    if not (320 <= w <= 10000 and 240 <= h <= 10000):
        raise ValueError(f"--size {text!r}: width and height must be between 320x240 and 10000x10000")
    return w, h


def run_app(
    workspace: str | None,
    screenshot: str | None = None,
    read_only: bool = False,
    size: str | None = None,
    create: bool = False,
    theme: str = "system",
    layout: str | None = None,
) -> int:
    """Open the main window on `workspace` (or the default one); with `screenshot`, save a PNG and exit.

    A path with no workspace is made into a new one only with `create` (or the default workspace,
    on first use); otherwise the window asks first, and a screenshot refuses.
    """
    shot_size = parse_size(size) if size else SCREENSHOT_SIZE
    if needs_display():  # decide before QApplication exists: after, Qt has already aborted
        if not screenshot:
            print(f"workbench: {NO_DISPLAY}", file=sys.stderr)
            return 1
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    app = make_app()
    apply_theme(app, Theme(theme))
    settings = Settings() if not screenshot else _scratch_settings()
    if layout:  # as View → Layout would (a screenshot's settings are a scratch copy)
        settings.layout_choice = LayoutChoice(layout)
    path: Path | str
    if workspace and is_desk(workspace):  # a shared desk: the server says whether it is there
        path = workspace
    else:
        path = Path(workspace).expanduser() if workspace else default_workspace()
        if screenshot:  # before the workspace opens: a screenshot must never land on it
            check_not_workspace(Path(screenshot).expanduser(), path)
        missing = workspace and not create and not read_only and not _exists(path)
        if missing and not confirm_new_workspace(path, interactive=screenshot is None):
            return 1
    ws = open_workspace_gui(path, read_only, settings.user_name or None, interactive=screenshot is None)
    if ws is None:
        return 1
    from ui.app.main_window import MainWindow

    window = MainWindow(ws, settings)
    if screenshot:
        return _screenshot(app, window, Path(screenshot).expanduser(), shot_size)
    install_error_hook(window)
    window.show()
    code = app.exec()
    ws.close()
    return code


def install_error_hook(window) -> None:
    """A database error that escapes a slot (a read on a lost connection, say) is one line on
    stderr and a message in the window (`MainWindow.storage_error`), not a traceback; anything
    else goes to the hook Python had."""
    previous = sys.excepthook

    def hook(kind, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if isinstance(exc, WorkspaceError):
            print(f"workbench: {exc}", file=sys.stderr)
            window.storage_error(exc)
            return
        previous(kind, exc, tb)

    sys.excepthook = hook


def _exists(path: Path) -> bool:
    return path.exists() and (path.is_dir() or path.stat().st_size > 0)


def confirm_new_workspace(path: Path, *, interactive: bool) -> bool:
    """Whether to make a new, empty workspace at a path that holds none (a typo must not make one)."""
    if not interactive:
        print(f"workbench: no workspace at {path} (pass --create to make a new one there)", file=sys.stderr)
        return False
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "No workspace there",
        f"There is no workspace at\n{path}\n\nCreate a new, empty workspace there?",
        QMessageBox.StandardButton.Cancel,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    create = box.addButton("Create", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is create


def _scratch_settings() -> Settings:
    """Default settings for screenshots: the picture must not depend on (or change) the user's."""
    import tempfile

    from PySide6.QtCore import QSettings

    folder = tempfile.mkdtemp(prefix="workbench-shot-")
    return Settings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))


def _screenshot(app: QApplication, window, out: Path, size: tuple[int, int] = SCREENSHOT_SIZE) -> int:
    """At `size` (1400×900), the first article with its claims (first claim selected), then grab()."""
    window.resize_default(*size)
    window.show()
    ids = window.article_list.model.ids()
    if ids:
        window.open_article(ids[0])
        if window.claims.proxy.rowCount():
            window.claims.select_row(0)
    result = {"code": 1}

    def grab() -> None:
        app.processEvents()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            save_png(window.grab(), out)
            result["code"] = 0
        except OSError as exc:
            print(f"workbench: {exc}", file=sys.stderr)
        window.close()
        app.quit()

    QTimer.singleShot(400, grab)  # let layouts, fonts and the first paint settle
    app.exec()
    window.ws.close()
    return result["code"]


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"  # the IEND chunk with its CRC: the last 8 bytes of every PNG


def save_png(pixmap: QPixmap, out: Path) -> None:
    """Save `pixmap` as a PNG, whole or not at all (ui.export.output.write_atomically).

    Raises:
        OSError: the file cannot be written (the message names it); `out` is left as it was.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    content = bytes(buffer.data()) if pixmap.save(buffer, "PNG") else b""
    if not content.startswith(PNG_SIGNATURE) or not content.endswith(PNG_END):
        raise OSError(f"cannot write {out}: Qt could not encode the PNG")
    write_atomically(out, content)
