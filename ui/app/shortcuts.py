"""Keyboard shortcuts as data: action id -> keys and a description.

Actions look their keys up here by id (`keys("claim.new")`), and Help → Keyboard shortcuts is
generated from this table, so the dialog can never disagree with the bindings.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence


@dataclass(frozen=True, slots=True)
class Shortcut:
    id: str
    keys: tuple[str, ...]
    description: str
    group: str


SHORTCUTS: tuple[Shortcut, ...] = (
    # Capture
    Shortcut("claim.new", ("Ctrl+Return", "Ctrl+Enter"), "New claim from the selected text", "Capture"),
    Shortcut(
        "claim.attribute",
        ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"),
        "Selected text becomes the source of the current claim",
        "Capture",
    ),
    Shortcut("claim.propose", ("Ctrl+P",), "Propose claims for the article", "Capture"),
    Shortcut("claim.accept", ("A",), "Accept the selected proposals", "Capture"),
    Shortcut("claim.reject", ("R",), "Reject the selected proposals", "Capture"),
    Shortcut("claim.accept_all", ("Shift+A",), "Accept every proposal of this article", "Capture"),
    Shortcut("claim.delete", ("Del",), "Delete the selected claims", "Capture"),
    Shortcut("claim.edit_summary", ("F2",), "Edit the summary of the current claim", "Capture"),
    Shortcut("claim.pick_source", ("Ctrl+Shift+S",), "Choose the source of the current claim", "Capture"),
    Shortcut("claim.edit_type", ("T",), "Change the type of the current claim", "Capture"),
    Shortcut("claim.edit_source_kind", ("S",), "Change the source kind of the current claim", "Capture"),
    # Navigation
    Shortcut("nav.next_claim", ("J", "Alt+Down"), "Next claim", "Navigate"),
    Shortcut("nav.prev_claim", ("K", "Alt+Up"), "Previous claim", "Navigate"),
    Shortcut("nav.next_article", ("Ctrl+PgDown", "Alt+Shift+Down"), "Next article", "Navigate"),
    Shortcut("nav.prev_article", ("Ctrl+PgUp", "Alt+Shift+Up"), "Previous article", "Navigate"),
    Shortcut("nav.filter", ("Ctrl+F",), "Filter the claims table", "Navigate"),
    Shortcut("nav.articles", ("Ctrl+L",), "Search the article list", "Navigate"),
    Shortcut("nav.article_text", ("Ctrl+1",), "Focus the article text", "Navigate"),
    Shortcut("nav.table", ("Ctrl+2",), "Focus the claims table", "Navigate"),
    Shortcut("nav.notes", ("Ctrl+3",), "Focus the notes of the current claim", "Navigate"),
    Shortcut("nav.next_pane", ("F6",), "Next pane (articles, text, claims, details)", "Navigate"),
    Shortcut("nav.prev_pane", ("Shift+F6",), "Previous pane", "Navigate"),
    Shortcut("view.zoom_in", ("Ctrl++", "Ctrl+="), "Larger article text", "Navigate"),
    Shortcut("view.zoom_out", ("Ctrl+-",), "Smaller article text", "Navigate"),
    Shortcut("view.zoom_reset", ("Ctrl+0",), "Article text at its normal size", "Navigate"),
    Shortcut(
        "view.all_articles", ("Ctrl+Shift+A",), "Show claims of all articles / this article", "Navigate"
    ),
    Shortcut("view.show_rejected", ("Ctrl+Shift+R",), "Show or hide rejected proposals", "Navigate"),
    Shortcut(
        "view.show_weak",
        ("Ctrl+Shift+W",),
        "Show or hide weak proposals (worth below the threshold)",
        "Navigate",
    ),
    Shortcut(
        "view.attention", ("Ctrl+Shift+F",), "Show only the claims needing attention (or all)", "Navigate"
    ),
    # Verification
    Shortcut("status.unchecked", ("1",), "Status: Unchecked", "Verify"),
    Shortcut("status.in_progress", ("2",), "Status: In progress", "Verify"),
    Shortcut("status.verified", ("3",), "Status: Verified", "Verify"),
    Shortcut("status.false", ("4",), "Status: False", "Verify"),
    Shortcut("status.misleading", ("5",), "Status: Misleading", "Verify"),
    Shortcut("status.unverifiable", ("6",), "Status: Unverifiable", "Verify"),
    Shortcut("note.add", ("Ctrl+Shift+N",), "Add a note to the current claim", "Verify"),
    Shortcut("evidence.add", ("Ctrl+Shift+E",), "Add evidence (URL + quoted passage)", "Verify"),
    Shortcut("claim.find_matches", ("Ctrl+M",), "Find matches for the current claim (Matches tab)", "Verify"),
    # Desk review
    Shortcut("review.approve", ("Ctrl+Alt+A",), "Desk review: approve the current claim", "Desk review"),
    Shortcut("review.query", ("Ctrl+Alt+Q",), "Desk review: query the current claim", "Desk review"),
    Shortcut(
        "review.sign_off", ("Ctrl+Alt+S",), "Sign off the article (or withdraw the sign-off)", "Desk review"
    ),
    Shortcut("desk.queue", ("Ctrl+Shift+Q",), "Desk queue: the articles waiting for the desk", "Desk review"),
    # Workspace
    Shortcut("file.import", ("Ctrl+I",), "Import files", "Workspace"),
    Shortcut("file.import_folder", ("Ctrl+Shift+I",), "Import a folder", "Workspace"),
    Shortcut("file.export", ("Ctrl+E",), "Export a report (PDF, HTML, CSV, JSON…)", "Workspace"),
    Shortcut("file.quit", ("Ctrl+Q",), "Quit", "Workspace"),
    Shortcut("edit.undo", ("Ctrl+Z",), "Undo", "Workspace"),
    Shortcut("edit.redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo", "Workspace"),
    Shortcut(
        "edit.paste_article",
        ("Ctrl+Shift+V",),
        "Paste as new article (a browser selection or plain text from the clipboard)",
        "Workspace",
    ),
    Shortcut(
        "edit.preferences", ("Ctrl+,",), "Preferences (your name, organisation, worth threshold)", "Workspace"
    ),
    Shortcut("help.shortcuts", ("F1", "?"), "Keyboard shortcuts", "Workspace"),
)

_BY_ID = {s.id: s for s in SHORTCUTS}


def shortcut(action_id: str) -> Shortcut:
    return _BY_ID[action_id]


def keys(action_id: str) -> list[QKeySequence]:
    """The key sequences bound to an action id (KeyError for an unknown id: a typo should fail loudly)."""
    return [QKeySequence(k) for k in _BY_ID[action_id].keys]


def describe(action_id: str) -> str:
    """'Description (Keys)' for tooltips."""
    s = _BY_ID[action_id]
    shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in s.keys)
    return f"{s.description} ({shown})"


def groups() -> dict[str, list[Shortcut]]:
    out: dict[str, list[Shortcut]] = {}
    for s in SHORTCUTS:
        out.setdefault(s.group, []).append(s)
    return out
