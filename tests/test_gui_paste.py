"""Edit → Paste as new article and a dropped browser selection (pytest-qt, QMimeData)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from test_gui_helpers import settings

from ui.app.dialogs import ImportReportDialog
from ui.app.main_window import MainWindow
from workbench.text.paste import ClipboardParts, NothingToPaste, clipboard_source, pasted_item

PAGE = """<html><head><title>Tab title - Example News</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Ministry says 40 wells were dug in Gao</h1>
<p>BAMAKO (Example) - The water ministry said on Tuesday that 40 wells were dug in Gao this year.</p>
<p>"We will dig 60 more by June," the minister told reporters.</p></article>
<footer>Subscribe to our newsletter</footer><script>track()</script></body></html>"""

FRAGMENT = """<meta charset='utf-8'><div class="story"><p>The ministry said on Tuesday that 40 wells
were dug in Gao this year, up from 12.</p><p>"We will dig 60 more by June," the minister said.</p></div>"""


def _mime(html: str = "", text: str = "", moz_url: str = "") -> QMimeData:
    mime = QMimeData()
    if html:
        mime.setHtml(html)
    if text:
        mime.setText(text)
    if moz_url:  # Firefox writes it as UTF-16
        mime.setData("text/x-moz-url-priv", QByteArray(moz_url.encode("utf-16-le")))
    return mime


@pytest.fixture
def window(seed_ws, tmp_path, qtbot):
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.jobs.propose_on_import.setChecked(False)
    yield win
    QApplication.clipboard().clear()  # it owns the QMimeData set on it: freed now, not at exit (segfault)


def test_paste_from_a_browser_keeps_the_main_text_and_the_page_address(window, qtbot):
    QApplication.clipboard().setMimeData(_mime(FRAGMENT, "plain fallback", "https://example.org/gao-wells"))
    before = window.ws.articles.count()
    window.act["edit.paste_article"].trigger()  # Edit → Paste as new article
    assert window.ws.articles.count() == before + 1
    article = window.ws.articles.get(window.current_article_id())
    assert article.url == "https://example.org/gao-wells"
    assert article.text.startswith("The ministry said on Tuesday that 40 wells")
    assert "plain fallback" not in article.text
    assert window.article_view.text.toPlainText().startswith("The ministry said")
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ImportReportDialog) and w.isVisible()
    ]
    assert dialogs and "1 added" in window.jobs.last_import_report.summary()
    # pasting the same again is a duplicate, not a second article
    window.act["edit.paste_article"].trigger()
    assert window.ws.articles.count() == before + 1
    assert window.jobs.last_import_report.duplicates


def test_plain_text_paste_and_an_empty_clipboard(window):
    QApplication.clipboard().setMimeData(
        _mime(text="Rains flood Niamey\n\nThe city said 300 homes were flooded on Sunday.")
    )
    window.act["edit.paste_article"].trigger()
    article = window.ws.articles.get(window.current_article_id())
    assert article.title == "Rains flood Niamey"
    assert "300 homes" in article.text
    count = window.ws.articles.count()
    QApplication.clipboard().setMimeData(_mime(text="   "))
    window.act["edit.paste_article"].trigger()
    assert window.ws.articles.count() == count
    assert "Nothing pasted" in window.statusBar().currentMessage()


def test_dropping_a_browser_selection_makes_an_article(window):
    mime = _mime(PAGE)
    drop = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    article = window.ws.articles.get(window.current_article_id())
    assert article.title == "Ministry says 40 wells were dug in Gao"
    assert "Home" not in article.text and "newsletter" not in article.text and "track()" not in article.text
    assert "60 more by June" in article.text


def test_clipboard_source_reads_windows_and_chromium_headers():
    cf_html = (
        "Version:0.9\r\nStartHTML:00000097\r\nEndHTML:00000170\r\nSourceURL:https://example.org/a\r\n"
        "<html><body><!--StartFragment--><p>Text here.</p><!--EndFragment--></body></html>"
    )
    html, url, title = clipboard_source(cf_html)
    assert url == "https://example.org/a" and html.startswith("<html>") and title == ""
    assert clipboard_source("<p>x</p>", "https://example.org/b\nPage B")[1:] == (
        "https://example.org/b",
        "Page B",
    )
    assert clipboard_source("<p>x</p>", chromium_url="javascript:alert(1)")[1] == ""  # only http(s)
    item = pasted_item(ClipboardParts(html="<p>Text here, said the mayor.</p>", title="Page B"))
    assert item.meta.title == "Page B"
    with pytest.raises(NothingToPaste):
        pasted_item(ClipboardParts(html="<script>x()</script>"))
