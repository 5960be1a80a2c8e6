"""What is still open on an article before the desk signs it off. Pure.

The app's sign-off question (ui/app/panels/review_panel.py) and `workbench signoff` (ui/cli/export.py) both
ask `open_questions`, so they count the same claims the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.model import Origin
from workbench.reports.attention import OPEN_STATUSES
from workbench.reports.data import ArticleReport
from workbench.reports.sourcing import counted_claims, split_attention, summarise


@dataclass(frozen=True, slots=True)
class OpenQuestions:
    """Counts of what is open on an article; all zero when it is ready to sign off."""

    unverified: int = 0  # claims unchecked or in progress
    proposals: int = 0  # proposals nobody accepted or rejected
    attention: int = 0  # claims needing attention for more than being unverified (counted above)

    def __bool__(self) -> bool:
        return bool(self.unverified or self.proposals or self.attention)

    def short(self) -> list[str]:
        """Phrases for a one-line warning: "1 unverified claim", "2 unreviewed proposals"."""
        return [
            f"{n} {word}{'s' if n != 1 else ''}{tail}"
            for n, word, tail in (
                (self.unverified, "unverified claim", ""),
                (self.proposals, "unreviewed proposal", ""),
                (self.attention, "claim", " needing attention"),
            )
            if n
        ]

    def lines(self) -> list[str]:
        """Lines for the sign-off question, each saying what to do."""
        u, p, a = self.unverified, self.proposals, self.attention
        lines = []
        if u:
            lines.append(f"{u} unverified claim{'s' if u != 1 else ''} (unchecked or in progress)")
        if p:
            lines.append(f"{p} proposal{'s' if p != 1 else ''} not reviewed (accept or reject)")
        if a:
            lines.append(f"{a} claim{'s' if a != 1 else ''} needing attention")
        return lines


def open_questions(report: ArticleReport) -> OpenQuestions:
    """What is open on the article: rejected proposals do not count; a claim that is only
    unverified is counted once, as unverified, not again as needing attention."""
    claims = counted_claims(report.claims)
    serious, _only_unverified = split_attention(summarise(report).attention)
    return OpenQuestions(
        unverified=sum(c.status in OPEN_STATUSES for c in claims),
        proposals=sum(c.origin is Origin.PROPOSED for c in claims),
        attention=len(serious),
    )
