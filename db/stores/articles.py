"""Stored articles and statements, and the sentence index (FTS5) over their text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from db.session import Session, acts, translates_errors
from db.stores import versions
from db.stores.audit import AuditLog
from workbench.matching.query import index_text
from workbench.model import Article, ImportItem, ItemKind
from workbench.text.decoding import text_hash
from workbench.text.importers import short_title
from workbench.text.sentences import split_sentences

NewVersionHook = Callable[[int, int], None]  # fn(old_article_id, new_article_id), inside the add transaction


class AddStatus(StrEnum):
    ADDED = "added"
    DUPLICATE = "duplicate"
    UPDATED = "updated"  # a new version of a stored article (same URL, or same title/date/agency)


@dataclass(frozen=True, slots=True)
class AddResult:
    status: AddStatus
    article_id: int
    previous_id: int | None = None  # the stored duplicate, or the version this one replaces


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list: an article and its claim counts."""

    id: int
    title: str
    date: str
    agency: str
    kind: ItemKind
    claims: int
    open_claims: int
    url: str = ""
    publisher: str = ""
    dateline: str = ""
    signed_off_by: str = ""  # the desk editor who signed the article off, "" if nobody has

    @property
    def signed_off(self) -> bool:
        return bool(self.signed_off_by)


# What a person may correct about an article after import (the article header's Edit, `workbench article`).
META_FIELDS = ("title", "url", "date", "publisher", "agency", "dateline")


class BadMetadata(ValueError):
    """An article field value the workbench cannot store; the message says what to write instead."""


def clean_meta(field: str, value: str) -> str:
    """The value as stored: one line, a web address for `url`, ISO 8601 for `date`.

    Raises:
        BadMetadata: an unknown field, an empty title, a URL that is not http(s), a date that
            cannot be read for certain.
    """
    from workbench.text.dates import iso_date

    if field not in META_FIELDS:
        raise BadMetadata(f"an article has no field {field!r} (fields: {', '.join(META_FIELDS)})")
    value = " ".join(str(value).split())
    if field == "title" and not value:
        raise BadMetadata("an article needs a title")
    if field == "url" and value and not value.lower().startswith(("http://", "https://")):
        raise BadMetadata(f"the URL must be a web address starting with http:// or https:// (got {value!r})")
    if field == "date" and value:
        iso = iso_date(value)
        if not iso:
            raise BadMetadata(
                f"{value!r} is not a date the workbench can read for certain: write it as 2024-03-05 "
                "(or 2024-03-05T10:00+01:00, 5 March 2024, Tue, 05 Mar 2024 10:00:00 GMT)"
            )
        value = iso
    return value


class ArticleNotFound(LookupError):
    def __init__(self, article_id: int) -> None:
        super().__init__(f"no article with id {article_id}")
        self.article_id = article_id


_OPEN_STATUSES = ("unchecked", "in_progress")
# What a copy of an article takes from the workspace it comes from (`ArticleStore.add_copy`); ids,
# versions, wire groups and the text hash are this workspace's own.
_COPIED_COLUMNS = frozenset(
    (
        "title", "url", "date", "dateline", "agency", "publisher", "verdict", "external_id", "text",
        "origin_path", "encoding", "encoding_note", "imported_at",
        "signed_off_by", "signed_off_at", "sign_off_comment",
    )
)  # fmt: skip


def _article(row: dict) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        date=row["date"],
        dateline=row["dateline"],
        agency=row["agency"],
        publisher=row["publisher"],
        verdict=row["verdict"],
        external_id=row["external_id"],
        kind=ItemKind(row["kind"]),
        text_hash=row["text_hash"],
        origin_path=row["origin_path"],
        imported_at=row["imported_at"],
        version_of=row["version_of"],
        wire_group=row["wire_group"],
        encoding=row.get("encoding") or "",
        encoding_note=row.get("encoding_note") or "",
        version=row.get("version", 1),
    )


