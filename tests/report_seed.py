"""A seed workspace with hand-made claims, notes, evidence, matches and desk decisions, for the
report and export tests (independent of what the extraction engine proposes)."""

from __future__ import annotations

from dataclasses import dataclass

from db import Workspace
from workbench.model import (
    ArticleMeta,
    Attribution,
    ClaimKind,
    ImportItem,
    Review,
    SourceKind,
    Status,
)

OTHER_TEXT = (
    "The United States keeps about 2,500 troops in Iraq, the Pentagon said on Tuesday.\n\n"
    "A US withdrawal would leave Prime Minister Kadhemi in a very weak position, analysts warned."
)


@dataclass(frozen=True)
class Seeded:
    article_id: int
    other_id: int
    claims: dict[str, int]  # label -> claim id


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _attribution(text: str, phrase: str, kind: SourceKind, cue: str = "said") -> Attribution:
    s, e = _span(text, phrase)
    return Attribution(source=phrase, kind=kind, source_start=s, source_end=e, cue=cue)


def seed_claims(ws: Workspace, article_id: int = 1) -> Seeded:
    text = ws.articles.get(article_id).text
    other = ws.articles.add(
        ImportItem(
            OTHER_TEXT,
            ArticleMeta(
                title="US troop numbers in Iraq",
                url="https://example.org/troops",
                date="2020-09-29",
                publisher="Example Wire",
            ),
        )
    ).article_id
    specs = {
        "ultimatum": (
            "Mike Pompeo called Iraqi President Barham Saleh last week to deliver an ultimatum",
            ClaimKind.EVENT,
            Status.VERIFIED,
            ("Iraqi and foreign officials", SourceKind.ANONYMOUS, "told"),
        ),
        "angry": (
            "The Americans aren't just angry. They're really, really, really angry",
            ClaimKind.QUOTE,
            Status.UNCHECKED,
            ("one Iraqi official", SourceKind.ANONYMOUS, "said"),
        ),
        "troops": (
            "around 3,000 troops based in three bases across the country",
            ClaimKind.QUANTITY,
            Status.FALSE,
            None,
        ),
        "sites": (
            "threatened earlier this year to bomb more than 120 further sites if the rocket attacks cost "
            "American lives",
            ClaimKind.QUANTITY,
            Status.MISLEADING,
            ("a top Iraqi official", SourceKind.ANONYMOUS, "told"),
        ),
        "mamouri": (
            "If the US really closes its embassy, it will leave Kadhemi in a very weak and dangerous position",
            ClaimKind.QUOTE,
            Status.VERIFIED,
            ("Mr Ali Mamouri", SourceKind.NAMED, "said"),
        ),
        "formations": (
            "Iran has been gathering the most hardline among its Iraqi allies into these new formations",
            ClaimKind.STATEMENT,
            Status.UNVERIFIABLE,
            ("Iraqi sources", SourceKind.ANONYMOUS, "say"),
        ),
    }
    ids: dict[str, int] = {}
    for label, (phrase, kind, status, source) in specs.items():
        start, end = _span(text, phrase)
        attribution = source_id = None
        if source is not None:
            name, skind, cue = source
            attribution = _attribution(text, name, skind, cue)
            source_id = ws.sources.find_or_create(
                name,
                skind,
                description=name,
                article_id=article_id if skind is SourceKind.ANONYMOUS else None,
            ).id
        claim = ws.claims.add(
            article_id,
            start,
            end,
            summary=f"{label}: {phrase[:40]}",
            kind=kind,
            status=status,
            attribution=attribution,
            source_id=source_id,
        )
        ids[label] = claim.id
    ws.notes.add(
        ids["ultimatum"],
        url="https://example.org/state-dept-readout",
        quote="The Secretary spoke with President Saleh",
        body="State Department readout confirms the call",
    )
    ws.notes.add(ids["angry"], body="Ask the Baghdad bureau who this official is")
    o_text = ws.articles.get(other).text
    s, e = _span(o_text, "The United States keeps about 2,500 troops in Iraq, the Pentagon said on Tuesday.")
    ws.db.insert_returning_id(
        "matches",
        {
            "claim_id": ids["troops"],
            "article_id": other,
            "start": s,
            "end": e,
            "text": o_text[s:e],
            "score": 0.82,
            "relation": "conflict",
            "link": "",
            "reasons": '{"conflicts": ["3000 troops vs 2500 troops"]}',
            "created_at": "2020-09-30T10:00:00+00:00",
        },
    )
    s, e = _span(o_text, "A US withdrawal would leave Prime Minister Kadhemi in a very weak position")
    ws.db.insert_returning_id(
        "matches",
        {
            "claim_id": ids["mamouri"],
            "article_id": other,
            "start": s,
            "end": e,
            "text": o_text[s:e],
            "score": 0.74,
            "relation": "agree",
            "link": "corroborates",
            "reasons": "{}",
            "created_at": "2020-09-30T10:00:00+00:00",
        },
    )
    ws.claims.update(
        ids["sites"], review=Review.QUERY, reviewer="desk", review_comment="Which official? Second source?"
    )
    ws.claims.update(ids["mamouri"], review=Review.APPROVED, reviewer="desk")
    ws.articles.set_sign_off(article_id, "desk", "Fine once the troop figure is fixed")
    return Seeded(article_id=article_id, other_id=other, claims=ids)
