"""What a claim's stored matches add up to: corroborating and conflicting independent sources. Pure.

Each stored match has one role (`role`):

- *copy of this story*: the matched article carries the claim's own story (it shares the wire
  group of the claim's article: a republished copy). It never counts, whatever its link.
- *conflicts*: a person linked it as contradicting; unreviewed, its relation is `conflict`.
- *corroborates*: a person linked it as corroborating or the same claim; unreviewed, its
  relation is `agree` (workbench/matching/relation.py: the sentence says the same thing).
- *unrelated*: anything else (shown, not counted).

Counting is by independent source: copies of one wire story (one wire group) count once, as do
the versions of one article. db/stores/matches.py runs the same rules in SQL (`match_counts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from workbench.model import LinkKind, MatchRelation, MatchResult

SUPPORT_LINKS = (LinkKind.CORROBORATES, LinkKind.SAME_CLAIM)


class MatchRole(StrEnum):
    """What a stored match counts as for its claim."""

    CORROBORATES = "corroborates"
    CONFLICTS = "conflicts"
    OWN_STORY = "own_story"  # a copy of the claim's own story: never counted
    UNRELATED = "unrelated"


@dataclass(frozen=True, slots=True)
class StoredMatch:
    """A match kept in the workspace for a claim, with a person's link if any."""

    id: int
    claim_id: int
    result: MatchResult
    link: LinkKind | None = None
    source: int = 0  # the independent source: the wire group, else minus the article id
    own_story: bool = False  # the matched article is a copy of the claim's own story
    version: int = 1  # the stored row's version: a link names it, and is refused when it is stale


@dataclass(frozen=True, slots=True)
class Corroboration:
    """What the stored matches of a claim add up to, by independent source (wire copies count once)."""

    corroborating: tuple[StoredMatch, ...] = ()  # one match per independent source, best first
    conflicting: tuple[StoredMatch, ...] = ()
    copies: tuple[StoredMatch, ...] = ()  # matches in copies of the claim's own story (not counted)

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.corroborating), len(self.conflicting)


def conflicts(link: LinkKind | None, relation: MatchRelation) -> bool:
    """A person's link decides; unreviewed, a `conflict` relation makes a conflict."""
    if link is not None:
        return link is LinkKind.CONTRADICTS
    return relation is MatchRelation.CONFLICT


def supports(link: LinkKind | None, relation: MatchRelation) -> bool:
    """A person's corroborates / same-claim link decides; unreviewed, an `agree` relation."""
    if link is not None:
        return link in SUPPORT_LINKS
    return relation is MatchRelation.AGREE


def is_conflict(match: StoredMatch) -> bool:
    return conflicts(match.link, match.result.relation)


def is_support(match: StoredMatch) -> bool:
    return supports(match.link, match.result.relation)


def role(match: StoredMatch) -> MatchRole:
    """The match's role for its claim (see the module doc)."""
    if match.own_story:
        return MatchRole.OWN_STORY
    if is_conflict(match):
        return MatchRole.CONFLICTS
    if is_support(match):
        return MatchRole.CORROBORATES
    return MatchRole.UNRELATED


def corroboration(matches: Sequence[StoredMatch]) -> Corroboration:
    """Group a claim's matches by independent source: the best match of each source counts once."""
    support: dict[int, StoredMatch] = {}
    conflict: dict[int, StoredMatch] = {}
    copies: list[StoredMatch] = []
    for match in sorted(matches, key=lambda m: -m.result.score):
        kind = role(match)
        if kind is MatchRole.OWN_STORY:
            copies.append(match)
        elif kind is MatchRole.CONFLICTS:
            conflict.setdefault(match.source, match)
        elif kind is MatchRole.CORROBORATES:
            support.setdefault(match.source, match)
    return Corroboration(tuple(support.values()), tuple(conflict.values()), tuple(copies))


# --- labels ---------------------------------------------------------------------------------------

TITLE_CHARS = 40  # titles in the summary line are cut at a word boundary near this length


def short_title(title: str, limit: int = TITLE_CHARS) -> str:
    """A title cut at a word boundary with an ellipsis ("US threatens to close Baghdad…")."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:·-–—")
    return (cut or title[:limit]) + "…"


def source_name(result: MatchResult) -> str:
    """How a matched text is named: its publisher, else its title, else its article number."""
    return result.publisher or short_title(result.article_title) or f"Article {result.article_id}"


def fact_checked(result: MatchResult) -> str:
    """ "Fact-checked: False — CheckDesk" for a stored fact check, else ""."""
    verdict = result.extra.get("verdict", "")
    if not verdict:
        return ""
    return f"Fact-checked: {verdict}" + (f" — {result.publisher}" if result.publisher else "")


def summary_text(result: Corroboration) -> str:
    """ "2 independent sources corroborate (CheckDesk, Reuters) · 1 conflicts (…) · 1 copy of this story"."""
    support, conflict = result.counts
    text = (
        f"{support} independent source{'s' if support != 1 else ''} corroborate{'s' if support == 1 else ''}"
    )
    names = ", ".join(dict.fromkeys(source_name(m.result) for m in result.corroborating[:4]))
    text += f" ({names})" if names else ""
    text += f" · {conflict} conflicting"
    names = ", ".join(dict.fromkeys(source_name(m.result) for m in result.conflicting[:4]))
    text += f" ({names})" if names else ""
    if result.copies:
        copies = len({m.result.article_id for m in result.copies})
        text += f" · {copies} cop{'ies' if copies != 1 else 'y'} of this story (not counted)"
    return text