@translates_errors
class ArticleStore:
    """Articles and statements. Each `add` is one transaction: article, sentences and index.

    `on_new_version` hooks run inside that transaction when a stored article gets a new version
    (the workspace wires re-anchoring there: claims follow an updated article).
    """

    def __init__(
        self, session: Session, audit: AuditLog, *, on_new_version: Sequence[NewVersionHook] = ()
    ) -> None:
        self.session = session
        self.db = session.db
        self.audit = audit
        self.on_new_version = list(on_new_version)
        # fn(article_id) after an article's sentences were written or their title changed, inside the
        # transaction: an engine whose sentence index is not kept by triggers follows here (a desk's).
        self.on_sentences: list[Callable[[int], None]] = []

    # --- writing ----------------------------------------------------------------------------

    @acts("importing", "checker")
    def add(self, item: ImportItem) -> AddResult:
        """Store one imported item unless the same text is already stored."""
        self.session.writable()
        digest = text_hash(item.text)
        with self.db.atomic():
            # `kind || ''` keeps SQLite off idx_articles_kind (every article has the same kind), which
            # made each import scan the whole table: 5 ms an article at 4,000 articles.
            dup = self.db.execute(
                "SELECT id FROM articles WHERE text_hash = ? AND kind || '' = ? LIMIT 1",
                [digest, item.kind.value],
            ).fetchone()
            if dup:
                return AddResult(AddStatus.DUPLICATE, dup[0], dup[0])
            previous = self._previous_version(item) if item.kind is ItemKind.ARTICLE else None
            article_id = self._insert(item, digest, previous)
            if previous is not None:
                self.db.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", [article_id, previous])
                for hook in self.on_new_version:
                    hook(previous, article_id)
            self.audit.record(
                "import", "article", article_id, new=item.meta.title, article_id=article_id, old=previous
            )
        status = AddStatus.UPDATED if previous is not None else AddStatus.ADDED
        return AddResult(status, article_id, previous)

    def find_text(self, text: str, kind: ItemKind) -> int | None:
        """The stored article (or statement) with exactly this text, if any (found by text hash)."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE text_hash = ? AND kind || '' = ? ORDER BY id LIMIT 1",
            [text_hash(text), kind.value],
        ).fetchone()
        return row[0] if row else None

    def add_copy(self, fields: Mapping[str, object], *, version_of: int | None = None) -> AddResult:
        """Store an article copied from another workspace (db/flows/transfer.py) as it was there:
        its metadata, import time and sign-off; its sentences are indexed here. DUPLICATE (with the
        stored id) when the same text is stored already. No new-version guess and no claims carried
        over: the copy brings its own versions (`version_of`, this workspace's id of its predecessor,
        which is marked superseded by it) and its own claims. No audit entry: the flow copies the
        article's history and records the copy."""
        self.session.writable()
        text = str(fields["text"])
        kind = ItemKind(str(fields.get("kind") or ItemKind.ARTICLE.value))
        with self.db.atomic():
            found = self.find_text(text, kind)
            if found is not None:
                return AddResult(AddStatus.DUPLICATE, found, found)
            row = {k: v for k, v in fields.items() if k in _COPIED_COLUMNS}
            row.update(kind=kind.value, text_hash=text_hash(text), version_of=version_of)
            article_id = self.db.insert_returning_id("articles", row)
            if version_of is not None:
                self.db.execute(
                    "UPDATE articles SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL",
                    [article_id, version_of],
                )
            title = str(fields.get("title") or "")
            self._index(article_id, text, title if kind is ItemKind.STATEMENT else "")
        return AddResult(AddStatus.ADDED, article_id, version_of)

    def _previous_version(self, item: ImportItem) -> int | None:
        meta = item.meta
        if meta.url:
            row = self.db.execute(
                "SELECT id FROM articles WHERE url = ? AND kind || '' = 'article' AND superseded_by + 0 IS NULL "
                "ORDER BY id DESC LIMIT 1",
                [meta.url],
            ).fetchone()
            if row:
                return row[0]
        if meta.title and meta.date and meta.agency:
            row = self.db.execute(
                "SELECT id FROM articles WHERE title = ? AND date = ? AND agency = ? AND kind || '' = 'article' "
                "AND superseded_by + 0 IS NULL ORDER BY id DESC LIMIT 1",
                [meta.title, meta.date, meta.agency],
            ).fetchone()
            if row:
                return row[0]
        return None

    def _insert(self, item: ImportItem, digest: str, previous: int | None) -> int:
        meta = item.meta
        article_id = self.db.insert_returning_id(
            "articles",
            {
                "kind": item.kind.value,
                "title": meta.title,
                "url": meta.url,
                "date": meta.date,
                "dateline": meta.dateline,
                "agency": meta.agency,
                "publisher": meta.publisher,
                "verdict": meta.verdict,
                "external_id": meta.external_id,
                "text": item.text,
                "text_hash": digest,
                "origin_path": item.origin_path,
                "encoding": item.encoding,
                "encoding_note": item.encoding_note,
                "imported_at": self.session.now(),
                "version_of": previous,
            },
        )
        self._index(article_id, item.text, item.meta.title if item.kind is ItemKind.STATEMENT else "")
        return article_id

    def _index(self, article_id: int, text: str, title: str = "") -> None:
        # A statement's title (a fact-check headline) is indexed with each of its sentences; one
        # derived from its own text is not a title (it would match every sentence of the statement
        # through words of the first one: issue 15).
        if title == short_title(text):
            title = ""
        # What is indexed are the texts' terms (matching.index_text: Snowball stems of the content
        # words), so that query, index and rerank count the same terms (migration m010).
        title_terms = index_text(title) if title else ""
        rows = [
            (
                article_id,
                s.start,
                s.end,
                text[s.start : s.end],
                title,
                index_text(text[s.start : s.end]),
                title_terms,
            )
            for s in split_sentences(text)
        ]
        if not rows:
            return
        # The full-text index follows through the triggers on `sentences` (migrations 6 and 10; the
        # engine's own index on a desk).
        self.db.executemany(
            'INSERT INTO sentences (article_id, start, "end", text, title, terms, title_terms) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        for hook in self.on_sentences:
            hook(article_id)

    def add_many(self, items: Iterable[ImportItem]) -> list[AddResult]:
        return [self.add(item) for item in items]

    @acts("deleting an article", "checker")
    def delete(self, article_id: int) -> None:
        """Remove an article with its claims and its sentences from the index."""
        self.session.writable()
        with self.db.atomic():
            # Its sentences go with it (ON DELETE CASCADE), and the index with them (triggers).
            self.db.execute("UPDATE articles SET superseded_by = NULL WHERE superseded_by = ?", [article_id])
            self.db.execute("UPDATE articles SET version_of = NULL WHERE version_of = ?", [article_id])
            self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
            self.audit.record("delete", "article", article_id, article_id=article_id)

    def set_sign_off(
        self, article_id: int, editor: str, comment: str = "", *, if_version: int | None = None
    ) -> None:
        """The desk editor signs off an article (editor "" withdraws the sign-off).

        The article's version moves by one (an edit from `if_version=v` leaves `v + 1`).

        Raises:
            ArticleNotFound
            StaleEdit: the article is not at `if_version` any more; nothing was written.
            NotPermitted: the desk refused it for the user's role (a checker signing off).
        """
        with self.session.acting("signing off" if editor else "withdrawing a sign-off", "editor"):
            self._set_sign_off(article_id, editor, comment, if_version)

    def _set_sign_off(self, article_id: int, editor: str, comment: str, if_version: int | None) -> None:
        self.session.writable()
        with self.db.atomic():
            old_editor = self.sign_off(article_id)[0]
            version = self._version(article_id)
            versions.check(self.session, "article", article_id, if_version, version)
            versions.bump(self.session, "article", article_id, version)
            self.db.execute(
                "UPDATE articles SET signed_off_by = ?, signed_off_at = ?, sign_off_comment = ? WHERE id = ?",
                [editor, self.session.now() if editor else "", comment, article_id],
            )
            self.audit.record(
                "sign_off",
                "article",
                article_id,
                field="signed_off_by",
                old=old_editor,
                new=editor,
                article_id=article_id,
            )

    @acts("correcting an article", "checker")
    def update_meta(
        self, article_id: int, *, exact: bool = False, if_version: int | None = None, **fields: str
    ) -> dict[str, str]:
        """Correct an article's title, URL, date, publisher, agency or dateline; one transaction with
        an audit entry per changed field. Returns the old values of the changed fields (for undo),
        and `if_version`, the version this edit left ({} when nothing changed).

        Args:
            exact: store the values as given (undo puts back what was there, even a date as imported).
            if_version: the article's version the caller saw (`Article.version`; None: as it is now).

        Raises:
            ArticleNotFound, BadMetadata
            StaleEdit: the article is not at `if_version` any more; nothing was written.
        """
        self.session.writable()
        unknown = set(fields) - set(META_FIELDS)
        if unknown:
            raise BadMetadata(
                f"an article has no field {sorted(unknown)[0]!r} (fields: {', '.join(META_FIELDS)})"
            )
        new = fields if exact else {field: clean_meta(field, value) for field, value in fields.items()}
        with self.db.atomic():  # read inside the transaction: the old values were current
            article = self.get(article_id)
            versions.check(self.session, "article", article_id, if_version, article.version)
            changed = {f: v for f, v in new.items() if getattr(article, f) != v}
            if not changed:
                return {}
            old: dict[str, object] = {f: getattr(article, f) for f in changed}
            old["if_version"] = versions.bump(self.session, "article", article_id, article.version)
            assignments = ", ".join(f"{f} = ?" for f in changed)
            self.db.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?", [*changed.values(), article_id]
            )
            if "title" in changed and article.kind is ItemKind.STATEMENT:
                # a statement's title is searched with its sentences (the index follows by trigger)
                self.db.execute(
                    "UPDATE sentences SET title = ?, title_terms = ? WHERE article_id = ?",
                    [changed["title"], index_text(changed["title"]), article_id],
                )
                for hook in self.on_sentences:
                    hook(article_id)
            for field, value in changed.items():
                self.audit.record(
                    "update",
                    "article",
                    article_id,
                    field=field,
                    old=old[field],
                    new=value,
                    article_id=article_id,
                )
        return old  # type: ignore[return-value]

    def _version(self, article_id: int) -> int:
        row = self.db.execute("SELECT version FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise ArticleNotFound(article_id)
        return row[0]

    def set_wire_group(self, article_ids: Iterable[int], group: int | None) -> None:
        with self.db.atomic():
            for article_id in article_ids:
                self.db.execute("UPDATE articles SET wire_group = ? WHERE id = ?", [group, article_id])

    # --- reading ----------------------------------------------------------------------------

    def get(self, article_id: int) -> Article:
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            raise ArticleNotFound(article_id)
        return _article(rows[0])

    def sign_off(self, article_id: int) -> tuple[str, str, str]:
        row = self.db.execute(
            "SELECT signed_off_by, signed_off_at, sign_off_comment FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None:
            raise ArticleNotFound(article_id)
        return row[0], row[1], row[2]

    def count(self, kind: ItemKind | None = None) -> int:
        if kind is None:
            return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return self.db.execute("SELECT count(*) FROM articles WHERE kind = ?", [kind.value]).fetchone()[0]

    def summaries(
        self, kind: ItemKind | None = ItemKind.ARTICLE, *, current_only: bool = True, search: str = ""
    ) -> list[ArticleSummary]:
        """The article list with claim counts; `search` filters on title, agency and dateline."""
        where, params = [], []
        if kind is not None:
            where.append("a.kind = ?")
            params.append(kind.value)
        if current_only:
            where.append("a.superseded_by IS NULL")
        if search:
            # lower() on both sides: LIKE ignores case in SQLite, not in PostgreSQL
            where.append(
                "(lower(a.title) LIKE ? OR lower(a.agency) LIKE ? OR lower(a.dateline) LIKE ? "
                "OR lower(a.publisher) LIKE ?)"
            )
            params += [f"%{search.lower()}%"] * 4
        sql = f"""
            SELECT a.id, a.title, a.date, a.agency, a.kind, a.url, a.publisher, a.dateline, a.signed_off_by,
                   (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.origin != 'rejected') AS n,
                   (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.origin != 'rejected'
                        AND c.status IN {_OPEN_STATUSES}) AS open_n
            FROM articles a {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY a.date DESC, a.id DESC"""
        return [
            ArticleSummary(
                id=r[0],
                title=r[1],
                date=r[2],
                agency=r[3],
                kind=ItemKind(r[4]),
                url=r[5],
                publisher=r[6],
                dateline=r[7],
                signed_off_by=r[8],
                claims=r[9],
                open_claims=r[10],
            )
            for r in self.db.execute(sql, params).fetchall()
        ]

    def versions(self, article_id: int) -> list[int]:
        """Ids of every version of an article, oldest first."""
        ids = [article_id]
        row = self.db.execute("SELECT version_of FROM articles WHERE id = ?", [article_id]).fetchone()
        while row and row[0] is not None and row[0] not in ids:
            ids.insert(0, row[0])
            row = self.db.execute("SELECT version_of FROM articles WHERE id = ?", [row[0]]).fetchone()
        row = self.db.execute("SELECT superseded_by FROM articles WHERE id = ?", [article_id]).fetchone()
        while row and row[0] is not None and row[0] not in ids:
            ids.append(row[0])
            row = self.db.execute("SELECT superseded_by FROM articles WHERE id = ?", [row[0]]).fetchone()
        return ids

    def sentence_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
