"""The source registry: speakers and outlets, with kind, description and aliases.

Named people, institutions, documents and agencies are shared across the workspace (Mike Pompeo
is the same person in every story); anonymous sources belong to one article ("a top Iraqi
official" in one story is not the one in the next).

The engine's proposals join a shared source only by its full name (`find_named`: "Hillary Clinton"
is "Hillary Clinton"; a bare "Clinton" or an alias is never enough, issue 13 item 3). Other
sources that may be one entity are `merge_candidates`, which a person confirms with `merge`.
"""

from __future__ import annotations

import json

from db.session import Session, acts, translates_errors
from db.stores import versions
from db.stores.audit import AuditLog
from workbench.model import Source, SourceKind


def _source(row: dict) -> Source:
    return Source(
        id=row["id"],
        name=row["name"],
        kind=SourceKind(row["kind"]),
        description=row["description"],
        aliases=tuple(json.loads(row["aliases"] or "[]")),
        version=row.get("version", 1),
    )


def _same(value: object) -> object:
    """A field value as compared: a kind by its value, aliases as a tuple."""
    if isinstance(value, SourceKind):
        return value.value
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _may_be_one(a: Source, b: Source) -> bool:
    names_a = {a.name.casefold(), *(x.casefold() for x in a.aliases)}
    names_b = {b.name.casefold(), *(x.casefold() for x in b.aliases)}
    if a.name.casefold() in names_b or b.name.casefold() in names_a:
        return True
    if a.kind is not SourceKind.NAMED:
        return False
    short, long = sorted((a.name.split(), b.name.split()), key=len)
    return len(short) == 1 and len(long) > 1 and short[0].casefold() == long[-1].casefold()


class SourceNotFound(LookupError):
    def __init__(self, source_id: int) -> None:
        super().__init__(f"no source with id {source_id}")


