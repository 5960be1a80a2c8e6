"""The claims table's columns and rows without Qt models: the `Col` enum and its `COLUMNS` spec,
the display strings of a row (`cell_row`), sort keys, and the filter bar's `ClaimFilter`.

Rows are the tuples `db.queries.claim_rows` returns; `ui/app/panels/claims_model.py` adapts them to Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from html import escape
from typing import Any

from PySide6.QtCore import Qt

from db.queries.claim_rows import R
from ui.app.palette import KIND_LABELS
from workbench.model import Claim, Origin, Review, SourceKind, Status
from workbench.reports.sourcing import needs_attention, split_attention

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter


class Col(IntEnum):
    """Columns in display order: the ones a fact-checker scans first fit a 1366-pixel screen."""

    NUMBER = 0
    ARTICLE = 1
    SUMMARY = 2
    SOURCE = 3
    SOURCE_KIND = 4
    STATUS = 5
    MATCHES = 6
    KIND = 7
    NOTES = 8
    VIA = 9
    TEXT = 10


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    alignment: Qt.AlignmentFlag
    sortable: bool = True
    editable: bool = False
    tip: str = ""
    width: int = 80


_SPECS: dict[Col, Column] = {
    Col.NUMBER: Column(
        "#",
        ALIGN_RIGHT,
        tip="Claim number: the same in reports, exports and the CLI (workbench show / review)",
        width=44,
    ),
    Col.ARTICLE: Column("Article", ALIGN_LEFT, tip="The article the claim is in", width=150),
    Col.SUMMARY: Column("Summary", ALIGN_LEFT, editable=True, tip="Short summary (F2 to edit)", width=220),
    Col.SOURCE: Column(
        "Source", ALIGN_LEFT, editable=True, tip="Who says it (Ctrl+Shift+S to choose)", width=140
    ),
    Col.SOURCE_KIND: Column(
        "Source kind",
        ALIGN_LEFT,
        editable=True,
        tip="Named, anonymous, institution, document, agency (S to change)",
        width=104,
    ),
    Col.STATUS: Column("Status", ALIGN_LEFT, editable=True, tip="Verification status (keys 1–6)", width=104),
    Col.KIND: Column(
        "Type", ALIGN_LEFT, editable=True, tip="Quantity, event, quote or statement (T to change)", width=76
    ),
    Col.MATCHES: Column(
        "Matches",
        ALIGN_RIGHT,
        tip="Independent sources elsewhere: corroborating · conflicting ✕ (wire copies count once)",
        width=62,
    ),
    Col.NOTES: Column("Notes", ALIGN_RIGHT, tip="Notes and evidence", width=46),
    Col.VIA: Column(
        "Via", ALIGN_LEFT, editable=True, tip="Who relayed the claim (told AFP, said on TV…)", width=70
    ),
    Col.TEXT: Column("Claim", ALIGN_LEFT, tip="The exact claim text in the article", width=300),
}
COLUMNS: tuple[Column, ...] = tuple(_SPECS[c] for c in Col)
assert len(COLUMNS) == len(Col)

ORIGIN_LABELS = {
    Origin.PROPOSED.value: "proposed — not reviewed yet (A accepts, R rejects)",
    Origin.ACCEPTED.value: "proposal accepted",
    Origin.REJECTED.value: "proposal rejected",
    Origin.MANUAL.value: "added by hand",
}


@dataclass(frozen=True, slots=True)
class CellRow:
    """Display strings of one claim, built on first paint and cached."""

    cells: tuple[str, ...]
    tooltip: str


def _matches_cell(corroborating: int, conflicting: int) -> str:
    """Independent sources: "2" corroborating, "1 ✕" conflicting, "2 · 1 ✕" both."""
    if not conflicting:
        return str(corroborating) if corroborating else ""
    return f"{corroborating} · {conflicting} ✕" if corroborating else f"{conflicting} ✕"


def source_kind_of(row: tuple) -> str:
    """The row's source kind; a claim with no attribution is in the agency's own voice."""
    return row[R.SOURCE_KIND] or SourceKind.AGENCY.value


def cell_row_of(row: tuple, agency: str = "") -> CellRow:
    """Display strings of a row; `agency` names the article's agency (for claims in its voice)."""
    matches, conflicts = row[R.MATCHES], row[R.CONFLICTS]
    status = row[R.STATUS]
    own_voice = not row[R.SOURCE] and source_kind_of(row) == SourceKind.AGENCY.value
    source = row[R.SOURCE] or (agency or "the agency" if own_voice else "")
    by_col = {
        Col.NUMBER: str(row[R.ID]),
        Col.ARTICLE: row[R.ARTICLE_TITLE],
        Col.SUMMARY: row[R.SUMMARY],
        Col.TEXT: " ".join(row[R.TEXT].split()),
        Col.SOURCE: source,
        Col.SOURCE_KIND: source_kind_of(row).capitalize(),
        Col.VIA: row[R.VIA],
        Col.KIND: row[R.KIND].capitalize(),
        Col.STATUS: Status(status).label if status in Status._value2member_map_ else status,
        Col.MATCHES: _matches_cell(matches, conflicts),
        Col.NOTES: str(row[R.NOTES]) if row[R.NOTES] else "",
    }
    cells = tuple(by_col[c] for c in Col)
    tip = (
        f"<b>Claim #{row[R.ID]}: {escape(row[R.SUMMARY])}</b><br>{escape(row[R.TEXT])}<br><br>"
        f"Source: {escape(source or '—')} ({escape(KIND_LABELS.get(source_kind_of(row), cells[Col.SOURCE_KIND]))})<br>"
        f"<i>{escape(ORIGIN_LABELS.get(row[R.ORIGIN], row[R.ORIGIN]))}</i>"
    )
    if conflicts:
        tip += f"<br>{conflicts} conflicting match{'es' if conflicts != 1 else ''}"
    reasons = attention_reasons(row)
    if reasons:
        tip += "<br><br><b>⚑ Needs attention:</b> " + escape("; ".join(reasons))
    return CellRow(cells, tip)


