"""View → Layout, the article zoom, F6 / Shift+F6 between panes, and the window's keys in the
filter boxes.

- View → Layout: Automatic (side by side from `SIDE_MIN_WIDTH` px), Side by side, Stacked;
  remembered.
- View → Zoom in / out / reset the article text (Ctrl++ / Ctrl+- / Ctrl+0, also Ctrl+wheel);
  remembered.
- F6 / Shift+F6 move the focus to the next / previous pane: the article list, the article text,
  the claims table, the claim's tabs.
- In the filter and search boxes, a window shortcut with Ctrl or Alt works (Ctrl+E exports,
  Ctrl+Shift+F toggles Needs attention…) unless it edits text there (Ctrl+Z, Ctrl+A, Ctrl+C,
  Ctrl+Left…): Qt's line edit would otherwise swallow Ctrl+E, Ctrl+F, Ctrl+P and others as
  Emacs-style moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from ui.app.settings import LayoutChoice
from ui.app.window_layout import LAYOUT_LABELS

if TYPE_CHECKING:
    from ui.app.actions import WindowActions
    from ui.app.shell import Shell
    from ui.app.window_layout import WindowLayout

    class ViewHost(Shell, Protocol):
        """The window as these keys see it (no import of the window: ui/app/shell.py)."""

        window_actions: WindowActions
        window_layout: WindowLayout


# What a line edit does with these keys is text editing: they stay with the box. (On X11 Qt also
# binds Emacs keys, Ctrl+E end of line, Ctrl+K delete to the end…: End and Shift+End do that there,
# and the window's Ctrl+E, Ctrl+P, Ctrl+F… win.)
TEXT_EDITING_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
)
EDITING_KEYS = {  # with Ctrl (and Shift): word and line moves, word deletes
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Insert,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class WindowKeysInBox(QObject):
    """An event filter on a line edit: lets the window's Ctrl/Alt shortcuts through, except the
    keys that edit text (above)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and self.passes(event):
            event.ignore()  # the box does not claim it: the window's shortcut fires
            return True
        return False

    def passes(self, event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False  # letters, digits, Shift+letters: typing
        if event.key() in EDITING_KEYS or any(event.matches(k) for k in TEXT_EDITING_KEYS):
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(
            seq.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
            for action in self.window.actions()
            if action.isEnabled()
            for seq in action.shortcuts()
        )


@dataclass(frozen=True, slots=True)
class ViewKeys:
    layout_actions: dict[LayoutChoice, QAction]
    keys_in_box: WindowKeysInBox


def install_view_keys(window: ViewHost) -> ViewKeys:
    """Add View → Layout and the zoom actions, F6 / Shift+F6, and the filter boxes' key filter."""
    view_menu = window.window_actions.view_menu
    first = view_menu.actions()[0] if view_menu.actions() else None
    layout_menu = view_menu.addMenu("&Layout")
    view_menu.insertMenu(first, layout_menu)
    group = QActionGroup(window)
    layout_actions: dict[LayoutChoice, QAction] = {}
    for choice, label in LAYOUT_LABELS.items():
        action = layout_menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(window.window_layout.choice is choice)
        action.setStatusTip(
            {
                LayoutChoice.AUTO: "The article beside the claims when the window is wide, above them when narrow",
                LayoutChoice.SIDE: "The article left, the claims table and the claim's details right",
                LayoutChoice.STACKED: "The article above the claims table, the claim's details right",
            }[choice]
        )
        group.addAction(action)
        action.triggered.connect(lambda _=False, c=choice: window.window_layout.set_choice(c))
        layout_actions[choice] = action

    text = window.article_view.text
    zoom_menu = view_menu.addMenu("&Zoom article text")
    view_menu.insertMenu(first, zoom_menu)
    view_menu.insertSeparator(first)
    for action_id, label, slot in (
        ("view.zoom_in", "Zoom &in", lambda: text.zoom(text.zoom_steps + 1)),
        ("view.zoom_out", "Zoom &out", lambda: text.zoom(text.zoom_steps - 1)),
        ("view.zoom_reset", "&Normal size", lambda: text.zoom(0)),
    ):
        zoom_menu.addAction(window.add_action(action_id, label, slot))
    text.zoom(window.settings.article_zoom)
    text.zoom_changed.connect(lambda steps: setattr(window.settings, "article_zoom", steps))

    panes = view_menu.addMenu("&Panes")
    for action_id, label, step in (
        ("nav.next_pane", "&Next pane", 1),
        ("nav.prev_pane", "&Previous pane", -1),
    ):
        panes.addAction(window.add_action(action_id, label, lambda _=False, s=step: focus_pane(window, s)))

    keys_in_box = WindowKeysInBox(window)
    for box in (window.claims.filter_box, window.article_list.search):
        box.installEventFilter(keys_in_box)
    return ViewKeys(layout_actions, keys_in_box)


def panes(window: ViewHost) -> list[tuple[QWidget, QWidget]]:
    """(pane, what gets the focus in it), in F6 order."""
    return [
        (window.article_list, window.article_list.view),
        (window.article_view, window.article_view.text),
        (window.claims, window.claims.table),
        (window.detail, window.detail.tabBar()),
    ]


def current_pane(window: ViewHost) -> int | None:
    widget = QApplication.focusWidget()
    while widget is not None:
        for i, (pane, _target) in enumerate(panes(window)):
            if widget is pane:
                return i
        widget = widget.parentWidget()
    return None


def focus_pane(window: ViewHost, step: int) -> None:
    """Move the focus to the next (step 1) or previous (-1) pane, wrapping around."""
    order = panes(window)
    i = current_pane(window)
    i = (0 if step > 0 else len(order) - 1) if i is None else (i + step) % len(order)
    target = order[i][1]
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    name = target.accessibleName() or order[i][0].accessibleName()
    if name:
        window.show_status(name, 1500)
