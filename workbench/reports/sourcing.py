"""The sourcing summary of an article: how its claims are sourced, and which need the desk's attention.

Pure functions over plain dataclasses (`workbench.model`, `workbench.reports.data`). Whether a claim
needs attention is `workbench.reports.attention.attention`, the one rule; this module applies it to
an article's claims for the Sourcing tab and every report.

Definitions (docs/reports.md explains them for editors):
- a claim's *attribution kind* is its source's kind; a claim that cites no one is the agency's voice.
- *single-sourced*: the article gives one source for it (one person, institution or document),
  not a group ("officials", "diplomats and analysts") and not the agency's own voice.
- *corroboration*: evidence notes (a URL or quoted passage) plus independent stored matches that
  do not conflict (copies of one wire story count once), as `db/stores/matches.py` counts them.
- *in conflict*: a stored match linked as contradicting, or unreviewed with conflicting numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.model import Article, Claim, Note, Origin, Review, SourceKind, Status
from workbench.reports.attention import (
    Attention,
    Support,
    attention,
    attribution_kind,
    is_single_sourced,
)
from workbench.reports.data import ArticleReport, StoredMatch
from workbench.reports.descriptions import DescriptionCheck, check_description
from workbench.reports.style import KIND_HEX
from workbench.text.sentences import MAX_SENTENCE_CHARS

# The order kinds are listed and charted in, most accountable first.
KIND_ORDER: tuple[SourceKind, ...] = (
    SourceKind.NAMED,
    SourceKind.INSTITUTION,
    SourceKind.DOCUMENT,
    SourceKind.ANONYMOUS,
    SourceKind.AGENCY,
)
KIND_LABELS: dict[SourceKind, str] = {
    SourceKind.NAMED: "Named person",
    SourceKind.INSTITUTION: "Institution",
    SourceKind.DOCUMENT: "Document",
    SourceKind.ANONYMOUS: "Anonymous",
    SourceKind.AGENCY: "Agency's own voice",
}
# The app's hues (workbench/reports/style.py copies ui/app/palette.py), so a colour means one thing.
KIND_COLORS: dict[SourceKind, str] = {kind: KIND_HEX[kind.value] for kind in SourceKind}
NO_CLAIM_COLOR = "#e4e4e4"
STATUS_COLORS: dict[Status, str] = {
    Status.UNCHECKED: "#fff1a8",
    Status.IN_PROGRESS: "#ffd59e",
    Status.VERIFIED: "#c6e9c7",
    Status.FALSE: "#f7b6c2",
    Status.MISLEADING: "#ffc8a8",
    Status.UNVERIFIABLE: "#dcdcdc",
}


def evidence_count(notes: Iterable[Note]) -> int:
    return sum(1 for n in notes if n.is_evidence)


def corroboration_count(notes: Iterable[Note] = (), matches: Iterable[StoredMatch] = ()) -> int:
    """Evidence notes plus independent corroborating matches (one per wire group)."""
    independent = {m.independent_key for m in matches if m.corroborating}
    return evidence_count(notes) + len(independent)


def conflict_count(matches: Iterable[StoredMatch]) -> int:
    return len({m.independent_key for m in matches if m.conflicting})


def claim_attention(report: ArticleReport, claim: Claim) -> Attention:
    """`attention` (the one rule) for a claim of a report, from its notes and stored matches."""
    return attention(claim, Support.of(report.claim_notes(claim.id), report.claim_matches(claim.id)))


def split_attention(
    attention: Iterable[tuple[int, tuple[str, ...]]],
) -> tuple[list[tuple[int, tuple[str, ...]]], list[int]]:
    """Separate claims flagged for more than being unverified from those only not yet checked.

    Returns:
        (serious: [(claim id, reasons)], only_unverified: [claim id]).
    """
    serious, only_open = [], []
    for claim_id, reasons in attention:
        if Attention(tuple(reasons)).needed:
            serious.append((claim_id, tuple(reasons)))
        else:
            only_open.append(claim_id)
    return serious, only_open


# --- the summary ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RankedSource:
    """A source and how many of the article's claims it carries."""

    name: str
    kind: SourceKind
    claims: int
    source_id: int | None = None
    description: str = ""
    phrases: tuple[str, ...] = ()  # how the article refers to it


