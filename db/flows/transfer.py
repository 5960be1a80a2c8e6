"""Copying work from one workspace into another: `workbench desk push` (a file into a desk) and
`workbench desk pull` (stories out of a desk into a file) are this one flow, in either direction,
over the two workspaces' neutral connections (issue 12 item 6).

What is copied: articles (with their sentences, indexed by the target's own search), sources,
claims, attributions, notes and evidence, match links, reviews and sign-offs, and the audit
history of all of it. Ids are the target's own (remapped); nothing is written twice:

- an article is recognised by its text (hash and kind, as an import does): the stored one is used,
  its metadata kept; an article whose text differs is a separate article (a new version, even with
  the same address, is never guessed: the copy brings its own versions, linked as they were);
- a source is recognised by name (case aside), kind and scope (shared, or the article's own);
- a claim is recognised by its article, span and text: **identical span and text are one claim**.
  When both sides have it and differ, the side edited last (`updated_at`) wins field by field
  through `ClaimStore.update` (versioned and audited on the target); an editor's review the target
  lacks is filled in; the target's own newer edit is kept and counted as `newer_there`;
- an attribution, a note (by body, link, quote, author and time) and a match (by matched article and
  span) likewise; a link set on one side only is copied;
- an audit entry is recognised by who wrote it and when (where it was first written), its action,
  entity, field and values. A copied entry keeps its first author and time in `origin_user` and
  `origin_at` (migration m013); its `user` and `at` are the copy's (on a desk the server's session
  user: who vouches for it). Wire-group entries are not copied: the target groups wire copies itself.
  One `copy` entry on each article that received anything says where it came from.

Running it twice changes nothing: the second run finds everything there and writes nothing.

It is one transaction on the target: all of it is copied or none. The server judges roles: a
checker's copy of reviewed claims or a signed-off article is refused by the desk (row security)
and rolled back whole, with the one line of `NotPermitted`; `with_marks=False` leaves the editor's
marks (reviews, sign-offs and their history) out and reports them as left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from db.errors import WorkspaceError
from db.stores.articles import AddStatus, ArticleNotFound
from db.stores.audit import CopiedEntry
from db.stores.snapshots import StoredAttribution
from workbench.model import LinkKind

if TYPE_CHECKING:
    from db.flows.base import Stores

KINDS = ("articles", "sources", "claims", "attributions", "notes", "matches", "reviews", "sign_offs", "audit")
REVIEW_FIELDS = ("review", "reviewer", "review_comment")
# A claim's fields a merge compares (its span, text and article are what recognise it).
MERGED_FIELDS = ("summary", "kind", "status", "origin", "numbers", "orphan", "prefix", "suffix")
# Derived on the target, never copied: its wire groups (the target groups copies itself).
_NOT_COPIED_ACTIONS = ("wire_group",)
_ENTITY_MAPS = {
    "article": "articles",
    "claim": "claims",
    "note": "notes",
    "source": "sources",
    "match": "matches",
}


class NothingToCopy(WorkspaceError):
    """An article asked for is not in the workspace copied from."""


@dataclass
class TransferReport:
    """What a copy did, by kind (KINDS): copied new, already there, merged into a row there
    (`updated`), differing but newer there (`newer_there`, kept), left out (`left_out`)."""

    source: str
    target: str
    copied: Counter[str] = field(default_factory=Counter)
    already: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    newer_there: Counter[str] = field(default_factory=Counter)
    left_out: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    articles: dict[int, int] = field(default_factory=dict)  # source id -> target id

    @property
    def changed(self) -> bool:
        return bool(sum(self.copied.values()) + sum(self.updated.values()))

    def to_json(self) -> dict[str, Any]:
        def counts(c: Counter[str]) -> dict[str, int]:
            return {k: c[k] for k in KINDS}

        return {
            "from": self.source,
            "to": self.target,
            "copied": counts(self.copied),
            "already_there": counts(self.already),
            "updated": counts(self.updated),
            "newer_there": counts(self.newer_there),
            "left_out": counts(self.left_out),
            "articles": {str(k): v for k, v in self.articles.items()},
            "notes": list(self.notes),
        }

    def lines(self) -> list[str]:
        """The report for a person: one line per kind of outcome that happened."""
        out = []
        for label, counter in (
            ("copied", self.copied),
            ("already there", self.already),
            ("merged", self.updated),
            ("newer there, kept", self.newer_there),
            ("left out", self.left_out),
        ):
            parts = [f"{counter[k]} {k.replace('_', '-')}" for k in KINDS if counter[k]]
            if parts:
                out.append(f"{label}: {', '.join(parts)}")
        return out or ["nothing to copy"]


def transfer(
    source: Stores,
    target: Stores,
    *,
    article_ids: Sequence[int] | None = None,
    with_marks: bool = True,
) -> TransferReport:
    """Copy `source`'s work into `target` in one transaction (see the module docstring).

    Args:
        article_ids: the stories to copy (each with its versions; articles their claims' matches
            point at come along, without their claims); None: everything.
        with_marks: copy the editor's reviews and sign-offs (False: leave them out, reported).

    Raises:
        NothingToCopy: an article of `article_ids` is not in `source`.
        NotPermitted: the target's server refused a write for the user's role; nothing was written.
        WorkspaceError: either workspace failed; nothing was written.
    """
    target.writable()
    report = TransferReport(source.session.engine.location, target.session.engine.location)
    copy = _Copy(source, target, report, with_marks)
    try:
        full, referenced = copy.plan(article_ids)
        with target.session.atomic():
            copy.run(full, referenced)
    except source.session.engine.driver_errors as exc:
        raise _translate(source, target, exc) from exc
    except target.session.engine.driver_errors as exc:
        raise target.session.engine.translate(exc) from exc
    return report


def _translate(source: Stores, target: Stores, exc: BaseException) -> WorkspaceError:
    # both workspaces may be on the same engine: the error is the target's when it says so
    for ws in (target, source):
        if isinstance(exc, ws.session.engine.driver_errors):
            return ws.session.engine.translate(exc)
    raise exc


def _marked_claim(row: Mapping[str, Any]) -> bool:
    return bool(row.get("review") or row.get("reviewer"))


_NOTE_KEY = ("body", "url", "quote", "author", "created_at")  # a note is the same note when these are


@dataclass
class _ArticleRows:
    """An article's claims and what hangs on them, read in four statements (not four a claim: a
    desk is a round trip away)."""

    claims: list[dict[str, Any]]
    attributions: dict[int, list[dict[str, Any]]]  # by claim id
    notes: dict[int, list[dict[str, Any]]]
    matches: dict[int, list[dict[str, Any]]]
    note_ids: dict[tuple[Any, ...], int] = field(default_factory=dict)  # (claim id, *_NOTE_KEY) -> id
    match_ids: dict[tuple[Any, ...], tuple[int, str]] = field(default_factory=dict)  # (claim, article, span)

    @classmethod
    def read(cls, db: Any, article_id: int) -> _ArticleRows:
        claims = list(db.query("SELECT * FROM claims WHERE article_id = ? ORDER BY id", [article_id]))

        def by_claim(table: str) -> dict[int, list[dict[str, Any]]]:
            out: dict[int, list[dict[str, Any]]] = {}
            for r in db.query(
                f"SELECT t.* FROM {table} t JOIN claims c ON c.id = t.claim_id WHERE c.article_id = ? ORDER BY t.id",
                [article_id],
            ):
                out.setdefault(r["claim_id"], []).append(r)
            return out

        rows = cls(claims, by_claim("attributions"), by_claim("notes"), by_claim("matches"))
        for notes in rows.notes.values():
            for n in notes:
                rows.note_ids.setdefault((n["claim_id"], *(n[k] for k in _NOTE_KEY)), n["id"])
        for matches in rows.matches.values():
            for m in matches:
                rows.match_ids.setdefault(
                    (m["claim_id"], m["article_id"], m["start"], m["end"]), (m["id"], m["link"])
                )
        return rows


class _Copy:
    """One run of `transfer`: the id maps (source id -> target id, by table) and the report."""

    def __init__(self, source: Stores, target: Stores, report: TransferReport, with_marks: bool) -> None:
        self.src, self.dst = source, target
        self.report = report
        self.with_marks = with_marks
        self.maps: dict[str, dict[int, int]] = {t: {} for t in _ENTITY_MAPS.values()}
        self.maps["articles"] = report.articles
        self._columns: dict[str, set[str]] = {}
        self._sources_done: set[int] = set()
        self._inserted: set[int] = set()  # claims this run inserted: their attribution is part of the copy
        self._sentences: dict[int, dict[tuple[int, int], int]] = {}
        self._copied: list[CopiedEntry] = []  # audit entries to append, in one batch an article

    # --- what to copy ---------------------------------------------------------------------------

    def plan(self, article_ids: Sequence[int] | None) -> tuple[list[int], list[int]]:
        """The articles copied whole (with claims), and those copied only as the texts matches
        point at, both in id order (an older version before the newer one)."""
        db = self.src.session.db
        if article_ids is None:
            return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id").fetchall()], []
        full: set[int] = set()
        for article_id in article_ids:
            try:
                full.update(self.src.articles.versions(self.src.articles.get(article_id).id))
            except ArticleNotFound:
                raise NothingToCopy(f"there is no article #{article_id} in {self.report.source}") from None
        referenced = {
            r[0]
            for article_id in full
            for r in db.execute(
                "SELECT DISTINCT m.article_id FROM matches m JOIN claims c ON c.id = m.claim_id "
                "WHERE c.article_id = ?",
                [article_id],
            ).fetchall()
        } - full
        return sorted(full), sorted(referenced)

    def run(self, full: list[int], referenced: list[int]) -> None:
        for article_id in sorted([*full, *referenced]):
            self._article(article_id)
        self._shared_sources(full)
        for article_id in full:
            before = sum(self.report.copied.values()) + sum(self.report.updated.values())
            self._claims(article_id)
            self._history(article_id)
            after = sum(self.report.copied.values()) + sum(self.report.updated.values())
            if after > before:
                self._record_copy(article_id)
        self._source_history()

    # --- rows -----------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return list(self.src.session.db.query(sql, list(params)))

    def _put(self, table: str, row: Mapping[str, Any]) -> int:
        """Insert a copied row under a new id of the target's (its columns only)."""
        if table not in self._columns:
            self._columns[table] = set(self.dst.session.db.columns(table))
        values = {k: v for k, v in row.items() if k in self._columns[table] and k != "id"}
        values["version"] = 1
        return self.dst.session.db.insert_returning_id(table, values)

    def _acting(self, doing: str, marked: bool) -> Any:
        if marked:
            return self.dst.session.acting(f"copying {doing}", "editor")
        return self.dst.session.acting(f"copying {doing}", "checker")

    # --- articles -------------------------------------------------------------------------------

    def _article(self, article_id: int) -> None:
        (row,) = self._rows("SELECT * FROM articles WHERE id = ?", [article_id])
        fields = dict(row)
        marked = bool(fields["signed_off_by"])
        if marked and not self.with_marks:
            fields.update(signed_off_by="", signed_off_at="", sign_off_comment="")
            self.report.left_out["sign_offs"] += 1
        version_of = self.maps["articles"].get(row["version_of"]) if row["version_of"] is not None else None
        with self._acting("signed-off articles" if marked and self.with_marks else "articles", marked):
            result = self.dst.articles.add_copy(fields, version_of=version_of)
        self.maps["articles"][article_id] = result.article_id
        if result.status is AddStatus.DUPLICATE:
            self.report.already["articles"] += 1
            if marked and self.with_marks:
                self._sign_off(result.article_id, fields)
            return
        self.report.copied["articles"] += 1
        if marked and self.with_marks:
            self.report.copied["sign_offs"] += 1
        self.dst.wire.assign(result.article_id)

    def _sign_off(self, target_id: int, fields: Mapping[str, Any]) -> None:
        """A sign-off the target's copy of the article lacks is given (the editor's role)."""
        editor, _, _ = self.dst.articles.sign_off(target_id)
        if editor == fields["signed_off_by"]:
            self.report.already["sign_offs"] += 1
        elif editor:
            self.report.newer_there["sign_offs"] += 1
        else:
            self.dst.articles.set_sign_off(target_id, fields["signed_off_by"], fields["sign_off_comment"])
            self.report.updated["sign_offs"] += 1

    # --- sources --------------------------------------------------------------------------------

    def _shared_sources(self, full: list[int]) -> None:
        """The copied articles' own sources and, when everything is copied, every shared one (a
        source no claim names yet is work too); a pull takes the shared ones its claims name."""
        everything = len(full) == self.src.session.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        wanted = set(full)
        for row in self._rows("SELECT * FROM sources ORDER BY id"):
            if (row["article_id"] is None and everything) or row["article_id"] in wanted:
                self._source(row)

    def _source_id(self, source_id: int | None) -> int | None:
        if source_id is None:
            return None
        if source_id in self.maps["sources"]:
            return self.maps["sources"][source_id]
        rows = self._rows("SELECT * FROM sources WHERE id = ?", [source_id])
        if not rows:
            self.report.notes.append(f"source #{source_id} is missing where it was copied from: left out")
            self.report.left_out["sources"] += 1
            return None
        return self._source(rows[0])

    def _source(self, row: Mapping[str, Any]) -> int | None:
        if row["id"] in self._sources_done:
            return self.maps["sources"].get(row["id"])
        self._sources_done.add(row["id"])
        scope = None
        if row["article_id"] is not None:
            scope = self.maps["articles"].get(row["article_id"])
            if scope is None:  # an anonymous source of an article not copied
                self.report.left_out["sources"] += 1
                return None
        found = self.dst.sources.find_exact(row["name"], row["kind"], scope)
        if found is not None:
            self.report.already["sources"] += 1
        else:
            with self._acting("sources", False):
                found = self._put("sources", {**row, "article_id": scope})
            self.report.copied["sources"] += 1
        self.maps["sources"][row["id"]] = found
        return found

    # --- claims and what hangs on them ----------------------------------------------------------

    def _claims(self, article_id: int) -> None:
        target_article = self.maps["articles"][article_id]
        mine = _ArticleRows.read(self.src.session.db, article_id)
        there = _ArticleRows.read(self.dst.session.db, target_article)
        by_span: dict[tuple[int, int, str], dict[str, Any]] = {}
        for row in there.claims:
            by_span.setdefault((row["start"], row["end"], row["text"]), row)
        for row in mine.claims:
            claim = dict(row)
            key = (claim["start"], claim["end"], claim["text"])
            if key in by_span:
                target_id = by_span[key]["id"]
                newer = self._merge_claim(target_id, claim, by_span[key])
            else:
                target_id = self._new_claim(target_article, claim)
                by_span[key] = {**claim, "id": target_id}
                newer = True
            self.maps["claims"][row["id"]] = target_id
            self._attribution(target_id, mine.attributions.get(row["id"], []), there, newer)
            for note in mine.notes.get(row["id"], []):
                self._note(target_id, note, there)
            for match in mine.matches.get(row["id"], []):
                self._match(target_id, match, there)

    def _new_claim(self, target_article: int, row: dict[str, Any]) -> int:
        marked = _marked_claim(row)
        if marked and not self.with_marks:
            row.update(review="", reviewer="", review_comment="")
            self.report.left_out["reviews"] += 1
            marked = False
        elif marked:
            self.report.copied["reviews"] += 1
        previous = row.get("previous_id")
        row.update(
            article_id=target_article, previous_id=self.maps["claims"].get(previous) if previous else None
        )
        with self._acting("reviewed claims" if marked else "claims", marked):
            target_id = self._put("claims", row)
        self._inserted.add(target_id)
        self.report.copied["claims"] += 1
        return target_id

    def _merge_claim(self, target_id: int, row: Mapping[str, Any], there: Mapping[str, Any]) -> bool:
        """The same claim on both sides: the side edited last wins field by field; a review the
        target lacks is filled in. Returns whether the source's is the newer edit."""
        newer = str(row["updated_at"] or "") > str(there["updated_at"] or "")
        changes = {f: row[f] for f in MERGED_FIELDS if row[f] != there[f] and newer}
        differs = any(row[f] != there[f] for f in MERGED_FIELDS)
        review_differs = any(row[f] != there[f] for f in REVIEW_FIELDS)
        if review_differs and _marked_claim(row):
            if not self.with_marks:
                self.report.left_out["reviews"] += 1
            elif newer or not _marked_claim(there):
                changes.update({f: row[f] for f in REVIEW_FIELDS})
                self.report.updated["reviews"] += 1
            else:
                self.report.newer_there["reviews"] += 1
        elif _marked_claim(row):
            self.report.already["reviews"] += 1
        if changes:
            self.dst.claims.update(target_id, **changes)
            self.report.updated["claims"] += 1
        elif differs:
            self.report.newer_there["claims"] += 1
        else:
            self.report.already["claims"] += 1
        return newer

    def _attribution(
        self, target_id: int, rows: Sequence[Mapping[str, Any]], target: _ArticleRows, newer: bool
    ) -> None:
        if not rows:
            return
        row = dict(rows[0])
        row["source_id"] = self._source_id(row["source_id"])
        wanted = StoredAttribution.from_row(row)
        stored = target.attributions.get(target_id)
        there = StoredAttribution.from_row(stored[0]) if stored else None
        if there == wanted:
            self.report.already["attributions"] += 1
        elif there is None and target_id in self._inserted:
            with self._acting("attributions", False):
                self._put("attributions", {**row, "claim_id": target_id})
            self.report.copied["attributions"] += 1
        elif there is None or newer:
            self.dst.claims.set_attribution(target_id, wanted)
            self.report.updated["attributions"] += 1
        else:
            self.report.newer_there["attributions"] += 1

    def _note(self, target_id: int, row: Mapping[str, Any], target: _ArticleRows) -> None:
        key = (target_id, *(row[k] for k in _NOTE_KEY))
        found = target.note_ids.get(key)
        if found is not None:
            self.report.already["notes"] += 1
            self.maps["notes"][row["id"]] = found
            return
        with self._acting("notes", False):
            self.maps["notes"][row["id"]] = target.note_ids[key] = self._put(
                "notes", {**row, "claim_id": target_id}
            )
        self.report.copied["notes"] += 1

    def _match(self, target_id: int, row: Mapping[str, Any], target: _ArticleRows) -> None:
        article = self.maps["articles"].get(row["article_id"])
        if article is None:
            self.report.left_out["matches"] += 1
            return
        key = (target_id, article, row["start"], row["end"])
        found = target.match_ids.get(key)
        if found is None:
            values = {
                **row,
                "claim_id": target_id,
                "article_id": article,
                "sentence_id": self._sentence(article, row["start"], row["end"]),
            }
            with self._acting("matches", False):
                self.maps["matches"][row["id"]] = self._put("matches", values)
            target.match_ids[key] = (self.maps["matches"][row["id"]], row["link"])
            self.report.copied["matches"] += 1
            return
        self.maps["matches"][row["id"]] = found[0]
        if found[1] == row["link"]:
            self.report.already["matches"] += 1
        elif row["link"] and not found[1]:
            self.dst.matches.set_link(found[0], LinkKind(row["link"]))
            self.report.updated["matches"] += 1
        else:
            self.report.newer_there["matches"] += 1

    def _sentence(self, article: int, start: int, end: int) -> int | None:
        """The target's sentence at this span of its article (read once an article)."""
        if article not in self._sentences:
            self._sentences[article] = {
                (r[1], r[2]): r[0]
                for r in self.dst.session.db.execute(
                    'SELECT id, start, "end" FROM sentences WHERE article_id = ?', [article]
                )
            }
        return self._sentences[article].get((start, end))

    # --- history --------------------------------------------------------------------------------

    def _history(self, article_id: int) -> None:
        """The article's audit entries, its claims' and its sources', each once (by fingerprint)."""
        claim_ids = [cid for cid, _ in self._claims_of(article_id)]
        marks = ",".join("?" * len(claim_ids))
        sql = "SELECT * FROM audit WHERE article_id = ?" + (f" OR claim_id IN ({marks})" if claim_ids else "")
        entries = self._rows(sql + " ORDER BY id", [article_id, *claim_ids])
        target_article = self.maps["articles"][article_id]
        there = self._fingerprints(target_article)
        for entry in entries:
            if entry["action"] in _NOT_COPIED_ACTIONS:
                continue
            if not self.with_marks and self._is_mark(entry):
                self.report.left_out["audit"] += 1
                continue
            self._copy_entry(entry, there, target_article)
        self._flush()

    def _flush(self) -> None:
        with self._acting("history", False):
            self.dst.audit.record_copied(self._copied)
        self._copied.clear()

    def _copy_entry(self, entry: Mapping[str, Any], there: set[tuple[Any, ...]], article: int | None) -> None:
        entity_id = self._mapped(entry["entity"], entry["entity_id"])
        claim = entry["claim_id"]
        claim_id = self.maps["claims"].get(claim) if claim is not None else None
        print_ = _fingerprint(entry, entity_id, claim_id)
        if print_ in there:
            self.report.already["audit"] += 1
            return
        there.add(print_)
        self._copied.append(CopiedEntry(entry, entity_id, article, claim_id))
        self.report.copied["audit"] += 1

    def _source_history(self) -> None:
        """The history of the shared sources copied (a shared source belongs to no article)."""
        copied = sorted(self.maps["sources"])
        if not copied:
            return
        there = self._target_prints(
            self.dst.session.db.query("SELECT * FROM audit WHERE entity = 'source' AND article_id IS NULL")
        )
        for i in range(0, len(copied), 500):  # stay under SQLite's parameter limit
            chunk = copied[i : i + 500]
            for entry in self._rows(
                "SELECT * FROM audit WHERE entity = 'source' AND article_id IS NULL "
                f"AND entity_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            ):
                self._copy_entry(entry, there, None)
        self._flush()

    def _claims_of(self, article_id: int) -> list[tuple[int, int]]:
        return [
            (r[0], self.maps["claims"].get(r[0], 0))
            for r in self.src.session.db.execute("SELECT id FROM claims WHERE article_id = ?", [article_id])
        ]

    def _fingerprints(self, target_article: int) -> set[tuple[Any, ...]]:
        claim_ids = [
            r[0]
            for r in self.dst.session.db.execute(
                "SELECT id FROM claims WHERE article_id = ?", [target_article]
            )
        ]
        marks = ",".join("?" * len(claim_ids))
        sql = "SELECT * FROM audit WHERE article_id = ?" + (f" OR claim_id IN ({marks})" if claim_ids else "")
        return self._target_prints(self.dst.session.db.query(sql, [target_article, *claim_ids]))

    def _target_prints(self, entries: Iterable[Mapping[str, Any]]) -> set[tuple[Any, ...]]:
        """The target's entries as `_fingerprint` sees them: an id only while its row exists (a copy
        of an entry about a row gone since names no row)."""
        entries = list(entries)
        alive = self._alive(entries)

        def live(entity: str, row_id: int | None) -> int | None:
            return row_id if row_id in alive.get(entity, ()) else None

        return {
            _fingerprint(e, live(e["entity"], e["entity_id"]), live("claim", e["claim_id"])) for e in entries
        }

    def _alive(self, entries: list[Mapping[str, Any]]) -> dict[str, set[int]]:
        wanted: dict[str, set[int]] = {entity: set() for entity in _ENTITY_MAPS}
        for e in entries:
            if e["entity"] in wanted and e["entity_id"] is not None:
                wanted[e["entity"]].add(e["entity_id"])
            if e["claim_id"] is not None:
                wanted["claim"].add(e["claim_id"])
        alive: dict[str, set[int]] = {}
        for entity, ids in wanted.items():
            found: set[int] = set()
            listed = sorted(ids)
            for i in range(0, len(listed), 500):  # stay under SQLite's parameter limit
                chunk = listed[i : i + 500]
                found.update(
                    r[0]
                    for r in self.dst.session.db.execute(
                        f"SELECT id FROM {_ENTITY_MAPS[entity]} WHERE id IN ({','.join('?' * len(chunk))})",
                        chunk,
                    )
                )
            alive[entity] = found
        return alive

    def _mapped(self, entity: str, entity_id: int | None) -> int | None:
        table = _ENTITY_MAPS.get(entity)
        if entity_id is None or table is None:
            return None
        return self.maps[table].get(entity_id)

    @staticmethod
    def _is_mark(entry: Mapping[str, Any]) -> bool:
        return entry["action"] == "sign_off" or (
            entry["entity"] == "claim" and entry["field"] in REVIEW_FIELDS
        )

    def _record_copy(self, article_id: int) -> None:
        target_article = self.maps["articles"][article_id]
        self.dst.audit.record(
            "copy",
            "article",
            target_article,
            field="from",
            new=f"{self.report.source} #{article_id}",
            article_id=target_article,
        )


def _fingerprint(entry: Mapping[str, Any], entity_id: int | None, claim_id: int | None) -> tuple[Any, ...]:
    """An audit entry as it was first written, whatever workspace holds it now: its first author and
    time, what it says, and the rows it is about by the target's ids (None: no such row there)."""
    return (
        entity_id,
        claim_id,
        entry.get("origin_user") or entry["user"],
        entry.get("origin_at") or entry["at"],
        entry["action"],
        entry["entity"],
        entry["field"],
        entry["old"],
        entry["new"],
    )
