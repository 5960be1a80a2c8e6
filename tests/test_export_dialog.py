"""File → Export: the default file name (article title + date + suffix) and the last used folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.app.main_window import MainWindow
from ui.app.panels.export_dialog import ExportDialog, default_file_name
from ui.app.settings import Settings


@pytest.mark.parametrize(
    ("title", "day", "fmt", "name"),
    [
        ("Harlow leads Benton by six points in final Wexford governor poll", "2024-10-29", "pdf",
         "harlow-leads-benton-by-six-points-in-final-2024-10-29.pdf"),
        ("Dengue: “cases” triple — WHO", "2024-08-20T10:00:00Z", "claimreview", "dengue-cases-triple-who-2024-08-20.jsonld"),
        ("Café São Paulo", "", "md", "cafe-sao-paulo.md"),
        ("???", "last Tuesday", "csv", "report.csv"),
    ],
)  # fmt: skip
def test_default_file_name(title, day, fmt, name):
    assert default_file_name(title, day, fmt) == name


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(seed_ws, settings)
    qtbot.addWidget(win)
    win.open_article(1)
    return win


def _dialog(qtbot, win) -> ExportDialog:
    dialog = ExportDialog(win)
    qtbot.addWidget(dialog)
    return dialog


def test_the_default_name_follows_article_format_and_scope_and_the_last_folder(
    qtbot, window, seed_ws, tmp_path
):
    article = seed_ws.articles.get(window.current_article_id())
    dialog = _dialog(qtbot, window)
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    path = Path(dialog.path.text())
    assert path.parent == seed_ws.path.parent  # no export yet: beside the workspace
    assert path.name == default_file_name(article.title, article.date, "html")
    assert article.date[:10] in path.name and path.name.endswith(".html")
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert Path(dialog.path.text()).name == default_file_name(article.title, article.date, "pdf")
    dialog.everything.setChecked(True)
    assert Path(dialog.path.text()).name == f"{seed_ws.path.stem}-report-{date.today().isoformat()}.pdf"
    # an export elsewhere: the next dialog starts in that folder
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.current.setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.path.setText(str(folder / "mine.md"))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.start()
    assert (folder / "mine.md").exists() and window.settings.export_folder == str(folder)
    again = _dialog(qtbot, window)
    assert Path(again.path.text()).parent == folder
    # a name the person typed is kept when the format changes (only its suffix follows)
    again.path.setText(str(folder / "desk copy.txt"))
    again.format.setCurrentIndex(again.format.findData("csv"))
    assert again.path.text() == str(folder / "desk copy.csv")
