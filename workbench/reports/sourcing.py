"""The sourcing summary of an article: how its claims are sourced, and which need the desk's attention.

Pure functions over plain dataclasses (`workbench.model`, `workbench.reports.data`). The GUI's
sourcing panel, the claims table's "needs attention" filter and every report use these.

Definitions (docs/reports.md explains them for editors):
- a claim's *attribution kind* is its source's kind; a claim that cites no one is the agency's voice.
- *single-sourced*: the article gives one source for it (one person, institution or document),
  not a group ("officials", "diplomats and analysts") and not the agency's own voice.
- *corroboration*: evidence notes (a URL or quoted passage) plus independent stored matches that
  do not conflict (copies of one wire story count once), as `db/stores/matches.py` counts them.
- *in conflict*: a stored match linked as contradicting, or unreviewed with conflicting numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.model import Article, Claim, Note, Origin, Review, SourceKind, Status
from workbench.reports.data import ArticleReport, StoredMatch
from workbench.reports.style import KIND_HEX

_NAMED_BODY = re.compile(r"\b[A-Z][a-z]+ (Department|Ministry|Office|Council|Embassy|Agency|House)\b")
_AND_BETWEEN = re.compile(r"\w\s+and\s+\w")
_TITLE = re.compile(r"^(mr|ms|mrs|dr)\b", re.I)

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
OPEN_STATUSES = frozenset({Status.UNCHECKED, Status.IN_PROGRESS})

# --- describing an anonymous source --------------------------------------------------------
# A description earns points for what it tells the reader about the source; below
# SPECIFIC_ENOUGH it is flagged as vague. The weights are named so a test pins them.
POINTS_AFFILIATION = 1.0  # "Iraqi", "Western", "from Iraq's Shi'ite political network"
POINTS_INSTITUTION = 1.5  # "State Department", "the ministry of defence"
POINTS_ROLE = 1.0  # a specific role: diplomat, minister, commander (not "official", "source")
POINTS_RANK = 0.5  # "senior", "top"
POINTS_PLACE = 0.5  # "in Baghdad"
POINTS_ACCESS = 1.0  # what the source knows: "familiar with", "who attended", "briefed on"
SPECIFIC_ENOUGH = 1.5

_GENERIC_NOUNS = {
    "source", "sources", "official", "officials", "person", "people", "insider", "insiders",
    "figure", "figures", "member", "members", "individual", "individuals", "someone", "observer",
    "observers", "party", "parties", "contact", "contacts", "group", "groups",
}  # fmt: skip
_ROLES = {
    "diplomat", "diplomats", "minister", "ministers", "aide", "aides", "adviser", "advisers",
    "advisor", "advisors", "analyst", "analysts", "officer", "officers", "commander", "commanders",
    "spokesman", "spokeswoman", "spokesperson", "lawmaker", "lawmakers", "legislator", "mp", "mps",
    "senator", "congressman", "cleric", "clerics", "general", "colonel", "envoy", "ambassador",
    "negotiator", "negotiators", "investigator", "investigators", "prosecutor", "judge", "lawyer",
    "doctor", "doctors", "nurse", "executive", "executives", "employee", "employees", "staffer",
    "staffers", "researcher", "researchers", "economist", "economists", "banker", "bankers",
    "witness", "witnesses", "resident", "residents", "soldier", "soldiers", "fighter", "fighters",
    "militant", "militants", "commentator", "expert", "experts", "politician", "politicians",
    "leader", "leaders", "engineer", "engineers", "worker", "workers", "director", "manager",
    "activist", "activists", "journalist", "journalists", "intelligence", "security", "military",
}  # fmt: skip
_RANKS = {"senior", "top", "high-ranking", "high-level", "ranking", "junior", "former", "chief", "deputy"}
_INSTITUTION_WORDS = {
    "department", "ministry", "ministries", "office", "council", "embassy", "agency", "army",
    "police", "government", "parliament", "commission", "committee", "bank", "company", "court",
    "administration", "presidency", "cabinet", "mission", "force", "forces", "service", "secretariat",
    "white house", "pentagon", "kremlin", "un", "nato", "united nations", "network", "party",
}  # fmt: skip
_ACCESS = re.compile(
    r"\b(familiar with|with (direct )?knowledge of|close to|involved in|briefed on|who (attended|took part|"
    r"was present|saw|witnessed|heard|read)|present at|privy to|directly involved|participated in)\b",
    re.I,
)
_PLACE = re.compile(r"\b(in|at|based in)\s+(the\s+)?[A-Z][\w'’-]+", re.U)
_FROM_GROUP = re.compile(r"\b(from|at|of|within|inside)\s+(the\s+)?[\w'’-]+(\s+[\w'’-]+)+", re.U)
# Why the source is not named: the reader should be told (AP, Reuters, AFP style guides).
_ANONYMITY_REASON = re.compile(
    r"\b(condition of anonymity|on condition (that )?(he|she|they) (not )?be (named|identified)|"
    r"not (authori[sz]ed|allowed|permitted) to (speak|talk|comment|discuss)|asked not to be (named|identified)|"
    r"declined to be (named|identified)|requested anonymity|for fear of|because of the sensitivity|"
    r"speaking anonymously|who (did not|didn't) want to be named)\b",
    re.I,
)
_PLURAL_HINTS = re.compile(
    r"\b(officials|sources|diplomats|analysts|people|residents|witnesses|experts|figures|members|"
    r"officers|aides|advisers|lawmakers|insiders|observers|several|multiple|many|two|three|four|"
    r"both|others)\b",
    re.I,
)
_WORD = re.compile(r"[\w'’-]+", re.U)


@dataclass(frozen=True, slots=True)
class DescriptionCheck:
    """How well an anonymous source is described: `vague` when the reader learns too little."""

    score: float
    vague: bool
    issues: tuple[str, ...] = ()


def check_description(text: str, context: str = "") -> DescriptionCheck:
    """Score a description of an anonymous source ("a top Iraqi official").

    Args:
        text: the description (or every phrase the article uses for the source, joined by "; ").
        context: the paragraphs the source speaks in, searched for why it is not named.

    Returns:
        The score, the vague flag, and issues written for an editor.
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    content = [w for w in words if w not in {"a", "an", "the", "one", "some", "and", "or"}]
    score = 0.0
    found: list[str] = []
    lowered = " " + " ".join(words) + " "
    if any(f" {w} " in lowered for w in _INSTITUTION_WORDS) or _NAMED_BODY.search(text):
        score += POINTS_INSTITUTION
        found.append("institution")
    elif _affiliation(text):
        score += POINTS_AFFILIATION
        found.append("affiliation")
    if any(w in _ROLES for w in content):
        score += POINTS_ROLE
    if any(w in _RANKS for w in content):
        score += POINTS_RANK
    if _PLACE.search(text):
        score += POINTS_PLACE
    if _ACCESS.search(text):
        score += POINTS_ACCESS
    issues: list[str] = []
    vague = score < SPECIFIC_ENOUGH
    if vague:
        if not content or all(w in _GENERIC_NOUNS for w in content):
            issues.append("says only that there is a source: not who, nor what they know")
        elif not found:
            issues.append("does not say where the source works or which side they are on")
        else:
            issues.append("too general: give the source's role, rank or what they know")
    if not _ACCESS.search(text) and not _ACCESS.search(context):
        issues.append("does not say how the source knows")
    if not _ANONYMITY_REASON.search(text + " " + context):
        issues.append("does not say why the source is not named")
    return DescriptionCheck(score=score, vague=vague, issues=tuple(issues))


