"""The warning above an article signed off and edited since: the sign-off does not cover those
changes (non-blocking; it shows after the first edit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.queries.report_data import audit_records
from db.stores.articles import ArticleNotFound

if TYPE_CHECKING:
    from db.workspace import Workspace

NOT_EDITS = {"sign_off", "match", "wire_group", "import"}  # audit actions that change no verdict


def sign_notice(ws: Workspace, article_id: int | None) -> str:
    """The warning for an article ("" when it is not signed off or unchanged since)."""
    if article_id is None:
        return ""
    try:
        editor, at, _comment = ws.articles.sign_off(article_id)
    except ArticleNotFound:
        return ""
    if not editor:
        return ""
    n = changes_since_sign_off(audit_records(ws, article_id=article_id))
    if not n:
        return ""
    return (
        f"⚠ Signed off by {editor} on {at[:16].replace('T', ' ')} UTC — "
        f"{n} change{'s' if n != 1 else ''} since {'are' if n != 1 else 'is'} not covered"
        " by the sign-off. Sign off again (Ctrl+Alt+S) once checked."
    )


def changes_since_sign_off(entries: list) -> int:
    """How many edits (audit entries, oldest first) follow the article's last sign-off entry."""
    last = max((i for i, e in enumerate(entries) if e.action == "sign_off"), default=None)
    if last is None:
        return 0
    return sum(1 for e in entries[last + 1 :] if e.action not in NOT_EDITS)
