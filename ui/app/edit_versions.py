"""The row versions an undo stack's steps name, and what a refused step tells the window.

Pure bookkeeping, no Qt widgets: `RowVersions` keeps, per row, the version this stack's last step
left, so each undo and redo names the right one (db/stores/versions.py refuses the step when the
row moved on); `Refusal` is what the stack reports when the store refused a step as stale, and
`describe_fields` says a step's values in one line for the window's bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtGui import QUndoCommand

from workbench.model import Status


@dataclass(frozen=True, slots=True)
class Refusal:
    """An edit or an undo refused because its row changed since (db.errors.StaleEdit).

    Attributes:
        what: the step refused ("“Edit summary”", "Undo of “Set status: False”").
        why: who changed the row and when ("claim #12 was changed by ben at 10:42").
        entity, entity_id: the row (its fresh value is for the window to show).
        yours: what the refused step would have written, as text ("" for an undo).
        again: makes the same edit from the row as it is now, once the window reloaded it (None:
            nothing to try again).
    """

    what: str
    why: str
    entity: str
    entity_id: int
    yours: str = ""
    again: Callable[[], QUndoCommand] | None = None


def shown_value(value: Any) -> str:
    """A field value as a person reads it in one line."""
    if isinstance(value, Status):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if value is None or value == "":
        return "∅"
    text = " ".join(str(value).split())
    return f"“{text[:80]}{'…' if len(text) > 80 else ''}”"


def describe_fields(fields: dict[str, Any]) -> str:
    """`summary “…”, status Verified` (the version a step names is left out)."""
    return ", ".join(
        f"{name.replace('_', ' ')} {shown_value(value)}"
        for name, value in fields.items()
        if name != "if_version"
    )


Row = tuple[str, int]  # (entity, id): "claim", 12


class RowVersions:
    """The version this stack's last step left on each row, and the row's chain of own steps.

    Undoing command N on a row is right when every change to the row since N's step was one of
    this stack's own (now undone): then the row is at the version the last of them left, and
    that is the version N's undo names. A new edit made from a view showing another version than
    the one our last step left saw someone else's change: it starts a new chain on the row
    (`epoch`), and commands of the older chain name their own, stale, version, so the store
    refuses their undo (who changed the row when) instead of writing over that change.
    """

    def __init__(self) -> None:
        self.left: dict[Row, tuple[int, int]] = {}  # row -> (version our last step left, epoch)

    def begin(self, row: Row, seen: int | None) -> int:
        """The chain a first step from version `seen` (as the person saw it) belongs to."""
        last = self.left.get(row)
        if last is None:
            return 0
        version, epoch = last
        return epoch if seen is None or seen == version else epoch + 1

    def named(self, row: Row, epoch: int | None, mine: int | None) -> int | None:
        """The version a later step of a command of chain `epoch` names (`mine`: its own memory)."""
        last = self.left.get(row)
        if last is not None and epoch is not None and last[1] == epoch:
            return last[0]
        return mine

    def record(self, row: Row, epoch: int, version: int | None) -> None:
        if version is None:
            self.left.pop(row, None)
        else:
            self.left[row] = (version, epoch)