_NOT_AFFILIATION = {"a", "an", "the", "one", "mr", "ms", "mrs", "dr"} | _GENERIC_NOUNS | _ROLES | _RANKS


def _affiliation(text: str) -> bool:
    """A capitalised qualifier ("Iraqi", "Western", "US") or "from/within <group>"."""
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word[:1].isupper() and word.casefold() not in _NOT_AFFILIATION:
            return True
    return bool(_FROM_GROUP.search(text))


def is_plural_source(phrase: str) -> bool:
    """True when a source phrase names a group ("Iraqi and foreign officials", "the sources")."""
    phrase = phrase.strip()
    if not phrase:
        return False
    if _PLURAL_HINTS.search(phrase):
        return True
    # "X and Y" between two nouns: "diplomats and analysts", "Iraqi and US officials"
    return bool(_AND_BETWEEN.search(phrase)) and not _TITLE.match(phrase)


def attribution_kind(claim: Claim) -> SourceKind:
    """The kind of source a claim rests on; a claim citing no one is the agency's own voice."""
    return claim.source_kind or SourceKind.AGENCY


def is_single_sourced(claim: Claim) -> bool:
    """One person, institution or document carries the claim (not a group, not the agency's voice)."""
    if attribution_kind(claim) is SourceKind.AGENCY:
        return False
    return not (is_plural_source(claim.source_phrase) or is_plural_source(claim.source_name))