@dataclass(frozen=True, slots=True)
class AnonymousSource:
    """An anonymous source, its description as the article gives it, and whether that is enough."""

    name: str
    description: str
    phrases: tuple[str, ...]
    claims: int
    check: DescriptionCheck
    source_id: int | None = None
    claim_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SourcingSummary:
    """The sourcing of one article at a glance."""

    article_id: int
    claims: int  # claims counted (rejected proposals are not)
    by_kind: tuple[tuple[SourceKind, int], ...]  # in KIND_ORDER, zeros included
    text_by_kind: tuple[tuple[SourceKind | None, int], ...]  # characters of text per kind; None: no claim
    text_length: int
    anonymous_claims: int
    anonymous_chars: int
    single_sourced: tuple[int, ...]  # claim ids
    uncorroborated: tuple[int, ...]
    in_conflict: tuple[int, ...]
    sources: tuple[RankedSource, ...]  # most claims first
    anonymous_sources: tuple[AnonymousSource, ...]
    attention: tuple[tuple[int, tuple[str, ...]], ...]  # (claim id, reasons), in text order
    by_status: tuple[tuple[Status, int], ...]
    approved: int = 0
    queried: int = 0

    @property
    def flagged(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """The claims that need attention for more than not being verified yet: what the desk
        should look at (anonymous and single-sourced, in conflict, rated false, queried...).
        The app's "Needs attention" filter and the sign-off question make the same cut."""
        return tuple(split_attention(self.attention)[0])

    @property
    def anonymous_claim_share(self) -> float:
        return self.anonymous_claims / self.claims if self.claims else 0.0

    @property
    def anonymous_text_share(self) -> float:
        return self.anonymous_chars / self.text_length if self.text_length else 0.0

    def kind_count(self, kind: SourceKind) -> int:
        return dict(self.by_kind).get(kind, 0)

    @property
    def vague_sources(self) -> tuple[AnonymousSource, ...]:
        return tuple(s for s in self.anonymous_sources if s.check.vague)


def counted_claims(claims: Iterable[Claim]) -> list[Claim]:
    """The claims a summary counts: all but rejected proposals."""
    return [c for c in claims if c.origin is not Origin.REJECTED]


def summarise(report: ArticleReport) -> SourcingSummary:
    """The sourcing summary of one article."""
    article = report.article
    claims = counted_claims(report.claims)
    kinds = Counter(attribution_kind(c) for c in claims)
    anonymous = [c for c in claims if attribution_kind(c) is SourceKind.ANONYMOUS]
    text_by_kind = _text_by_kind(article, claims)
    single = tuple(c.id for c in claims if is_single_sourced(c))
    uncorroborated = tuple(
        c.id for c in claims if corroboration_count(report.claim_notes(c.id), report.claim_matches(c.id)) == 0
    )
    conflict = tuple(c.id for c in claims if conflict_count(report.claim_matches(c.id)))
    attention = tuple((c.id, a.reasons) for c in claims if (a := claim_attention(report, c)).reasons)
    statuses = Counter(c.status for c in claims)
    return SourcingSummary(
        article_id=article.id,
        claims=len(claims),
        by_kind=tuple((k, kinds.get(k, 0)) for k in KIND_ORDER),
        text_by_kind=text_by_kind,
        text_length=len(article.text),
        anonymous_claims=len(anonymous),
        anonymous_chars=dict(text_by_kind).get(SourceKind.ANONYMOUS, 0),
        single_sourced=single,
        uncorroborated=uncorroborated,
        in_conflict=conflict,
        sources=_rank_sources(report, claims),
        anonymous_sources=_anonymous_sources(report, anonymous),
        attention=attention,
        by_status=tuple((s, statuses.get(s, 0)) for s in Status),
        approved=sum(1 for c in claims if c.review is Review.APPROVED),
        queried=sum(1 for c in claims if c.review is Review.QUERY),
    )


def _text_by_kind(article: Article, claims: Sequence[Claim]) -> tuple[tuple[SourceKind | None, int], ...]:
    """Characters of the article covered by claims of each kind; where spans of different kinds
    overlap, the least accountable kind (anonymous first) takes the character."""
    owner: list[SourceKind | None] = [None] * len(article.text)
    priority = {
        k: i
        for i, k in enumerate(
            (SourceKind.ANONYMOUS, *[k for k in KIND_ORDER if k is not SourceKind.ANONYMOUS])
        )
    }
    for claim in sorted(claims, key=lambda c: priority[attribution_kind(c)], reverse=True):
        kind = attribution_kind(claim)
        end = min(claim.end, len(owner))
        owner[claim.start : end] = [kind] * max(0, end - claim.start)
    counts = Counter(owner)
    return (*((k, counts.get(k, 0)) for k in KIND_ORDER), (None, counts.get(None, 0)))


def _source_key(claim: Claim) -> tuple[int | None, str]:
    return (
        claim.source_id,
        "" if claim.source_id is not None else (claim.source_name or claim.source_phrase),
    )


def _rank_sources(report: ArticleReport, claims: Sequence[Claim]) -> tuple[RankedSource, ...]:
    groups: dict[tuple[int | None, str], list[Claim]] = {}
    for claim in claims:
        if claim.source_id is None and not (claim.source_name or claim.source_phrase):
            continue  # the agency's unmarked voice is not a source to rank
        groups.setdefault(_source_key(claim), []).append(claim)
    ranked = []
    for (source_id, name), group in groups.items():
        source = report.source(source_id)
        ranked.append(
            RankedSource(
                name=source.name if source else name,
                kind=source.kind if source else attribution_kind(group[0]),
                claims=len(group),
                source_id=source_id,
                description=source.description if source else "",
                phrases=tuple(dict.fromkeys(c.source_phrase for c in group if c.source_phrase)),
            )
        )
    ranked.sort(key=lambda r: (-r.claims, KIND_ORDER.index(r.kind), r.name.casefold()))
    return tuple(ranked)


def _anonymous_sources(report: ArticleReport, claims: Sequence[Claim]) -> tuple[AnonymousSource, ...]:
    groups: dict[tuple[int | None, str], list[Claim]] = {}
    for claim in claims:
        groups.setdefault(_source_key(claim), []).append(claim)
    text = report.article.text
    result = []
    for (source_id, name), group in groups.items():
        source = report.source(source_id)
        display = source.name if source else name
        description = source.description if source else ""
        phrases = tuple(dict.fromkeys(p for p in (c.source_phrase for c in group) if p))
        if source:
            phrases = tuple(dict.fromkeys((*phrases, *source.aliases)))
        # each paragraph once (a hundred claims in one paragraph are not a hundred copies of it)
        context = " ".join(
            dict.fromkeys(
                _paragraph(text, c.source_start if c.source_start is not None else c.start) for c in group
            )
        )
        candidates = [t for t in (description, display, *phrases) if t]
        checks = [check_description(t, context) for t in candidates] or [check_description("", context)]
        best = max(checks, key=lambda ch: ch.score)
        result.append(
            AnonymousSource(
                name=display or "(unnamed)",
                description=description,
                phrases=phrases,
                claims=len(group),
                check=best,
                source_id=source_id,
                claim_ids=tuple(c.id for c in group),
            )
        )
    result.sort(key=lambda s: (not s.check.vague, -s.claims, s.name.casefold()))
    return tuple(result)


# How far either side of a source the paragraph it speaks in is searched (an article with no
# paragraph breaks is not one paragraph of a megabyte around each of its sources).
PARAGRAPH_REACH = MAX_SENTENCE_CHARS


def _paragraph(text: str, offset: int) -> str:
    """The paragraph around `offset`, at most PARAGRAPH_REACH characters either side of it."""
    low, high = max(0, offset - PARAGRAPH_REACH), min(len(text), offset + PARAGRAPH_REACH)
    start = text.rfind("\n\n", low, offset)
    end = text.find("\n\n", offset, high)
    return text[start + 2 if start >= 0 else low : end if end >= 0 else high]


def percent(share: float) -> str:
    """0.4567 -> "46%"; a share above zero never shows as 0%."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{share * 100:.0f}%"
