"""Accessible names for the window's panes and controls, as a screen reader announces them.

Buttons, check boxes and labelled form fields are named by Qt from their text or their label
(buddy); this gives a name to the rest: the panes (F6 moves between them and says their name),
the views, the filter and search boxes and the combo boxes (whose own text is their current
choice, not what they are). A control added later without a name gets its placeholder text or
its tooltip; tests/test_gui_accessibility.py walks the widget tree and fails on any control left
unnamed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:
    from ui.app.shell import Shell


def control_names(window: Shell) -> dict[QWidget, str]:
    """The names given by hand: panes, views and the controls whose text is not their name."""
    claims, detail = window.claims, window.detail
    names: dict[QWidget, str] = {
        window.article_list: "Articles pane",
        window.article_list.view: "Article list",
        window.article_list.search: "Search articles",
        window.article_view: "Article pane",
        window.article_view.text: "Article text",
        claims: "Claims pane",
        claims.table: "Claims table",
        claims.filter_box: "Filter claims",
        claims.status: "Filter by status",
        claims.kind: "Filter by source kind",
        claims.origin: "Filter by origin",
        claims.scope: "Claims of this article or all articles",
        detail: "Claim details",
        detail.tabBar(): "Claim details tabs",
        detail.notes_tab.list: "Notes and evidence",
    }
    kinds = getattr(window.article_list, "kind", None)
    if kinds is not None:
        names[kinds] = "Show articles"
    for i in range(detail.count()):  # the scroll area around each tab's page
        outer = QTabWidget.widget(detail, i)
        if outer is not None:
            names[outer] = f"{detail.tabText(i).replace('&', '')} tab"
    panels = {
        "matches_panel": ("table", "Matches"),
        "review_panel": ("history", "Desk review history"),
        "sourcing_panel": ("attention", "Claims needing attention"),
    }
    for attr, (child, name) in panels.items():
        panel = getattr(window, attr, None)
        widget = getattr(panel, child, None) if panel is not None else None
        if isinstance(widget, QWidget):
            names[widget] = name
    sourcing = getattr(window, "sourcing_panel", None)
    if isinstance(sourcing, QWidget):
        names[sourcing] = "Sourcing summary"
        if isinstance(getattr(sourcing, "anonymous", None), QWidget):
            names[sourcing.anonymous] = "Anonymous sources"
    return names


def fallback_name(widget: QWidget) -> str:
    """A name from what the widget shows a sighted person: its placeholder, else its tooltip."""
    placeholder = getattr(widget, "placeholderText", None)  # line and text edits
    text = placeholder() if callable(placeholder) else ""
    text = text or widget.toolTip()
    text = re.sub(r"<[^>]+>", "", text)  # a rich-text tooltip
    return re.sub(r"\s*\((?:Ctrl|Alt|Shift|F\d)[^)]*\)\s*$", "", text).strip()


def name_controls(window: Shell) -> None:
    """Name the window's panes and controls (those that have no name yet get a fallback)."""
    for widget, name in control_names(window).items():
        widget.setAccessibleName(name)
    for widget in window.findChildren(QWidget):
        if not widget.accessibleName():
            name = fallback_name(widget)
            if name:
                widget.setAccessibleName(name)
