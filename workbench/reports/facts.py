"""Per-claim facts every report shows, computed once: attribution, support, attention, segments.

`claim_facts` flattens what the exporters need about a claim; `segments` cuts an article into
runs of text covered by the same claims, for highlighting (claims may overlap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.model import Claim, Note, SourceKind
from workbench.reports.data import ArticleReport, StoredMatch
from workbench.reports.sourcing import (
    KIND_LABELS,
    attribution_kind,
    claim_attention,
    conflict_count,
    corroboration_count,
    counted_claims,
    is_single_sourced,
)


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """A claim with everything a report says about it."""

    order: int  # 1-based position in text order (the order the report lists claims in)
    claim: Claim
    kind: SourceKind  # the attribution kind
    source_label: str  # "a top Iraqi official (anonymous)"
    source_description: str
    single_sourced: bool
    corroborations: int
    conflicts: int
    attention: tuple[str, ...]
    notes: tuple[Note, ...]
    evidence: tuple[Note, ...]
    matches: tuple[StoredMatch, ...]

    @property
    def number(self) -> int:
        """The claim's number everywhere (GUI, CLI, reports): its stable id."""
        return self.claim.id

    @property
    def label(self) -> str:
        """How the report names the claim: "#76"."""
        return f"#{self.claim.id}"

    @property
    def comments(self) -> tuple[Note, ...]:
        """Notes that are not evidence."""
        return tuple(n for n in self.notes if not n.is_evidence)


def source_label(claim: Claim) -> str:
    kind = attribution_kind(claim)
    if kind is SourceKind.AGENCY and not (claim.source_name or claim.source_phrase):
        return "no source given (agency's own voice)"
    name = claim.source_name or claim.source_phrase or "unnamed"
    return f"{name} ({KIND_LABELS[kind].lower()})"


def claim_facts(report: ArticleReport) -> list[ClaimFacts]:
    """Facts for each claim the report shows (rejected proposals only if loaded), in text order."""
    result = []
    claims = sorted(report.claims, key=lambda c: (c.start, c.end, c.id))
    for order, claim in enumerate(claims, 1):
        notes = report.claim_notes(claim.id)
        matches = report.claim_matches(claim.id)
        source = report.source(claim.source_id)
        result.append(
            ClaimFacts(
                order=order,
                claim=claim,
                kind=attribution_kind(claim),
                source_label=source_label(claim),
                source_description=source.description if source else "",
                single_sourced=is_single_sourced(claim),
                corroborations=corroboration_count(notes, matches),
                conflicts=conflict_count(matches),
                attention=claim_attention(report, claim).reasons,
                notes=notes,
                evidence=tuple(n for n in notes if n.is_evidence),
                matches=matches,
            )
        )
    return result


MATCHES_SHOWN = 5  # matches listed per claim in the html/pdf/md reports; the data exports hold all
ELIDE_AT = 140  # characters of a match or evidence quote shown in a report


OPENING_QUOTES = "\"“„«‘'"
CLOSING_QUOTES = "\"”»’'"


def quoted(text: str) -> str:
    """The text in “curly quotes”, once: a claim that opens with its own quote mark (a quotation
    the article prints as '"The Americans aren't just angry...') does not get a second one."""
    text = text.strip()
    if text[:1] in OPENING_QUOTES:
        text = text[1:]
        if text[-1:] in CLOSING_QUOTES:
            text = text[:-1]
    return f"“{text}”"


def elide(text: str, limit: int = ELIDE_AT) -> str:
    """`text` on one line, cut at a word boundary to about `limit` characters with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def match_tag(m: StoredMatch) -> str:
    """What a match is to its claim, in words: a person's link wins over the machine's reading."""
    if m.own_story:
        return "copy of this story (not counted)"
    if m.conflicting:
        return "conflicts"
    if m.link is not None:
        return m.link.value.replace("_", " ")
    if m.corroborating:
        return "agrees"
    return "similar"


def sign_off_text(report: ArticleReport, attention: int) -> str:
    """The desk's sign-off with the open questions beside it, honestly dated.

    The counts are today's; when no claim changed after the sign-off they are also the counts
    the editor signed off with, and the text says so. Otherwise it says how many changes came after.
    """
    so = report.sign_off
    total = len(report.claims)
    now = f"{attention} of {total} claims need attention" if attention else "no claim needs attention"
    if not so.signed:
        return f"Not signed off by the desk; {now}."
    needing = (
        f"{attention} of {total} claims needing attention" if attention else "no claim needing attention"
    )
    when = so.at[:16].replace("T", " ")
    since = [x for x in report.audit if x.claim_id is not None and x.at[:19] > so.at[:19]]
    comment = f" — “{so.comment}”" if so.comment else ""
    if not since:
        return f"Signed off by {so.editor} on {when} with {needing}{comment}."
    return (
        f"Signed off by {so.editor} on {when}{comment}; {len(since)} change{'s' if len(since) != 1 else ''} "
        f"to claims since then, now {now}."
    )


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text covered by the same claims (none: plain text)."""

    start: int
    end: int
    claims: tuple[int, ...]  # claim ids, outermost (earliest, longest) first


def segments(text: str, claims: Sequence[Claim]) -> list[Segment]:
    """Cut `text` at every claim boundary; each piece lists the claims covering it."""
    spans = [
        (max(0, c.start), min(len(text), c.end), c.id)
        for c in sorted(counted_claims(claims) if claims else [], key=lambda c: (c.start, -c.end, c.id))
        if c.start < c.end and c.start < len(text)
    ]
    spans = [span for span in spans if span[0] < span[1]]  # clipped to nothing: covers nothing
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    # One sweep over the cuts: a claim covers the piece [a, b) from the cut it starts at to the
    # cut it ends at. (Testing every claim at every cut grew with the square of the claims: a
    # report of an article with 1,800 proposals spent seconds here.)
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for i, (s, e, _) in enumerate(spans):
        starting.setdefault(s, []).append(i)
        ending.setdefault(e, []).append(i)
    active: dict[int, int] = {}  # span index -> claim id, in span order (outermost first)
    result = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for i in ending.get(a, ()):
            del active[i]
        for i in starting.get(a, ()):
            active[i] = spans[i][2]
        covering = tuple(active.values())
        if result and result[-1].claims == covering and result[-1].end == a:
            result[-1] = Segment(result[-1].start, b, covering)
        else:
            result.append(Segment(a, b, covering))
    return result
