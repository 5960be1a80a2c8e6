"""Helpers for the GUI tests: a window over a workspace file, selecting text as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from ui.app.settings import Settings

EMOJI_ARTICLE = (
    "Rocket 🚀 crews celebrate record launch\n\n"
    "The launch team 😀 counted 30 rockets 🚀 on the pad, a NASA spokesperson said on Monday.\n\n"
    "“We have never seen 🌍 anything like it,” Jane Doe, a flight director, told reporters.\n"
)


def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def select_text(window, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Select `needle` in the article view through Qt (UTF-16) positions; returns its code-point span."""
    text = window.article_view.article.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    view = window.article_view.text
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(text, start))
    cursor.setPosition(utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return start, end
