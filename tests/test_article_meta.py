"""Correcting an article's metadata after import (issue 14 item 5), in the store, the CLI and the
window (the header's "Edit details…", undoable), and `open` of a path with no workspace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from db import Workspace
from db.stores.articles import BadMetadata
from ui.app.article_meta import ArticleMetaDialog, UpdateArticle
from ui.app.main_window import MainWindow
from ui.app.settings import Settings
from ui.cli.main import main
from workbench.model import ArticleMeta, ImportItem, ItemKind

ROOT = Path(__file__).resolve().parent.parent


def test_update_meta_stores_audits_and_returns_what_undo_needs(seed_ws):
    before = seed_ws.articles.get(1)
    old = seed_ws.articles.update_meta(
        1, url="https://news.example/a", date="5 March 2024", title=before.title
    )
    # the unchanged title is not an edit; undo names the version this edit left
    assert old == {"url": "", "date": before.date, "if_version": before.version + 1}
    after = seed_ws.articles.get(1)
    assert (after.url, after.date) == ("https://news.example/a", "2024-03-05")
    entries = [e for e in seed_ws.audit.entries(article_id=1) if e.action == "update"]
    assert {(e.field, e.old, e.new) for e in entries} == {
        ("url", "", "https://news.example/a"),
        ("date", before.date, "2024-03-05"),
    }
    seed_ws.articles.update_meta(1, exact=True, **old)
    assert seed_ws.articles.get(1).url == "" and seed_ws.articles.get(1).date == before.date


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"url": "javascript:alert(1)"}, "http:// or https://"),
        ({"date": "spring 2020"}, "2024-03-05"),
        ({"date": "03/05/2024"}, "for certain"),
        ({"title": "  "}, "needs a title"),
        ({"verdict": "x"}, "no field"),
    ],
)
def test_bad_metadata_is_refused_with_what_to_write(seed_ws, fields, message):
    with pytest.raises(BadMetadata, match=message):
        seed_ws.articles.update_meta(1, **fields)
    assert seed_ws.articles.get(1).url == ""


def test_a_statements_new_title_is_searched(fresh_ws):
    added = fresh_ws.articles.add(
        ImportItem("Unemployment fell to 3 percent.", ArticleMeta(title="Jobs"), ItemKind.STATEMENT)
    )
    fresh_ws.articles.update_meta(added.article_id, title="Zanzibar payroll claim")
    hits = fresh_ws.db.execute(
        "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'zanzibar'"
    ).fetchall()
    assert len(hits) == 1
    fresh_ws.db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")


# --- CLI ----------------------------------------------------------------------------------------------


def test_cli_article_corrects_and_shows(seed_ws, capsys):
    seed_ws.close()
    ws = str(seed_ws.path)
    assert (
        main(
            [
                "article",
                "1",
                "-w",
                ws,
                "--url",
                "https://news.example/a",
                "--date",
                "Tue, 29 Sep 2020 10:00:00 GMT",
                "--publisher",
                "AFP",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "article 1: url: ∅ → https://news.example/a" in err
    assert "date: 2020-09-28 → 2020-09-29T10:00:00+00:00" in err
    assert main(["article", "1", "-w", ws]) == 0
    out = capsys.readouterr().out
    assert "https://news.example/a" in out and "2020-09-29T10:00:00+00:00" in out and "AFP" in out
    assert main(["article", "1", "-w", ws, "--date", "someday"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "someday" in err and "2024-03-05" in err
    assert main(["article", "99", "-w", ws, "--title", "x"]) == 1


def test_open_refuses_a_missing_workspace_without_create(tmp_path):
    typo = tmp_path / "typo.db"
    shot = tmp_path / "shot.png"
    run = [sys.executable, "-m", "ui.cli", "open", str(typo), "--screenshot", str(shot)]
    result = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "no workspace at" in result.stderr and "--create" in result.stderr
    assert not typo.exists() and not shot.exists()
    result = subprocess.run([*run, "--create"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert typo.exists() and shot.exists()


def test_the_window_asks_before_making_a_workspace(tmp_path, monkeypatch):
    from ui.app import run

    asked = []
    monkeypatch.setattr(run, "confirm_new_workspace", lambda path, interactive: asked.append(path) or False)
    monkeypatch.setattr(run, "needs_display", lambda: False)
    typo = tmp_path / "typo.db"
    assert run.run_app(str(typo)) == 1
    assert asked == [typo] and not typo.exists()


# --- the window -------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    seed_ws.articles.update_meta(1, title="Trump: Generals don't want a withdrawal")
    win = MainWindow(seed_ws, settings)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    win.open_article(1)
    return win


def test_the_header_shows_an_apostrophe_as_an_apostrophe(window):
    assert window.article_view.title.text() == "Trump: Generals don't want a withdrawal"
    assert "&#x27;" not in window.article_view.title.text()
    assert window.article_view.edit.isVisible()


def test_edit_details_is_stored_shown_and_undone(window, qtbot):
    dialog = ArticleMetaDialog(window.ws.articles.get(1), window)
    qtbot.addWidget(dialog)
    dialog.fields["url"].setText("https://news.example/a")
    dialog.fields["date"].setText("yesterday-ish")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and not dialog.error.isHidden()  # says why
    dialog.fields["date"].setText("29 September 2020")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    window.undo_stack.push(UpdateArticle(window, 1, dialog.changes()))
    assert window.ws.articles.get(1).url == "https://news.example/a"
    assert (
        "2020-09-29" in window.article_view.meta.text()
        and "news.example/a" in window.article_view.meta.text()
    )
    assert window.undo_stack.undoText() == "Edit article url, date"
    window.undo_stack.undo()
    assert window.ws.articles.get(1).url == "" and window.ws.articles.get(1).date == "2020-09-28"
    assert "news.example" not in window.article_view.meta.text()
    window.undo_stack.redo()
    assert window.ws.articles.get(1).date == "2020-09-29"


def test_edit_details_from_the_header_button(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(ArticleMetaDialog, "exec", lambda self: opened.append(self.article.id) or 0)
    window.article_view.edit.click()
    assert opened == [1]


def test_the_read_only_window_does_not_write(tmp_path, seed_ws, qtbot, monkeypatch):
    seed_ws.close()
    ws = Workspace.open(seed_ws.path, read_only=True)
    win = MainWindow(ws, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.open_article(1)
    monkeypatch.setattr(ArticleMetaDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    from ui.app.article_meta import edit_article_details

    edit_article_details(win)
    assert win.undo_stack.count() == 0
    ws.close()
