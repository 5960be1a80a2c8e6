"""The needs-attention rule: whether a claim needs the desk's attention, and why. One function,
`attention`, decides it for the whole program: the claims table's ⚑ filter and its tooltips, the
Sourcing tab, the window's count, the editor's queue, the sign-off question, every report and the
CLI. Callers bring what they know of the claim's support as a `Support` (the table has the
counts from its row query, the reports count notes and matches).

docs/reports.md explains the rule for editors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.model import Claim, Note, Origin, Review, SourceKind, Status
from workbench.reports.descriptions import is_plural_source

UNVERIFIED = "unverified"
OPEN_STATUSES = frozenset({Status.UNCHECKED, Status.IN_PROGRESS})


def attribution_kind(claim: Claim) -> SourceKind:
    """The kind of source a claim rests on; a claim citing no one is the agency's own voice."""
    return claim.source_kind or SourceKind.AGENCY


def is_single_sourced(claim: Claim) -> bool:
    """One person, institution or document carries the claim (not a group, not the agency's voice)."""
    if attribution_kind(claim) is SourceKind.AGENCY:
        return False
    return not (is_plural_source(claim.source_phrase) or is_plural_source(claim.source_name))


@dataclass(frozen=True, slots=True)
class Support:
    """What backs a claim up or contradicts it: independent corroborating and conflicting
    sources among its stored matches (copies of one wire story count once) and its evidence notes."""

    corroborating: int = 0
    conflicting: int = 0
    evidence: int = 0

    @classmethod
    def of(cls, notes: Iterable[Note] = (), matches: Iterable = ()) -> Support:
        """From a claim's notes and stored matches (`workbench.reports.data.StoredMatch`)."""
        matches = list(matches)
        return cls(
            corroborating=len({m.independent_key for m in matches if m.corroborating}),
            conflicting=len({m.independent_key for m in matches if m.conflicting}),
            evidence=sum(1 for n in notes if n.is_evidence),
        )


@dataclass(frozen=True, slots=True)
class Attention:
    """The answer of `attention`: every reason, most serious first ("unverified" among them when the
    claim is not checked yet), and whether the claim needs attention."""

    reasons: tuple[str, ...] = ()

    @property
    def needed(self) -> bool:
        """The claim needs the desk's attention: a reason beyond merely not being checked yet
        (a claim only waiting to be checked is counted as unverified, not flagged)."""
        return any(r != UNVERIFIED for r in self.reasons)

    @property
    def only_unverified(self) -> bool:
        return self.reasons == (UNVERIFIED,)


NOTHING = Attention()


def attention(claim: Claim, support: Support = Support()) -> Attention:  # noqa: B008 - frozen value
    """Whether `claim` needs the desk's attention, and why.

    Reasons, most serious first: "in conflict with 2 sources", "rated false" / "rated misleading",
    "rests on one anonymous source, uncorroborated" (or "(corroborated elsewhere)"), "unverified",
    "unverifiable", "queried by the desk: …", "lost its place in the text". A rejected proposal
    needs nothing. `Attention.needed` is the cut every count makes.
    """
    if claim.origin is Origin.REJECTED:
        return NOTHING
    reasons: list[str] = []
    conflicts = support.conflicting
    if conflicts:
        reasons.append(f"in conflict with {conflicts} source{'s' if conflicts != 1 else ''}")
    if claim.status is Status.FALSE:
        reasons.append("rated false")
    elif claim.status is Status.MISLEADING:
        reasons.append("rated misleading")
    if attribution_kind(claim) is SourceKind.ANONYMOUS and is_single_sourced(claim):
        backed = support.corroborating + support.evidence
        reasons.append(
            "rests on one anonymous source" + (" (corroborated elsewhere)" if backed else ", uncorroborated")
        )
    if claim.status in OPEN_STATUSES:
        reasons.append(UNVERIFIED)
    elif claim.status is Status.UNVERIFIABLE:
        reasons.append("unverifiable")
    if claim.review is Review.QUERY:
        reasons.append("queried by the desk" + (f": {claim.review_comment}" if claim.review_comment else ""))
    if claim.orphan:
        reasons.append("lost its place in the text")
    return Attention(tuple(reasons)) if reasons else NOTHING