def haystack(row: tuple) -> str:
    """The lower-cased text the filter box searches in a claim row."""
    return "\n".join(
        (row[R.SUMMARY], row[R.TEXT], row[R.SOURCE], row[R.VIA], row[R.ARTICLE_TITLE])
    ).casefold()


def text_order(row: tuple) -> tuple:
    """The default order: article by article, claims in the order they appear in the text."""
    return (row[R.ARTICLE_ID], row[R.START], row[R.END], row[R.ID])


SORT_KEYS: dict[Col, Callable[[tuple], Any]] = {
    Col.NUMBER: lambda r: r[R.ID],
    Col.ARTICLE: lambda r: (r[R.ARTICLE_TITLE].casefold(), r[R.ARTICLE_ID], r[R.START]),
    Col.SUMMARY: lambda r: r[R.SUMMARY].casefold(),
    Col.TEXT: lambda r: r[R.TEXT].casefold(),
    Col.SOURCE: lambda r: r[R.SOURCE].casefold(),
    Col.SOURCE_KIND: lambda r: r[R.SOURCE_KIND],
    Col.VIA: lambda r: r[R.VIA].casefold(),
    Col.KIND: lambda r: r[R.KIND],
    Col.STATUS: lambda r: (
        list(Status._value2member_map_).index(r[R.STATUS]) if r[R.STATUS] in Status._value2member_map_ else 99
    ),
    Col.MATCHES: lambda r: (r[R.CONFLICTS], r[R.MATCHES]),
    Col.NOTES: lambda r: r[R.NOTES],
}


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What the filter bar asks for. Empty values mean "any"."""

    text: str = ""
    status: str = ""
    source_kind: str = ""
    origin: str = ""  # "" any, or an Origin value, or "review" (proposed only)
    show_rejected: bool = False
    attention: bool = False  # only claims the desk should look at (workbench.reports.sourcing)

    def accepts(self, row: tuple, hay: str, needle: str) -> bool:
        if self.attention and not attention_reasons(row):
            return False
        origin = row[R.ORIGIN]
        if self.origin:
            if origin != self.origin:
                return False
        elif origin == Origin.REJECTED.value and not self.show_rejected:
            return False
        if self.status and row[R.STATUS] != self.status:
            return False
        if self.source_kind and source_kind_of(row) != self.source_kind:
            return False
        return not needle or needle in hay


def row_needs_attention(row: tuple) -> list[str]:
    """The desk's "needs attention" reasons for a table row: anonymous and single-sourced,
    unverified, or in conflict (the same rule as the sourcing report)."""
    kind = source_kind_of(row)
    claim = Claim(
        id=row[R.ID],
        article_id=row[R.ARTICLE_ID],
        start=row[R.START],
        end=row[R.END],
        text=row[R.TEXT],
        status=Status(row[R.STATUS]),
        origin=Origin(row[R.ORIGIN]),
        source_name=row[R.SOURCE],
        source_phrase=row[R.SOURCE],
        source_kind=SourceKind(kind),
        review=Review(row[R.REVIEW] or ""),
    )
    return needs_attention(claim, counts=(row[R.MATCHES], row[R.CONFLICTS]))


def attention_reasons(row: tuple) -> list[str]:
    """Why the desk should look at this row, or [] when it needs nothing beyond being checked:
    the cut `split_attention` makes for the reports (a claim that is only "unverified" is not
    flagged; anonymous and single-sourced, in conflict, rated false/misleading, unverifiable or
    queried by the desk are)."""
    reasons = row_needs_attention(row)
    serious, _only_unverified = split_attention([(row[R.ID], tuple(reasons))] if reasons else [])
    return list(serious[0][1]) if serious else []
