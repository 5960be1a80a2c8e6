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

from db.queries.claim_rows import ClaimRow, row_attention
from db.stores.claim_worth import reasons_from_json
from ui.app.palette import KIND_LABELS
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.model import Origin, SourceKind, Status

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter


class Col(IntEnum):
    """Columns in display order: the ones a fact-checker scans first fit a 1366-pixel screen."""

    NUMBER = 0
    WORTH = 1
    ARTICLE = 2
    SUMMARY = 3
    SOURCE = 4
    SOURCE_KIND = 5
    STATUS = 6
    MATCHES = 7
    KIND = 8
    NOTES = 9
    VIA = 10
    TEXT = 11


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    alignment: Qt.AlignmentFlag
    sortable: bool = True
    editable: bool = False
    tip: str = ""
    width: int = 80
    hidden: bool = False  # hidden until the header's menu shows it


_SPECS: dict[Col, Column] = {
    Col.NUMBER: Column(
        "#",
        ALIGN_RIGHT,
        tip="Claim number: the same in reports, exports and the CLI (workbench show / review)",
        width=40,
    ),
    Col.WORTH: Column(
        "Worth",
        ALIGN_RIGHT,
        tip="Check-worthiness, 0–100 (why: in the row's tooltip and the Claim tab). Proposals below the"
        " threshold (Preferences) are weak: hidden until “Weak” is ticked. Best first within each article.",
        width=54,
    ),
    Col.ARTICLE: Column("Article", ALIGN_LEFT, tip="The article the claim is in", width=150),
    Col.SUMMARY: Column("Summary", ALIGN_LEFT, editable=True, tip="Short summary (F2 to edit)", width=220),
    Col.SOURCE: Column(
        "Source", ALIGN_LEFT, editable=True, tip="Who says it (Ctrl+Shift+S to choose)", width=104
    ),
    Col.SOURCE_KIND: Column(
        "Source kind",
        ALIGN_LEFT,
        editable=True,
        tip="Named, anonymous, institution, document, agency (S to change)",
        width=100,
    ),
    Col.STATUS: Column("Status", ALIGN_LEFT, editable=True, tip="Verification status (keys 1–6)", width=96),
    Col.KIND: Column(
        "Type",
        ALIGN_LEFT,
        editable=True,
        tip="Quantity, event, quote or statement (T to change)",
        width=68,
        hidden=True,
    ),
    Col.MATCHES: Column(
        "Matches",
        ALIGN_RIGHT,
        tip="Independent sources elsewhere: corroborating · conflicting ✕ (wire copies count once)",
        width=56,
    ),
    Col.NOTES: Column("Notes", ALIGN_RIGHT, tip="Notes and evidence", width=46, hidden=True),
    Col.VIA: Column(
        "Via",
        ALIGN_LEFT,
        editable=True,
        tip="Who relayed the claim (told AFP, said on TV…)",
        width=70,
        hidden=True,
    ),
    Col.TEXT: Column("Claim", ALIGN_LEFT, tip="The exact claim text in the article", width=300, hidden=True),
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
    return row[ClaimRow.SOURCE_KIND] or SourceKind.AGENCY.value


def row_is_weak(row: tuple, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """A proposal nobody reviewed whose worth is below `threshold` (hidden by default, never deleted)."""
    worth = row[ClaimRow.WORTH]
    return row[ClaimRow.ORIGIN] == Origin.PROPOSED.value and worth is not None and worth < threshold


def worth_tip(row: tuple, threshold: int = DEFAULT_THRESHOLD) -> str:
    """The worth part of a row's tooltip (rich text, content escaped): the score and its reasons."""
    worth = row[ClaimRow.WORTH]
    if worth is None:
        return ""
    verdict = (
        f"weak: below {threshold}, hidden unless “Weak” is ticked" if row_is_weak(row, threshold) else ""
    )
    lines = [escape(r.label()) for r in reasons_from_json(row[ClaimRow.WORTH_REASONS])]
    head = f"<b>Worth {worth}</b>" + (f" <i>({escape(verdict)})</i>" if verdict else "")
    return "<br><br>" + head + ("<br>" + "<br>".join(lines) if lines else "")


def cell_row_of(row: tuple, agency: str = "", threshold: int = DEFAULT_THRESHOLD) -> CellRow:
    """Display strings of a row; `agency` names the article's agency (for claims in its voice),
    `threshold` the worth below which a proposal is weak."""
    matches, conflicts = row[ClaimRow.MATCHES], row[ClaimRow.CONFLICTS]
    status = row[ClaimRow.STATUS]
    own_voice = not row[ClaimRow.SOURCE] and source_kind_of(row) == SourceKind.AGENCY.value
    source = row[ClaimRow.SOURCE] or (agency or "the agency" if own_voice else "")
    by_col = {
        Col.NUMBER: str(row[ClaimRow.ID]),
        Col.WORTH: "" if row[ClaimRow.WORTH] is None else str(row[ClaimRow.WORTH]),
        Col.ARTICLE: row[ClaimRow.ARTICLE_TITLE],
        Col.SUMMARY: row[ClaimRow.SUMMARY],
        Col.TEXT: " ".join(row[ClaimRow.TEXT].split()),
        Col.SOURCE: source,
        Col.SOURCE_KIND: source_kind_of(row).capitalize(),
        Col.VIA: row[ClaimRow.VIA],
        Col.KIND: row[ClaimRow.KIND].capitalize(),
        Col.STATUS: Status(status).label if status in Status._value2member_map_ else status,
        Col.MATCHES: _matches_cell(matches, conflicts),
        Col.NOTES: str(row[ClaimRow.NOTES]) if row[ClaimRow.NOTES] else "",
    }
    cells = tuple(by_col[c] for c in Col)
    tip = (
        f"<b>Claim #{row[ClaimRow.ID]}: {escape(row[ClaimRow.SUMMARY])}</b><br>{escape(row[ClaimRow.TEXT])}<br><br>"
        f"Source: {escape(source or '—')} ({escape(KIND_LABELS.get(source_kind_of(row), cells[Col.SOURCE_KIND]))})<br>"
        f"<i>{escape(ORIGIN_LABELS.get(row[ClaimRow.ORIGIN], row[ClaimRow.ORIGIN]))}</i>"
    )
    if conflicts:
        tip += f"<br>{conflicts} conflicting match{'es' if conflicts != 1 else ''}"
    tip += worth_tip(row, threshold)
    reasons = attention_reasons(row)
    if reasons:
        tip += "<br><br><b>⚑ Needs attention:</b> " + escape("; ".join(reasons))
    return CellRow(cells, tip)


def haystack(row: tuple) -> str:
    """The lower-cased text the filter box searches in a claim row."""
    return "\n".join(
        (
            row[ClaimRow.SUMMARY],
            row[ClaimRow.TEXT],
            row[ClaimRow.SOURCE],
            row[ClaimRow.VIA],
            row[ClaimRow.ARTICLE_TITLE],
        )
    ).casefold()


def text_order(row: tuple) -> tuple:
    """The default order: article by article, claims in the order they appear in the text."""
    return (row[ClaimRow.ARTICLE_ID], row[ClaimRow.START], row[ClaimRow.END], row[ClaimRow.ID])


def worth_order(row: tuple) -> tuple:
    """Sorted descending: article by article, the worthiest claim first, ties in text order
    (hence the negated article and position); a claim with no worth comes last."""
    worth = row[ClaimRow.WORTH]
    return (
        -row[ClaimRow.ARTICLE_ID],
        -1 if worth is None else worth,
        -row[ClaimRow.START],
        -row[ClaimRow.END],
        -row[ClaimRow.ID],
    )


SORT_KEYS: dict[Col, Callable[[tuple], Any]] = {
    Col.NUMBER: lambda r: r[ClaimRow.ID],
    Col.WORTH: worth_order,
    Col.ARTICLE: lambda r: (r[ClaimRow.ARTICLE_TITLE].casefold(), r[ClaimRow.ARTICLE_ID], r[ClaimRow.START]),
    Col.SUMMARY: lambda r: r[ClaimRow.SUMMARY].casefold(),
    Col.TEXT: lambda r: r[ClaimRow.TEXT].casefold(),
    Col.SOURCE: lambda r: r[ClaimRow.SOURCE].casefold(),
    Col.SOURCE_KIND: lambda r: r[ClaimRow.SOURCE_KIND],
    Col.VIA: lambda r: r[ClaimRow.VIA].casefold(),
    Col.KIND: lambda r: r[ClaimRow.KIND],
    Col.STATUS: lambda r: (
        list(Status._value2member_map_).index(r[ClaimRow.STATUS])
        if r[ClaimRow.STATUS] in Status._value2member_map_
        else 99
    ),
    Col.MATCHES: lambda r: (r[ClaimRow.CONFLICTS], r[ClaimRow.MATCHES]),
    Col.NOTES: lambda r: r[ClaimRow.NOTES],
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
    show_weak: bool = False  # proposals below the worth threshold too
    threshold: int = DEFAULT_THRESHOLD

    def accepts(self, row: tuple, hay: str, needle: str) -> bool:
        if not self.show_weak and row_is_weak(row, self.threshold):
            return False
        if self.attention and not attention_reasons(row):
            return False
        origin = row[ClaimRow.ORIGIN]
        if self.origin:
            if origin != self.origin:
                return False
        elif origin == Origin.REJECTED.value and not self.show_rejected:
            return False
        if self.status and row[ClaimRow.STATUS] != self.status:
            return False
        if self.source_kind and source_kind_of(row) != self.source_kind:
            return False
        return not needle or needle in hay


def attention_reasons(row: tuple) -> list[str]:
    """Why the desk should look at this row, or [] when it needs nothing beyond being checked
    (`Attention.needed`, the cut every count makes)."""
    a = row_attention(row)
    return list(a.reasons) if a.needed else []
