"""Stored claims with their attribution. Every write is one transaction with its audit entry.

Each mutating method returns what undo needs: `update` the old values, `set_attribution` the
`StoredAttribution` it replaced, `delete` a `ClaimSnapshot` that `restore` puts back under the
same id (db/stores/snapshots.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from db.session import Session, acts, translates_errors
from db.stores import versions
from db.stores.articles import ArticleNotFound, ArticleStore
from db.stores.audit import AuditLog
from db.stores.claim_worth import reasons_from_json, reasons_to_json, rescore
from db.stores.snapshots import ClaimSnapshot, StoredAttribution, frozen_row
from db.stores.sources import SourceStore
from workbench.model import (
    Attribution,
    Claim,
    ClaimKind,
    Extraction,
    NumberMention,
    Origin,
    Review,
    SourceKind,
    Status,
    WorthReason,
)

CONTEXT_LEN = 32  # characters of prefix/suffix kept with each claim to re-anchor it (as Hypothesis does)
EDITABLE = {
    "summary",
    "kind",
    "status",
    "origin",
    "reviewer",
    "review",
    "review_comment",
    "start",
    "end",
    "text",
    "orphan",
    "prefix",
    "suffix",
    "article_id",
    "numbers",
}
# The desk review of a claim: an editor's (db/engines/pg_schema.py).
_REVIEW_FIELDS = frozenset(("review", "reviewer", "review_comment"))
# Editing these computes the claim's worth again (db/stores/claim_worth.py).
_RESCORED = frozenset(("start", "end", "text", "kind", "article_id"))
_SELECT = """
    SELECT c.*, a.source_id, a.phrase AS source_phrase, a.source_start, a.source_end, a.cue, a.via,
           a.unsure AS source_unsure,
           coalesce(s.kind, a.kind) AS source_kind, coalesce(s.name, a.phrase) AS source_name
    FROM claims c
    LEFT JOIN attributions a ON a.claim_id = c.id
    LEFT JOIN sources s ON s.id = a.source_id
"""


class ClaimNotFound(LookupError):
    def __init__(self, claim_id: int) -> None:
        super().__init__(f"no claim with id {claim_id}")
        self.claim_id = claim_id


class ProposalsChanged(LookupError):
    """Undo or redo of "Propose claims" would take away a proposal a person has reviewed or
    edited since (or that is gone): refused, nothing written."""

    def __init__(self, claim_id: int, when: str = "") -> None:
        super().__init__(
            f"claim #{claim_id} was reviewed or edited since it was proposed{when}; "
            "its proposals are left as they are"
        )
        self.claim_id = claim_id


# Audit actions that are the machine's, not a person's: a proposal with only these is untouched
# (a new "Propose claims" may replace it). "propose" is the undo and redo of a proposal run.
MACHINE_ACTIONS = ("create", "match", "reanchor", "propose")


@dataclass(frozen=True, slots=True)
class ProposalRun:
    """One "Propose claims" on an article: the untouched proposals it replaced and those it
    stored, as snapshots (`ClaimStore.swap_proposals` puts either set back exactly)."""

    article_id: int
    removed: tuple[ClaimSnapshot, ...] = ()
    added: tuple[ClaimSnapshot, ...] = ()


class BadSpan(ValueError):
    """A span that does not fit the article text."""


def numbers_to_json(numbers: tuple[NumberMention, ...] | list[NumberMention]) -> str:
    return json.dumps([asdict(n) for n in numbers], ensure_ascii=False)


def numbers_from_json(raw: str) -> tuple[NumberMention, ...]:
    return tuple(NumberMention(**n) for n in json.loads(raw or "[]"))


def claim_from_row(row: dict) -> Claim:
    source_kind = row.get("source_kind")
    return Claim(
        id=row["id"],
        article_id=row["article_id"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        summary=row["summary"],
        kind=ClaimKind(row["kind"]),
        status=Status(row["status"]),
        origin=Origin(row["origin"]),
        numbers=numbers_from_json(row["numbers"]),
        source_id=row.get("source_id"),
        source_name=row.get("source_name") or "",
        source_kind=SourceKind(source_kind) if source_kind else None,
        source_phrase=row.get("source_phrase") or "",
        source_unsure=bool(row.get("source_unsure")),
        source_start=row.get("source_start"),
        source_end=row.get("source_end"),
        cue=row.get("cue") or "",
        via=row.get("via") or "",
        prefix=row["prefix"],
        suffix=row["suffix"],
        orphan=bool(row["orphan"]),
        reviewer=row["reviewer"],
        review=Review(row["review"]),
        review_comment=row["review_comment"],
        created_by=row["created_by"],
        created_at=row["created_at"],
        updated_by=row["updated_by"],
        updated_at=row["updated_at"],
        worth=row.get("worth"),
        worth_reasons=reasons_from_json(row.get("worth_reasons")),
        version=row.get("version", 1),
    )


def _stored(value: Any) -> Any:
    """A Python value as stored in a column: enums by value, bools as 0/1, numbers as JSON."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, tuple | list):
        return numbers_to_json(value)
    return value