def evidence_count(notes: Iterable[Note]) -> int:
    return sum(1 for n in notes if n.is_evidence)


def corroboration_count(notes: Iterable[Note] = (), matches: Iterable[StoredMatch] = ()) -> int:
    """Evidence notes plus independent corroborating matches (one per wire group)."""
    independent = {m.independent_key for m in matches if m.corroborating}
    return evidence_count(notes) + len(independent)


def conflict_count(matches: Iterable[StoredMatch]) -> int:
    return len({m.independent_key for m in matches if m.conflicting})


def needs_attention(
    claim: Claim,
    notes: Sequence[Note] = (),
    matches: Sequence[StoredMatch] = (),
    *,
    counts: tuple[int, int] | None = None,
) -> list[str]:
    """Why a claim needs the desk's attention; an empty list when it does not.

    Args:
        claim: the claim.
        notes: its notes and evidence.
        matches: its stored matches; or pass `counts` instead.
        counts: (corroborating, conflicting) independent matches, as `db.stores.matches.match_counts`
            returns per claim (the claims table has these without loading matches).

    Returns:
        Short reasons, most serious first: "in conflict with 2 sources", "rests on one
        anonymous source", "unverified", "rated false", "queried by the desk", ...
    """
    if claim.origin is Origin.REJECTED:
        return []
    if counts is not None:
        corroborating, conflicts = counts
    else:
        corroborating, conflicts = (
            len({m.independent_key for m in matches if m.corroborating}),
            conflict_count(matches),
        )
    reasons: list[str] = []
    if conflicts:
        reasons.append(f"in conflict with {conflicts} source{'s' if conflicts != 1 else ''}")
    if claim.status is Status.FALSE:
        reasons.append("rated false")
    elif claim.status is Status.MISLEADING:
        reasons.append("rated misleading")
    if attribution_kind(claim) is SourceKind.ANONYMOUS and is_single_sourced(claim):
        support = corroborating + evidence_count(notes)
        reasons.append(
            "rests on one anonymous source" + (" (corroborated elsewhere)" if support else ", uncorroborated")
        )
    if claim.status in OPEN_STATUSES:
        reasons.append("unverified")
    elif claim.status is Status.UNVERIFIABLE:
        reasons.append("unverifiable")
    if claim.review is Review.QUERY:
        reasons.append("queried by the desk" + (f": {claim.review_comment}" if claim.review_comment else ""))
    if claim.orphan:
        reasons.append("lost its place in the text")
    return reasons


def split_attention(
    attention: Iterable[tuple[int, tuple[str, ...]]],
) -> tuple[list[tuple[int, tuple[str, ...]]], list[int]]:
    """Separate claims flagged for more than being unverified from those only not yet checked.

    Returns:
        (serious: [(claim id, reasons)], only_unverified: [claim id]).
    """
    serious, only_open = [], []
    for claim_id, reasons in attention:
        if tuple(reasons) == ("unverified",):
            only_open.append(claim_id)
        else:
            serious.append((claim_id, tuple(reasons)))
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
    attention = tuple(
        (c.id, tuple(reasons))
        for c in claims
        if (reasons := needs_attention(c, report.claim_notes(c.id), report.claim_matches(c.id)))
    )
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
        context = " ".join(
            _paragraph(text, c.source_start if c.source_start is not None else c.start) for c in group
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


def _paragraph(text: str, offset: int) -> str:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def percent(share: float) -> str:
    """0.4567 -> "46%"; a share above zero never shows as 0%."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{share * 100:.0f}%"
