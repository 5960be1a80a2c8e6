"""Carrying claims over to a new version of an article: nothing a person did is lost.

When an import stores a changed version of a stored article (db/stores/articles.py `AddStatus.UPDATED`),
`reanchor_claims` runs inside the same transaction (the workspace wires it as the article store's
`on_new_version` hook). Every claim of the old version is copied onto
the new one with its attribution, notes and matches, its span re-anchored by `workbench.text.anchors`.
A claim that cannot be placed becomes an orphan: `orphan = 1`, its old text kept, a zero-length
span at the nearest valid offset, and `previous_id` pointing at the claim on the old version
(whose span is unchanged). The old version keeps its claims as they were.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from db.session import storage_errors
from db.stores.claims import CONTEXT_LEN, _default_summary
from workbench.text.anchors import TextAnchor, resolve

if TYPE_CHECKING:
    from db.flows.base import Stores

PHRASE_REACH = 600  # a claim's source phrase or cue lies within this many characters of it


@dataclass(frozen=True, slots=True)
class Carried:
    """One claim carried over: its id on each version, and where it landed."""

    old_id: int
    new_id: int
    start: int
    end: int
    orphan: bool
    confidence: float
    method: str  # "position", "exact", "fuzzy" or "orphan"


@dataclass(frozen=True, slots=True)
class PreviousSpan:
    """Where a carried-over claim was on the older version."""

    claim_id: int
    article_id: int
    start: int
    end: int
    text: str


@storage_errors
def reanchor_claims(ws: Stores, old_id: int, new_id: int) -> list[Carried]:
    """Copy every claim of article `old_id` onto `new_id`, re-anchored. Call inside a transaction."""
    db = ws.db
    old_text = ws.articles.get(old_id).text
    new_text = ws.articles.get(new_id).text
    claims = list(db.query('SELECT * FROM claims WHERE article_id = ? ORDER BY start, "end", id', [old_id]))
    if not claims:
        return []
    source_copies: dict[int, int] = {}
    carried = []
    with db.atomic():
        for row in claims:
            anchor = TextAnchor(row["text"], row["prefix"], row["suffix"], row["start"], row["end"])
            found = resolve(anchor, new_text)
            if found is None:
                at = min(row["start"], len(new_text))
                placed = Carried(row["id"], 0, at, at, True, 0.0, "orphan")
            else:
                placed = Carried(row["id"], 0, found.start, found.end, False, found.confidence, found.method)
            new_id_claim = _copy_claim(ws, row, new_id, new_text, placed)
            placed = replace(placed, new_id=new_id_claim)
            shift = placed.start - row["start"]
            _copy_attribution(ws, row["id"], placed, old_text, new_text, shift, new_id, source_copies)
            _copy_children(ws, row["id"], new_id_claim)
            ws.audit.record(
                "reanchor",
                "claim",
                new_id_claim,
                old={"claim_id": row["id"], "article_id": old_id, "start": row["start"], "end": row["end"]},
                new={
                    "start": placed.start,
                    "end": placed.end,
                    "orphan": placed.orphan,
                    "method": placed.method,
                    "confidence": round(placed.confidence, 3),
                },
                article_id=new_id,
                claim_id=new_id_claim,
            )
            carried.append(placed)
    return carried


@storage_errors
def previous_span(ws: Stores, claim_id: int) -> PreviousSpan | None:
    """The claim this one was carried over from (on the older version), or None."""
    row = ws.db.execute(
        'SELECT p.id, p.article_id, p.start, p."end", p.text FROM claims c JOIN claims p ON p.id = c.previous_id '
        "WHERE c.id = ?",
        [claim_id],
    ).fetchone()
    return PreviousSpan(*row) if row else None


@storage_errors
def orphans(ws: Stores, article_id: int) -> list[int]:
    """Ids of the article's claims that could not be placed on its text (shown with their old text)."""
    rows = ws.db.execute(
        "SELECT id FROM claims WHERE article_id = ? AND orphan = 1 ORDER BY id", [article_id]
    ).fetchall()
    return [r[0] for r in rows]


# --- copying ------------------------------------------------------------------------------------


