"""The bar above the window's panes that says an edit was refused because its row changed since
(or could not be written at all: the workspace busy, read-only, the connection gone).

Another session (a colleague on the desk, the CLI, a second window) changed the row between the
moment the person saw it and their edit, or their undo. Nothing was overwritten (db/stores/versions.py);
the window reloaded, and this bar says who changed the row when, what it holds now, and what the
refused edit would have written, so a pending edit is never lost silently. Non-blocking: the
person reads it while working on; "Apply mine" makes the same edit again from the fresh row (an
explicit overwrite, itself undoable), "Dismiss" hides the bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStyle, QWidget

from ui.app.edit_versions import Refusal, describe_fields
from ui.app.plain_text import set_plain
from workbench.model import Review

if TYPE_CHECKING:
    from db.workspace import Workspace


def fresh_text(ws: Workspace, entity: str, entity_id: int) -> str:
    """What the refused edit's row holds now, in one line ("summary “…”, status Verified")."""
    try:
        return _FRESH[entity](ws, entity_id)
    except LookupError:
        return "it is gone"


def _claim(ws: Workspace, claim_id: int) -> str:
    c = ws.claims.get(claim_id)
    fields: dict[str, object] = {"summary": c.summary, "status": c.status}
    if c.review is not Review.NONE:
        fields["review"] = f"{c.review.value} by {c.reviewer or '?'}"
    if c.source_name or c.source_phrase:
        fields["source"] = c.source_name or c.source_phrase
    return describe_fields(fields)


def _note(ws: Workspace, note_id: int) -> str:
    n = ws.notes.get(note_id)
    return describe_fields({k: v for k, v in (("body", n.body), ("url", n.url), ("quote", n.quote)) if v})


def _source(ws: Workspace, source_id: int) -> str:
    s = ws.sources.get(source_id)
    return describe_fields({"name": s.name, "kind": s.kind})


def _match(ws: Workspace, match_id: int) -> str:
    m = ws.matches.get(match_id)
    return f"linked as {m.link.value.replace('_', ' ')}" if m.link else "not linked"


def _article(ws: Workspace, article_id: int) -> str:
    a = ws.articles.get(article_id)
    signed_by = ws.articles.sign_off(article_id)[0]
    shown = describe_fields({"title": a.title, "date": a.date})
    return shown + (f", signed off by {signed_by}" if signed_by else ", not signed off")


_FRESH: dict[str, Callable[[Workspace, int], str]] = {
    "claim": _claim,
    "note": _note,
    "source": _source,
    "match": _match,
    "article": _article,
}


def refusal_text(refusal: Refusal, fresh: str) -> str:
    """“Claim #12 was changed by ben at 10:42 — reloaded. “Edit summary” was not saved. Now: …”"""
    undo = refusal.what.startswith("Undo of")
    done = f"{refusal.what} was refused: nothing was overwritten" if undo else f"{refusal.what} was not saved"
    why = refusal.why[:1].upper() + refusal.why[1:]  # a sentence: "Claim #12 was changed by…"
    text = f"{why} — reloaded. {done}. Now: {fresh}."
    if refusal.yours:
        text += f" Yours: {refusal.yours}."
    return text


class StaleBar(QFrame):
    """A message bar (not a dialog): hidden until an edit is refused as stale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staleBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#staleBar { background: #fff4ce; border: 1px solid #c19c00; }")
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(20, 20))
        self.message = set_plain(QLabel())  # names and values from the workspace: plain text
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.apply_mine = QPushButton("Apply mine")
        self.apply_mine.setToolTip("Make your edit again on the row as it is now (Ctrl+Z undoes it)")
        self.dismiss = QPushButton("Dismiss")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.apply_mine)
        layout.addWidget(self.dismiss)
        self._again: Callable[[], None] | None = None
        self.apply_mine.clicked.connect(self._apply)
        self.dismiss.clicked.connect(self.hide)
        self.hide()

    def show_refusal(
        self, text: str, again: Callable[[], None] | None = None, *, button: str = "Apply mine"
    ) -> None:
        """Show `text`; `again` (the button) makes the refused edit again."""
        self.message.setText(text)
        self._again = again
        self.apply_mine.setText(button)
        self.apply_mine.setVisible(again is not None)
        self.show()

    def _apply(self) -> None:
        again, self._again = self._again, None
        self.hide()
        if again is not None:
            again()
