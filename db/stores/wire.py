"""Wire copies: articles that are copies of one wire story form a group and count once.

Each long sentence of a stored article gets a 64-bit key (the `wire_keys` table), so finding the
articles sharing sentences with a new one is an index lookup; the candidates are then compared
word by word (workbench/matching/wire.py). The import flow groups each new article.
"""

from __future__ import annotations

from collections.abc import Sequence

from db.session import Session, translates_errors
from db.stores.articles import ArticleStore
from db.stores.audit import AuditLog
from workbench.matching.wire import MIN_SHARED_SENTENCES, is_wire_copy, merged_group, sentence_keys

MAX_WIRE_CANDIDATES = 8  # articles compared word by word with a new one (best key overlap first)


@translates_errors
class WireGroups:
    """The workspace's `ws.wire`: which stored articles are copies of one wire story."""

    def __init__(self, session: Session, audit: AuditLog, articles: ArticleStore) -> None:
        self.session = session
        self.db = session.db
        self.audit = audit
        self.articles = articles

    def assign(self, article_id: int) -> int | None:
        """Key a newly stored article's sentences and join it to the wire group of its copies.

        Called by the import flow (db/flows/importing.py `store_item`) inside the item's transaction. A new version of an article
        keeps its predecessor's group. Returns the article's group (None when it has no copies).
        """
        row = self.db.execute(
            "SELECT kind, version_of, text FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None or row[0] != "article":
            return None
        _, previous, text = row
        db = self.db
        sentences = [
            r[0] for r in db.execute("SELECT text FROM sentences WHERE article_id = ?", [article_id])
        ]
        keys = sentence_keys(sentences)
        db.executemany(
            "INSERT INTO wire_keys (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, article_id) for k in keys],
        )
        versions = set(self.articles.versions(article_id))
        confirmed: list[tuple[int, int | None]] = []
        if previous is not None:
            inherited = db.execute("SELECT wire_group FROM articles WHERE id = ?", [previous]).fetchone()[0]
            if inherited is not None:
                confirmed.append((previous, inherited))
        if len(keys) >= MIN_SHARED_SENTENCES:
            seen_groups: set[int] = set()
            for other, group, other_text in self._candidates(keys, article_id):
                if other in versions or (group is not None and group in seen_groups):
                    continue
                if is_wire_copy(text, other_text):
                    confirmed.append((other, group))
                    if group is not None:
                        seen_groups.add(group)
        group = merged_group(confirmed)
        if group is None:
            return None
        merged = sorted({g for _, g in confirmed if g is not None and g != group})
        loose = [a for a, g in confirmed if g is None]
        db.execute(
            f"UPDATE articles SET wire_group = ? WHERE id IN ({','.join('?' * (len(loose) + 1))})"
            + (f" OR wire_group IN ({','.join('?' * len(merged))})" if merged else ""),
            [group, article_id, *loose, *merged],
        )
        self.audit.record(
            "wire_group", "article", article_id, field="wire_group", new=group, article_id=article_id
        )
        return group

    def _candidates(self, keys: Sequence[int], article_id: int) -> list[tuple[int, int | None, str]]:
        marks = ",".join("?" * len(keys))
        return self.db.execute(
            f"""SELECT a.id, a.wire_group, a.text FROM (
                    SELECT article_id, count(*) AS n FROM wire_keys WHERE key IN ({marks}) AND article_id != ?
                    GROUP BY article_id HAVING count(*) >= ? ORDER BY n DESC LIMIT ?
                ) k JOIN articles a ON a.id = k.article_id
                ORDER BY k.n DESC, a.id""",
            [*keys, article_id, MIN_SHARED_SENTENCES, MAX_WIRE_CANDIDATES],
        ).fetchall()