@translates_errors
class SourceStore:
    def __init__(self, session: Session, audit: AuditLog) -> None:
        self.session = session
        self.db = session.db
        self.audit = audit

    def get(self, source_id: int) -> Source:
        rows = list(self.db.query("SELECT * FROM sources WHERE id = ?", [source_id]))
        if not rows:
            raise SourceNotFound(source_id)
        return _source(rows[0])

    def all(self, article_id: int | None = None) -> list[Source]:
        """Every source usable on `article_id`: the shared ones plus that article's anonymous ones."""
        if article_id is None:
            rows = self.db.query("SELECT * FROM sources ORDER BY lower(name), id")
        else:
            rows = self.db.query(
                "SELECT * FROM sources WHERE article_id IS NULL OR article_id = ? ORDER BY lower(name), id",
                [article_id],
            )
        return [_source(r) for r in rows]

    def find(self, name: str, article_id: int | None = None) -> Source | None:
        """The source called `name` (or having it as an alias), preferring the article's own."""
        needle = name.strip().casefold()
        for source in sorted(self.all(article_id), key=lambda s: s.kind is not SourceKind.ANONYMOUS):
            if source.name.casefold() == needle or needle in (a.casefold() for a in source.aliases):
                return source
        return None

    def find_exact(self, name: str, kind: str, article_id: int | None) -> int | None:
        """The source of exactly this name (case aside), kind and scope (None: a shared source),
        if stored: how a copied source is recognised (db/flows/transfer.py)."""
        scope = "article_id IS NULL" if article_id is None else "article_id = ?"
        row = self.db.execute(
            f"SELECT id FROM sources WHERE lower(name) = lower(?) AND kind = ? AND {scope} ORDER BY id LIMIT 1",
            [name.strip(), kind, *([] if article_id is None else [article_id])],
        ).fetchone()
        return row[0] if row else None

    def find_named(self, name: str, kind: SourceKind) -> Source | None:
        """The shared source of this kind whose name is exactly `name` (case and spacing aside); a
        person's one-word name ("Clinton") matches nothing: which Clinton is a person's call."""
        needle = " ".join(name.split()).casefold()
        if not needle or (kind is SourceKind.NAMED and " " not in needle):
            return None
        rows = self.db.query(
            "SELECT * FROM sources WHERE article_id IS NULL AND kind = ? AND lower(name) = ? ORDER BY id",
            [kind.value, needle],
        )
        for row in rows:
            if " ".join(row["name"].split()).casefold() == needle:
                return _source(row)
        return None

    def merge_candidates(self) -> list[tuple[Source, Source]]:
        """Pairs of shared sources of one kind that may be one entity, for a person to confirm: one's
        name is the other's name or alias, or a person's one-word name is the other's surname
        ("Clinton" and "Hillary Clinton"). The older source first."""
        shared = [s for s in self.all() if s.kind is not SourceKind.ANONYMOUS]
        by_kind: dict[SourceKind, list[Source]] = {}
        for source in sorted(shared, key=lambda s: s.id):
            by_kind.setdefault(source.kind, []).append(source)
        pairs = []
        for sources in by_kind.values():
            for i, a in enumerate(sources):
                for b in sources[i + 1 :]:
                    if _may_be_one(a, b):
                        pairs.append((a, b))
        return pairs

    @acts("merging sources", "checker")
    def merge(self, keep_id: int, drop_id: int, *, if_versions: tuple[int, int] | None = None) -> Source:
        """A person confirms that two sources are one: the attributions of `drop_id` move to
        `keep_id`, which takes its name and aliases as aliases; `drop_id` is removed. Both rows are
        checked against `if_versions` (the versions the person saw) in the same transaction.

        Raises:
            StaleEdit: either source changed since; nothing was written.
            ValueError: the same source twice, or an anonymous source with a shared one.
        """
        self.session.writable()
        if keep_id == drop_id:
            raise ValueError("a source cannot be merged with itself")
        with self.db.atomic():
            keep, drop = self.get(keep_id), self.get(drop_id)
            if (keep.kind is SourceKind.ANONYMOUS) != (drop.kind is SourceKind.ANONYMOUS):
                raise ValueError("an anonymous source belongs to one article: merge it only with another")
            seen = if_versions or (None, None)
            versions.check(self.session, "source", keep_id, seen[0], keep.version)
            versions.check(self.session, "source", drop_id, seen[1], drop.version)
            versions.bump(self.session, "source", keep_id, keep.version)
            versions.bump(self.session, "source", drop_id, drop.version)
            known = {keep.name.casefold(), *(a.casefold() for a in keep.aliases)}
            aliases = list(keep.aliases)
            for alias in (drop.name, *drop.aliases):
                if alias.casefold() not in known:
                    known.add(alias.casefold())
                    aliases.append(alias)
            self.db.execute(
                "UPDATE sources SET aliases = ? WHERE id = ?",
                [json.dumps(aliases, ensure_ascii=False), keep_id],
            )
            self.db.execute("UPDATE attributions SET source_id = ? WHERE source_id = ?", [keep_id, drop_id])
            self.db.execute("DELETE FROM sources WHERE id = ?", [drop_id])
            self.audit.record("merge", "source", keep_id, field="source", old=drop.name, new=keep.name)
        return self.get(keep_id)

    @acts("adding sources", "checker")
    def create(
        self,
        name: str,
        kind: SourceKind,
        *,
        description: str = "",
        aliases: tuple[str, ...] = (),
        article_id: int | None = None,
    ) -> Source:
        self.session.writable()
        scope = article_id if kind is SourceKind.ANONYMOUS else None
        with self.db.atomic():
            source_id = self.db.insert_returning_id(
                "sources",
                {
                    "article_id": scope,
                    "name": name.strip(),
                    "kind": kind.value,
                    "description": description,
                    "aliases": json.dumps(list(aliases), ensure_ascii=False),
                    "created_at": self.session.now(),
                },
            )
            self.audit.record("create", "source", source_id, new=name, article_id=scope)
        return self.get(source_id)

    def find_or_create(
        self,
        name: str,
        kind: SourceKind,
        *,
        description: str = "",
        aliases: tuple[str, ...] = (),
        article_id: int | None = None,
    ) -> Source:
        existing = self.find(name, article_id)
        if existing is not None and existing.kind is kind:
            return self.with_aliases(existing, aliases)
        return self.create(name, kind, description=description, aliases=aliases, article_id=article_id)

    def with_aliases(self, existing: Source, aliases: tuple[str, ...]) -> Source:
        """`existing` with the `aliases` it lacks added (refused, not overwritten, when someone
        changed the source since it was read)."""
        known = {x.casefold() for x in (existing.name, *existing.aliases)}
        new_aliases = tuple(a for a in aliases if a.casefold() not in known)
        if not new_aliases:
            return existing
        self.update(existing.id, aliases=existing.aliases + new_aliases, if_version=existing.version)
        return self.get(existing.id)

    @acts("editing sources", "checker")
    def update(self, source_id: int, *, if_version: int | None = None, **fields: object) -> dict[str, object]:
        """Change name, kind, description or aliases. Returns the old values (for undo).

        `if_version` is the source's version the caller saw (`Source.version`; None: as it is now).
        The old values carry `if_version` too, the version this edit leaves, so `update(id, **old)`
        is refused when someone changed the source since.

        Raises:
            StaleEdit: the source is not at `if_version` any more; nothing was written.
        """
        self.session.writable()
        bad = [name for name in fields if name not in ("name", "kind", "description", "aliases")]
        if bad:
            raise ValueError(f"a source has no field {bad[0]!r}")
        with self.db.atomic():  # read inside the transaction: the old values were current
            old = self.get(source_id)
            versions.check(self.session, "source", source_id, if_version, old.version)
            before: dict[str, object] = {name: getattr(old, name) for name in fields}
            changed = {name: value for name, value in fields.items() if _same(value) != _same(before[name])}
            version = old.version
            if changed:
                version = versions.bump(self.session, "source", source_id, old.version)
            for name, value in changed.items():
                stored = (
                    json.dumps(list(value), ensure_ascii=False)
                    if name == "aliases"
                    else (value.value if isinstance(value, SourceKind) else value)
                )
                self.db.execute(f"UPDATE sources SET {name} = ? WHERE id = ?", [stored, source_id])
                self.audit.record("update", "source", source_id, field=name, old=before[name], new=value)
        before["if_version"] = version
        return before

    def claim_counts(self, article_id: int) -> dict[int, int]:
        """How many (non-rejected) claims of the article each source carries."""
        rows = self.db.execute(
            "SELECT a.source_id, count(*) FROM attributions a JOIN claims c ON c.id = a.claim_id "
            "WHERE c.article_id = ? AND c.origin != 'rejected' AND a.source_id IS NOT NULL GROUP BY a.source_id",
            [article_id],
        ).fetchall()
        return {r[0]: r[1] for r in rows}
