"""Imported content shown as text, never as markup, in labels and tooltips.

Qt guesses per string whether to render it as rich text (`Qt::mightBeRichText`): a QLabel left
in its default `AutoText` format and every tooltip (`setToolTip`, a model's ToolTipRole) shows
"<b>x</b>" bold, and a note reading `<img src=/path/local.png>` loads that local file into the
tooltip; the opposite happens to text escaped for rich text in a label Qt then takes as plain
("Iraq&#x27;s PM &amp; AT&amp;T"). So nothing is left to the guess:

* a label showing content is `Qt.PlainText` (`plain_label`, `set_plain`) and gets the text as it
  is; a label with markup of our own is `Qt.RichText` (`rich_label`) and every piece of content
  in it goes through `html.escape`;
* every tooltip (and every QMessageBox text, which Qt guesses the same way) goes through
  `literal`, which leaves text Qt shows as it is alone and escapes (inside `<p>`) what Qt
  would take for markup. Tooltips built as rich text on purpose escape their content and are
  rich from their first character.

tests/test_gui_hostile_text.py sweeps every label, tooltip and item of the window and its dialogs.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui
from PySide6.QtWidgets import QLabel, QWidget


def literal(text: str) -> str:
    """`text` for a tooltip or message box, where Qt shows it exactly as it is (line breaks kept)."""
    if not text or not GuiQt.mightBeRichText(text):
        return text  # Qt shows it as plain text
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def plain_label(text: str = "", *, wrap: bool = False, parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as characters, whatever they are."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def rich_label(html_text: str = "", *, wrap: bool = False, parent: QWidget | None = None) -> QLabel:
    """A label for markup of our own; every piece of content in it must be `html.escape`d."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(wrap)
    label.setText(html_text)
    return label


def set_plain(label: QLabel) -> QLabel:
    """Make an existing label show its text as characters (returns it)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def set_rich(label: QLabel) -> QLabel:
    """Make an existing label render markup of our own (returns it)."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