def _copy_claim(ws: Stores, row: dict[str, Any], article_id: int, text: str, placed: Carried) -> int:
    values = dict(row)
    values.pop("id")
    values.update(
        article_id=article_id,
        start=placed.start,
        end=placed.end,
        orphan=int(placed.orphan),
        previous_id=row["id"],
        anchor_confidence=placed.confidence,
        numbers=_moved_numbers(row["numbers"], row["text"], placed, text),
    )
    if not placed.orphan:
        # The claim now says what the new text says there; the old wording stays on the old version.
        if row["summary"] == _default_summary(row["text"]):  # nobody wrote a summary: follow the text
            values["summary"] = _default_summary(text[placed.start : placed.end])
        values.update(
            text=text[placed.start : placed.end],
            prefix=text[max(0, placed.start - CONTEXT_LEN) : placed.start],
            suffix=text[placed.end : placed.end + CONTEXT_LEN],
        )
    # created_*/updated_* are copied as they are: re-anchoring is not a person's edit, so an
    # unreviewed proposal stays replaceable by the next extraction run (db/stores/claims.py).
    return ws.db.insert_returning_id("claims", values)


def _moved_numbers(raw: str, old_claim: str, placed: Carried, new_text: str) -> str:
    """Number mentions follow the claim; one no longer in its text is dropped (it was derived)."""
    numbers = json.loads(raw or "[]")
    if not numbers:
        return raw
    if placed.orphan:
        return json.dumps(
            [{**n, "start": placed.start, "end": placed.start} for n in numbers], ensure_ascii=False
        )
    claim = new_text[placed.start : placed.end]
    moved = []
    for n in numbers:
        at = claim.find(n["text"]) if n.get("text") else -1
        if at == -1:
            continue
        start = placed.start + at
        moved.append({**n, "start": start, "end": start + len(n["text"])})
    return json.dumps(moved, ensure_ascii=False)


def _copy_attribution(
    ws: Stores,
    old_claim: int,
    placed: Carried,
    old_text: str,
    new_text: str,
    shift: int,
    article_id: int,
    source_copies: dict[int, int],
) -> None:
    rows = list(ws.db.query("SELECT * FROM attributions WHERE claim_id = ?", [old_claim]))
    if not rows:
        return
    row = dict(rows[0])
    row.pop("id")
    row["claim_id"] = placed.new_id
    for start_col, end_col in (("source_start", "source_end"), ("cue_start", "cue_end")):
        row[start_col], row[end_col] = _moved_span(
            row[start_col], row[end_col], old_text, new_text, placed, shift
        )
    if row["source_id"] is not None:
        row["source_id"] = _source_for(ws, row["source_id"], article_id, source_copies)
    ws.db.insert_returning_id("attributions", row)


def _moved_span(
    start: int | None, end: int | None, old_text: str, new_text: str, placed: Carried, shift: int
) -> tuple[int | None, int | None]:
    """A source phrase or cue span re-anchored near its claim, hinted by the claim's own move.

    The phrase is kept as written, so only an unchanged occurrence near the claim will do;
    otherwise the span is cleared (the phrase text stays) rather than pointing at other words.
    """
    if placed.orphan or start is None or end is None or not 0 <= start < end <= len(old_text):
        return None, None
    anchor = TextAnchor.from_span(old_text, start, end)
    anchor = replace(anchor, start=max(0, start + shift), end=max(0, end + shift))
    found = resolve(anchor, new_text)
    if found is None or found.method == "fuzzy":
        return None, None
    if found.end < placed.start - PHRASE_REACH or found.start > placed.end + PHRASE_REACH:
        return None, None
    return found.start, found.end


def _source_for(ws: Stores, source_id: int, article_id: int, copies: dict[int, int]) -> int:
    """Shared sources are kept; an anonymous source belongs to one article, so the new version gets its own copy."""
    if source_id in copies:
        return copies[source_id]
    rows = list(ws.db.query("SELECT * FROM sources WHERE id = ?", [source_id]))
    if not rows or rows[0]["article_id"] is None:
        copies[source_id] = source_id
        return source_id
    values = dict(rows[0])
    values.pop("id")
    values["article_id"] = article_id
    copies[source_id] = ws.db.insert_returning_id("sources", values)
    return copies[source_id]


def _copy_children(ws: Stores, old_claim: int, new_claim: int) -> None:
    """Notes and matches travel with the claim (matches point at other articles' sentences)."""
    for table in ("notes", "matches"):
        for row in ws.db.query(f"SELECT * FROM {table} WHERE claim_id = ? ORDER BY id", [old_claim]):
            values = dict(row)
            values.pop("id")
            values["claim_id"] = new_claim
            ws.db.insert_returning_id(table, values)