@translates_errors
class ClaimStore:
    def __init__(
        self, session: Session, audit: AuditLog, articles: ArticleStore, sources: SourceStore
    ) -> None:
        self.session = session
        self.db = session.db
        self.audit = audit
        self.articles = articles
        self.sources = sources
        self._text_key: tuple[int, str] | None = None  # (article id, text hash) of _text
        self._text = ""

    # --- reading ----------------------------------------------------------------------------

    def _article_text(self, article_id: int) -> str:
        """The article's text, read once for the many claims added to it in a row: a proposal of a
        1 MB article stores 1,500 claims, and reading the whole text again for each was quadratic
        (issue 10 item 11). A text is never edited in place; its hash names it.

        Raises:
            ArticleNotFound: no article with that id.
        """
        row = self.db.execute("SELECT text_hash FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise ArticleNotFound(article_id)
        if self._text_key != (article_id, row[0]):
            self._text = self.articles.get(article_id).text
            self._text_key = (article_id, row[0])
        return self._text

    def get(self, claim_id: int) -> Claim:
        rows = list(self.db.query(_SELECT + " WHERE c.id = ?", [claim_id]))
        if not rows:
            raise ClaimNotFound(claim_id)
        return claim_from_row(rows[0])

    def for_article(self, article_id: int, *, include_rejected: bool = True) -> list[Claim]:
        sql = (
            _SELECT + " WHERE c.article_id = ?" + ("" if include_rejected else " AND c.origin != 'rejected'")
        )
        return [
            claim_from_row(r) for r in self.db.query(sql + ' ORDER BY c.start, c."end", c.id', [article_id])
        ]

    def count(self, article_id: int | None = None) -> int:
        if article_id is None:
            return self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        return self.db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [article_id]).fetchone()[0]

    # --- writing ----------------------------------------------------------------------------

    @acts("creating claims", "checker")
    def add(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        summary: str = "",
        kind: ClaimKind = ClaimKind.STATEMENT,
        origin: Origin = Origin.MANUAL,
        status: Status = Status.UNCHECKED,
        numbers: tuple[NumberMention, ...] = (),
        attribution: Attribution | None = None,
        source_id: int | None = None,
        claim_id: int | None = None,
        worth: int | None = None,
        reasons: tuple[WorthReason, ...] = (),
    ) -> Claim:
        """Store a claim on exactly `text[start:end]` of the article.

        `worth` and `reasons` are the engine's check-worthiness; when None it is computed here from
        the article text (a claim a person marks gets a worth too).

        Raises:
            BadSpan: the span is empty or outside the article.
        """
        self.session.writable()
        text = self._article_text(article_id)
        if not 0 <= start < end <= len(text):
            raise BadSpan(f"span {start}-{end} is not inside article {article_id} (length {len(text)})")
        now = self.session.now()
        with self.db.atomic():
            new_id = self.db.insert_returning_id(
                "claims",
                {
                    "id": claim_id,
                    "article_id": article_id,
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "summary": summary or _default_summary(text[start:end]),
                    "kind": kind.value,
                    "status": status.value,
                    "origin": origin.value,
                    "numbers": numbers_to_json(numbers),
                    "prefix": text[max(0, start - CONTEXT_LEN) : start],
                    "suffix": text[end : end + CONTEXT_LEN],
                    "created_by": self.session.user,
                    "created_at": now,
                    "updated_by": self.session.user,
                    "updated_at": now,
                },
            )
            if claim_id is not None:
                self.db.ids_written("claims")
            if attribution is not None or source_id is not None:
                self._write_attribution(new_id, attribution, source_id)
            if worth is None:
                rescore(self.db, [new_id])
            else:
                self.db.execute(
                    "UPDATE claims SET worth = ?, worth_reasons = ? WHERE id = ?",
                    [worth, reasons_to_json(reasons), new_id],
                )
            self.audit.record(
                "create", "claim", new_id, new=text[start:end], article_id=article_id, claim_id=new_id
            )
        return self.get(new_id)

    def update(self, claim_id: int, *, if_version: int | None = None, **fields: Any) -> dict[str, Any]:
        """Set claim fields; returns their old values, so `update(id, **old)` undoes it.

        `if_version` is the claim's version the caller saw (`Claim.version`); None means "as it is
        now" (a command that reads and writes in one go). The old values carry `if_version` too, the
        version this edit leaves, so their undo is refused when someone changed the claim since.

        Raises:
            StaleEdit: the claim is not at `if_version` any more; nothing was written.
            NotPermitted: the desk refused it for the user's role (a checker reviewing).
        """
        if _REVIEW_FIELDS.intersection(fields):
            with self.session.acting("reviewing claims", "editor"):
                return self._update(claim_id, if_version, fields)
        with self.session.acting("editing claims", "checker"):
            return self._update(claim_id, if_version, fields)

    def _update(self, claim_id: int, if_version: int | None, fields: dict[str, Any]) -> dict[str, Any]:
        self.session.writable()
        bad = set(fields) - EDITABLE
        if bad:
            raise ValueError(f"claims have no editable field {', '.join(sorted(bad))}")
        # Read the old values inside the write transaction: another program's commit between the
        # read and the write would otherwise give undo values that were never current.
        with self.db.atomic():
            found = list(self.db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
            if not found:
                raise ClaimNotFound(claim_id)
            row = found[0]
            versions.check(self.session, "claim", claim_id, if_version, row["version"])
            old: dict[str, Any] = {name: row[name] for name in fields}
            version = row["version"]
            if any(_stored(value) != row[name] for name, value in fields.items()):
                version = versions.bump(self.session, "claim", claim_id, row["version"])
            order = list(fields)
            if "start" in fields and "end" in fields and _stored(fields["start"]) >= row["end"]:
                # moving a span past its old end: write the end first, or CHECK (end >= start) refuses
                order.sort(key=lambda name: name != "end")
            for name in order:
                value = fields[name]
                stored = _stored(value)
                if stored == row[name]:
                    continue
                column = '"end"' if name == "end" else name
                self.db.execute(
                    f"UPDATE claims SET {column} = ?, updated_by = ?, updated_at = ? WHERE id = ?",
                    [stored, self.session.user, self.session.now(), claim_id],
                )
                self.audit.record(
                    "update",
                    "claim",
                    claim_id,
                    field=name,
                    old=row[name],
                    new=stored,
                    article_id=row["article_id"],
                    claim_id=claim_id,
                )
            if _RESCORED.intersection(fields):
                rescore(self.db, [claim_id])  # the worth follows the span and the kind
        old["if_version"] = version
        return old

    def update_many(self, changes: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
        """`update` several claims in one transaction: all of them change, or none (for undo).

        Returns:
            each claim's old values, so `update_many(old)` undoes it.
        """
        with self.db.atomic():
            return {claim_id: self.update(claim_id, **fields) for claim_id, fields in changes.items()}

    def set_span(self, claim_id: int, start: int, end: int) -> dict[str, Any]:
        """Move a claim to `text[start:end]` of its article (text and context follow)."""
        claim = self.get(claim_id)
        text = self.articles.get(claim.article_id).text
        if not 0 <= start < end <= len(text):
            raise BadSpan(f"span {start}-{end} is not inside article {claim.article_id}")
        return self.update(
            claim_id,
            start=start,
            end=end,
            text=text[start:end],
            prefix=text[max(0, start - CONTEXT_LEN) : start],
            suffix=text[end : end + CONTEXT_LEN],
            orphan=False,
        )

    def attribution(self, claim_id: int) -> StoredAttribution | None:
        rows = list(self.db.query("SELECT * FROM attributions WHERE claim_id = ?", [claim_id]))
        return StoredAttribution.from_row(rows[0]) if rows else None

    @acts("changing an attribution", "checker")
    def set_attribution(
        self, claim_id: int, values: StoredAttribution | None, *, if_version: int | None = None
    ) -> StoredAttribution | None:
        """Replace the claim's attribution (None removes it). Returns the old one, for undo.

        Who says it is part of the claim: the claim's version moves with it (by one, so an edit
        from `if_version=v` leaves `v + 1`, the version its undo names).

        Raises:
            StaleEdit: the claim is not at `if_version` any more; nothing was written.
        """
        self.session.writable()
        with self.db.atomic():
            row = self.db.execute(
                "SELECT article_id, version FROM claims WHERE id = ?", [claim_id]
            ).fetchone()
            if row is None:
                raise ClaimNotFound(claim_id)
            article_id, version = row
            versions.check(self.session, "claim", claim_id, if_version, version)
            old = self.attribution(claim_id)
            versions.bump(self.session, "claim", claim_id, version)
            was = self.db.execute(
                "SELECT version FROM attributions WHERE claim_id = ?", [claim_id]
            ).fetchone()
            self.db.execute("DELETE FROM attributions WHERE claim_id = ?", [claim_id])
            if values is not None:  # the row's own version counts its replacements
                self.db.insert_returning_id(
                    "attributions",
                    {"claim_id": claim_id, **values.as_row(), "version": (was[0] if was else 0) + 1},
                )
            self.audit.record(
                "update",
                "claim",
                claim_id,
                field="attribution",
                old=old.as_row() if old else None,
                new=values.as_row() if values else None,
                article_id=article_id,
                claim_id=claim_id,
            )
            rescore(self.db, [claim_id])  # who says it is part of its worth
        return old

    def _write_attribution(
        self, claim_id: int, attribution: Attribution | None, source_id: int | None
    ) -> None:
        a = attribution
        self.db.insert_returning_id(
            "attributions",
            {
                "claim_id": claim_id,
                "source_id": source_id,
                "phrase": a.source if a else "",
                "source_start": a.source_start if a else None,
                "source_end": a.source_end if a else None,
                "cue": a.cue if a else "",
                "cue_start": a.cue_start if a else None,
                "cue_end": a.cue_end if a else None,
                "via": (a.via or "") if a else "",
                "kind": (a.kind.value if a else SourceKind.AGENCY.value),
                "unsure": int(bool(a and a.unsure)),
            },
        )

    @acts("deleting claims", "checker")
    def delete(self, claim_id: int, *, if_version: int | None = None) -> ClaimSnapshot:
        """Remove a claim; returns a snapshot that `restore` puts back (same id, notes included).

        Raises:
            StaleEdit: the claim is not at `if_version` any more (someone changed it since the
                caller saw it: deleting it would throw their change away); nothing was deleted.
        """
        self.session.writable()
        with self.db.atomic():
            snapshot = self.snapshot(claim_id)
            versions.check(self.session, "claim", claim_id, if_version, snapshot.claim["version"])
            cursor = self.db.execute(
                "DELETE FROM claims WHERE id = ? AND version = ?", [claim_id, snapshot.claim["version"]]
            )
            if cursor.rowcount != 1:
                raise versions.stale(self.session, "claim", claim_id)
            self.audit.record(
                "delete",
                "claim",
                claim_id,
                old=snapshot.text,
                article_id=snapshot.article_id,
                claim_id=claim_id,
            )
        return snapshot

    def snapshot(self, claim_id: int) -> ClaimSnapshot:
        claim = list(self.db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
        if not claim:
            raise ClaimNotFound(claim_id)

        def rows(table: str) -> tuple:
            return tuple(
                frozen_row(r) for r in self.db.query(f"SELECT * FROM {table} WHERE claim_id = ?", [claim_id])
            )

        return ClaimSnapshot(
            claim=frozen_row(claim[0]),
            attribution=rows("attributions"),
            notes=rows("notes"),
            matches=rows("matches"),
            # claims carried over from this one to a newer version: deleting it unlinks them
            # (ON DELETE SET NULL), restoring it links them again
            successors=tuple(
                r[0] for r in self.db.execute("SELECT id FROM claims WHERE previous_id = ?", [claim_id])
            ),
        )

    def delete_many(
        self, claim_ids: list[int], *, if_versions: dict[int, int] | None = None
    ) -> list[ClaimSnapshot]:
        """`delete` several claims in one transaction: all of them go, or none.

        Args:
            if_versions: the version of each claim the caller saw (a claim left out: as it is now).

        Returns:
            their snapshots, for `restore_many`.
        """
        seen = if_versions or {}
        with self.db.atomic():
            return [self.delete(claim_id, if_version=seen.get(claim_id)) for claim_id in claim_ids]

    def restore_many(self, snapshots: list[ClaimSnapshot]) -> None:
        """Put back what `delete_many` removed, in one transaction."""
        with self.db.atomic():
            for snapshot in reversed(snapshots):
                self.restore(snapshot)

    def restore(self, snapshot: ClaimSnapshot) -> Claim:
        self.session.writable()
        claim_id = snapshot.claim_id
        with self.db.atomic():
            self._put_back([snapshot])
            for successor in snapshot.successors:
                self.db.execute(
                    "UPDATE claims SET previous_id = ? WHERE id = ? AND previous_id IS NULL",
                    [claim_id, successor],
                )
            self.audit.record(
                "restore",
                "claim",
                claim_id,
                new=snapshot.text,
                article_id=snapshot.article_id,
                claim_id=claim_id,
            )
        return self.get(claim_id)

    @acts("proposing claims", "checker")
    def store_proposals(self, article_id: int, extraction: Extraction) -> list[Claim]:
        """Store the engine's proposals for an article, marked as proposed (`propose`, without
        what undo needs)."""
        run = self.propose(article_id, extraction)
        return [claim_from_row(dict(s.claim)) for s in run.added]

    def propose(self, article_id: int, extraction: Extraction) -> ProposalRun:
        """Store the engine's proposals for an article, marked as proposed, in one transaction.

        Earlier proposals nobody reviewed are replaced; a claim a person created, accepted,
        rejected or edited is never touched, and a proposal on the same span is not added again.

        Returns:
            what was replaced and what was added, for `swap_proposals` (undo and redo).
        """
        self.session.writable()
        with self.db.atomic():
            removed = tuple(self.snapshot(cid) for cid in self._untouched_proposals(article_id))
            self._remove_proposals([s.claim_id for s in removed])
            taken = {
                (r[0], r[1])
                for r in self.db.execute(
                    'SELECT start, "end" FROM claims WHERE article_id = ?', [article_id]
                ).fetchall()
            }
            source_ids = self._register_sources(article_id, extraction)
            stored = []
            for proposal in extraction.claims:
                if (proposal.start, proposal.end) in taken:
                    continue
                taken.add((proposal.start, proposal.end))
                a = proposal.attribution
                source_id = source_ids.get(a.source_key or a.source) if a else None
                stored.append(
                    self.add(
                        article_id,
                        proposal.start,
                        proposal.end,
                        summary=proposal.summary,
                        kind=proposal.kind,
                        origin=Origin.PROPOSED,
                        numbers=proposal.numbers,
                        attribution=a,
                        source_id=source_id,
                        worth=proposal.worth,
                        reasons=proposal.reasons,
                    ).id
                )
            added = tuple(self.snapshot(cid) for cid in stored)
        return ProposalRun(article_id, removed, added)

    def swap_proposals(self, run: ProposalRun, *, undo: bool) -> None:
        """Undo (or redo) a `propose` run in one transaction with its audit entry: the proposals
        it added go and those it replaced come back exactly (same ids, attributions, worth), or
        the other way round. Refused, with nothing written, when a proposal to take away was
        reviewed or edited since (a person's work is never removed) or is gone."""
        self.session.writable()
        remove, restore = (run.added, run.removed) if undo else (run.removed, run.added)
        ids = [s.claim_id for s in remove]
        with self.db.atomic():
            for snapshot in remove:
                if not self._as_proposed(snapshot):
                    raise ProposalsChanged(snapshot.claim_id, self._last_change(snapshot.claim_id))
            self._remove_proposals(ids)
            self._put_back(restore)
            self.audit.record(
                "propose",
                "article",
                run.article_id,
                field="undo" if undo else "redo",
                old=ids,
                new=[s.claim_id for s in restore],
                article_id=run.article_id,
            )

    def _put_back(self, snapshots: Sequence[ClaimSnapshot]) -> None:
        """Insert the snapshots' rows under their own ids (inside the caller's transaction), then
        let each table's id sequence move past them (PostgreSQL; nothing to do on SQLite)."""
        for snapshot in snapshots:
            self.db.insert_returning_id("claims", dict(snapshot.claim))
            for table, rows in (
                ("attributions", snapshot.attribution),
                ("notes", snapshot.notes),
                ("matches", snapshot.matches),
            ):
                for row in rows:
                    self.db.insert_returning_id(table, dict(row))
        for table in ("claims", "attributions", "notes", "matches"):
            self.db.ids_written(table)

    def _as_proposed(self, snapshot: ClaimSnapshot) -> bool:
        """The claim is still the proposal `snapshot` holds: the same row (its version and last
        editor aside: an edit undone leaves them changed), attribution and notes. An edit that was
        undone is no edit; an accept, a verdict, a note or a new source that stands is."""
        try:
            now = self.snapshot(snapshot.claim_id)
        except ClaimNotFound:
            return False
        return (
            now.claim["origin"] == Origin.PROPOSED.value
            and _content(now.claim) == _content(snapshot.claim)  # the claim's id is the snapshot's
            and [_content(r) for r in now.attribution] == [_content(r) for r in snapshot.attribution]
            and len(now.notes) == len(snapshot.notes)
        )

    def _untouched_proposals(self, article_id: int) -> list[int]:
        """The article's proposals nobody touched: the audit log holds nothing a person did to
        them (any edit, attribution change, note or link is logged against the claim; machine
        steps, `MACHINE_ACTIONS`, are not a person's)."""
        marks = ",".join("?" * len(MACHINE_ACTIONS))
        return [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM claims WHERE article_id = ? AND origin = 'proposed' AND NOT EXISTS "
                f"(SELECT 1 FROM audit a WHERE a.claim_id = claims.id AND a.action NOT IN ({marks})) "
                "ORDER BY id",
                [article_id, *MACHINE_ACTIONS],
            ).fetchall()
        ]

    def _remove_proposals(self, claim_ids: list[int]) -> None:
        for i in range(0, len(claim_ids), 500):  # stay under SQLite's parameter limit
            chunk = claim_ids[i : i + 500]
            self.db.execute(f"DELETE FROM claims WHERE id IN ({','.join('?' * len(chunk))})", chunk)

    def _last_change(self, claim_id: int) -> str:
        row = self.db.execute(
            'SELECT "user", at FROM audit WHERE claim_id = ? ORDER BY id DESC LIMIT 1', [claim_id]
        ).fetchone()
        return f" by {row[0] or 'someone'} at {row[1][:16].replace('T', ' ')}" if row else ""

    def _register_sources(self, article_id: int, extraction: Extraction) -> dict[str, int]:
        ids: dict[str, int] = {}
        for entry in extraction.sources:
            # What one article calls a person ("he", "the Republican nominee", "Trump, meanwhile")
            # is that article's reading, not a name: it stays in the attribution's phrase and never
            # joins a workspace-wide source, so it cannot leak into another article (issue 13 item 3).
            aliases = tuple(a for a in entry.aliases if _is_name_alias(a))
            if entry.kind is SourceKind.ANONYMOUS:
                source = self.sources.find_or_create(
                    entry.name,
                    entry.kind,
                    description=entry.description,
                    aliases=aliases,
                    article_id=article_id,
                )
            else:
                # A proposal joins a shared source by its full name only; "Clinton" or an alias that
                # another source has is a merge candidate a person confirms (SourceStore.merge).
                named = self.sources.find_named(entry.name, entry.kind)
                source = (
                    self.sources.with_aliases(named, aliases)
                    if named is not None
                    else self.sources.create(
                        entry.name,
                        entry.kind,
                        description=entry.description,
                        aliases=aliases,
                        article_id=article_id,
                    )
                )
            ids[entry.key] = source.id
            ids.setdefault(entry.name, source.id)
        return ids


_BOOKKEEPING = frozenset({"id", "version", "updated_at", "updated_by"})


def _content(row: Any) -> dict[str, Any]:
    """A claim's (or its attribution's) row without what every write changes: its version, who
    wrote it last and when, and for an attribution its row id (a change rewrites the row)."""
    return {k: v for k, v in row.items() if k not in _BOOKKEEPING}


def _is_name_alias(alias: str) -> bool:
    """'Mr Kadhemi', 'Hillary Rodham Clinton' are names; 'he', 'the senator', 'Trump, meanwhile' are not."""
    words = alias.split()
    return (
        bool(words)
        and "," not in alias
        and all(w[:1].isupper() or w in ("al", "bin", "de", "van", "von") for w in words)
        and words[0].lower()
        not in ("the", "he", "she", "they", "it", "i", "we", "who", "which", "his", "her", "their", "its")
    )


def _default_summary(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
