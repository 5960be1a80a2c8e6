"""The Matches table model: one claim's stored matches, best first (ui/app/panels/matches_panel.py shows it)."""

from __future__ import annotations

import re
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ui.app.palette import readable
from ui.app.plain_text import literal
from workbench.matching.corroboration import fact_checked, source_name
from workbench.matching.rerank import StoredMatch, is_conflict
from workbench.model import Article, LinkKind, MatchRelation

Index = QModelIndex | QPersistentModelIndex
CONFLICT_COLOUR = QColor("#b3261e")
AGREE_COLOUR = QColor("#1e6b35")
CLAIM_HIGHLIGHT = QColor("#fff2a8")
MATCH_HIGHLIGHT = QColor("#cfe8ff")
SOURCE_COLUMN_WIDTH = 160  # px; titles are long, the sentence column gets the rest
VERDICT_COLOURS = {
    "false": "#b3261e",
    "misleading": "#b3261e",
    "mostly false": "#b3261e",
    "pants on fire": "#b3261e",
    "true": "#1e6b35",
    "verified": "#1e6b35",
    "correct": "#1e6b35",
    "mostly true": "#1e6b35",
}
LINK_LABELS = {
    LinkKind.CORROBORATES: "Corroborates",
    LinkKind.CONTRADICTS: "Contradicts",
    LinkKind.SAME_CLAIM: "Same claim",
}


class Col(IntEnum):
    SCORE = 0
    RELATION = 1
    SOURCE = 2
    VERDICT = 3
    DATE = 4
    LINK = 5
    TEXT = 6


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# (label, alignment, sortable)
COLUMNS = (
    ("Score", _RIGHT, True),
    ("Relation", _LEFT, True),
    ("Source", _LEFT, True),
    ("Fact-check", _LEFT, True),
    ("Date", _LEFT, True),
    ("Your link", _LEFT, True),
    ("Sentence", _LEFT, False),
)
RELATION_LABELS = {
    MatchRelation.AGREE: "Agree",
    MatchRelation.CONFLICT: "Conflict",
    MatchRelation.UNRELATED: "—",
}
OWN_STORY_LABEL = "Copy of this story"
NOT_REVIEWED = "Not reviewed"
MUTED_COLOUR = QColor("#6b6b6b")
# "2 May 2024", "Sept 29", "March 14, 2024": a date in an article's first lines (byline, dateline).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TEXT_DATE = re.compile(rf"\b(?:\d{{1,2}} {_MONTH}(?: \d{{4}})?|{_MONTH} \d{{1,2}}(?:, \d{{4}})?)\b")


def article_date(article: Article) -> tuple[str, str]:
    """The date to show for an article and where it comes from (the tooltip).

    Its stored date; else a date in its byline or dateline; else the day it was imported.
    """
    if article.date:
        return article.date[:10], "Published"
    found = _TEXT_DATE.search(article.text[:400])
    if found:
        return found.group(0), "From the article's dateline or byline"
    if article.imported_at:
        return f"imported {article.imported_at[:10]}", "No date in the article: the day it was imported"
    return "", ""


class MatchesModel(QAbstractTableModel):
    """The stored matches of one claim, best first.

    Fields: `_matches` the rows shown (StoredMatch, immutable).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[StoredMatch] = []
        self._dates: dict[int, tuple[str, str]] = {}

    # --- public API ---------------------------------------------------------------------------

    def set_matches(
        self, matches: list[StoredMatch], dates: dict[int, tuple[str, str]] | None = None
    ) -> None:
        """Show `matches` (copies of the claim's own story last); `dates` gives each matched article's (date, where from) by article id."""
        self.beginResetModel()
        try:
            # copies of the claim's own story after everything that counts (stable: best first)
            self._matches = sorted(matches, key=lambda m: m.own_story)
            self._dates = dict(dates or {})
        finally:
            self.endResetModel()

    def match_at(self, row: int) -> StoredMatch | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None

    def row_of(self, match_id: int) -> int | None:
        return next((i for i, m in enumerate(self._matches) if m.id == match_id), None)

    # --- cell contents -----------------------------------------------------------------------

    def _date(self, match: StoredMatch) -> tuple[str, str]:
        r = match.result
        return self._dates.get(r.article_id) or (r.article_date[:10], "Published" if r.article_date else "")

    def _display(self, match: StoredMatch, col: Col) -> str:
        r = match.result
        if col is Col.SCORE:
            return f"{r.score:.0f}"
        if col is Col.RELATION:
            return OWN_STORY_LABEL if match.own_story else RELATION_LABELS[r.relation]
        if col is Col.SOURCE:
            return source_name(r)
        if col is Col.VERDICT:
            return r.extra.get("verdict", "")
        if col is Col.DATE:
            return self._date(match)[0]
        if col is Col.LINK:
            return LINK_LABELS[match.link] if match.link else NOT_REVIEWED
        return " ".join(r.text.split())

    def _tooltip(self, match: StoredMatch, col: Col) -> str:
        r = match.result
        if col is Col.DATE and self._date(match)[1]:
            return self._date(match)[1]
        if col is Col.LINK and match.link is None:
            return "Nobody has linked this match yet: use Corroborates / Contradicts / Same claim below"
        lines = [r.article_title] if r.article_title else []
        if checked := fact_checked(r):
            lines.append(checked)
        if match.own_story:
            lines.append("A copy of the claim's own story (same wire story): not counted as a source")
        if r.shared_terms:
            lines.append("Shared: " + ", ".join(r.shared_terms))
        lines += [f"Agrees: {n}" for n in r.shared_numbers]
        lines += [f"Conflicts: {n}" for n in r.conflicts]
        if r.wire_group is not None:
            lines.append(f"Wire copy (group {r.wire_group}): counts once with its copies")
        return "\n".join(lines)

    # --- Qt overrides ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][0]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._matches) or index.column() >= len(COLUMNS):
            return None
        match, col = self._matches[index.row()], Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(match, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(self._tooltip(match, col))  # titles and terms come from stored texts
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[col][1]
        if role == Qt.ItemDataRole.ForegroundRole and (
            match.own_story
            or (col is Col.LINK and match.link is None)
            or col is Col.DATE
            and not match.result.article_date
        ):
            return readable(MUTED_COLOUR) if col in (Col.RELATION, Col.LINK, Col.DATE) else None
        if role == Qt.ItemDataRole.FontRole and col is Col.VERDICT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col in (Col.RELATION, Col.LINK):
            if is_conflict(match):
                return readable(CONFLICT_COLOUR)
            if match.result.relation is MatchRelation.AGREE or match.link is not None:
                return readable(AGREE_COLOUR)
        if role == Qt.ItemDataRole.UserRole:
            return match.id
        return None
