"""Check-worthiness of stored claims: computing it again from the article text (issue 17).

A proposal's worth is computed by the extraction engine and stored with it. Claims stored before
worth existed get theirs from migration m006, and a claim whose span, kind or attribution a person
changes gets it computed again here, from the same pure function of the article text
(`workbench.extraction.worth.assess_span`). Worth is derived data: rescoring writes no audit entry.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

from sqlite_utils import Database

from workbench.extraction.worth import ArticleContext, Worth, assess_span
from workbench.model import Attribution, ClaimKind, NumberMention, ProposedClaim, SourceKind, WorthReason
from workbench.text.numbers import find_numbers

_ROWS = """
    SELECT c.id, c.article_id, c.start, c."end", c.text, c.kind, c.numbers,
           a.phrase, a.kind, a.source_start, a.source_end, a.cue, coalesce(s.description, ''),
           ar.text, ar.title
    FROM claims c
    JOIN articles ar ON ar.id = c.article_id
    LEFT JOIN attributions a ON a.claim_id = c.id
    LEFT JOIN sources s ON s.id = a.source_id
"""


def reasons_to_json(reasons: Iterable[WorthReason]) -> str:
    return json.dumps([[r.rule, r.points, r.text] for r in reasons], ensure_ascii=False)


def reasons_from_json(raw: str | None) -> tuple[WorthReason, ...]:
    try:
        rows = json.loads(raw or "[]")
        return tuple(WorthReason(str(rule), int(points), str(text)) for rule, points, text in rows)
    except (ValueError, TypeError):
        return ()  # a damaged cell loses its reasons, never the claim


def rescore(db: Database, claim_ids: Iterable[int] | None = None) -> int:
    """Compute and store the worth of the given claims (all claims when None). Returns how many.

    Call inside the caller's transaction when it is part of an edit; alone it is one statement per
    claim in autocommit mode, which a migration wraps in its own transaction.
    """
    if claim_ids is None:
        rows = db.execute(_ROWS + " ORDER BY c.article_id").fetchall()
    else:
        ids = list(dict.fromkeys(claim_ids))
        rows = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows += db.execute(_ROWS + f" WHERE c.id IN ({marks}) ORDER BY c.article_id", chunk).fetchall()
    for (
        cid,
        _article_id,
        start,
        end,
        text,
        kind,
        numbers,
        phrase,
        akind,
        s0,
        s1,
        cue,
        desc,
        body,
        title,
    ) in rows:
        context = article_context(body, title)
        attribution = Attribution(
            source=phrase or "",
            kind=SourceKind(akind) if akind else SourceKind.AGENCY,
            source_start=s0,
            source_end=s1,
            cue=cue or "",
            description=desc,
        )
        claim = ProposedClaim(
            start=start,
            end=end,
            text=text,
            summary="",
            kind=ClaimKind(kind) if kind in ClaimKind._value2member_map_ else ClaimKind.STATEMENT,
            # a claim marked by hand may have no numbers stored: read them from its text
            numbers=_numbers(numbers) or tuple(find_numbers(text, start)),
            attribution=attribution,
        )
        store(db, cid, assess_span(context, claim))
    return len(rows)


@functools.lru_cache(maxsize=4)
def article_context(body: str, title: str) -> ArticleContext:
    """The article's sentences and headings, split once for all the claims scored on it: a W3C
    file of 2,000 annotations adds 2,000 claims one by one, and splitting the whole article for each
    was quadratic (issue 10 item 11). Keyed by the text itself, so an edited text is split anew."""
    return ArticleContext.of(body, title)


def store(db: Database, claim_id: int, worth: Worth) -> None:
    db.execute(
        "UPDATE claims SET worth = ?, worth_reasons = ? WHERE id = ?",
        [worth.score, reasons_to_json(worth.reasons), claim_id],
    )


def _numbers(raw: str) -> tuple[NumberMention, ...]:
    """The stored number mentions (the JSON of db/stores/claims.py::numbers_to_json)."""
    try:
        return tuple(NumberMention(**n) for n in json.loads(raw or "[]"))
    except (ValueError, TypeError):
        return ()
