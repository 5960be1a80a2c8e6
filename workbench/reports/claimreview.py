"""schema.org ClaimReview JSON-LD, one object per claim that has a verdict.

The rating scale (named constants, documented in docs/reports.md) runs from 1 (false) to 5
(verified); "unverifiable" sits in the middle. Claims still unchecked or in progress have no
verdict and are left out. `check_claimreview` lists missing required fields (Google's
fact-check markup requirements plus the fields our brief asks for).
"""

from __future__ import annotations

import json
from typing import Any

from workbench.model import Article, Claim, SourceKind, Status
from workbench.reports.data import ReportData
from workbench.reports.facts import claim_facts

BEST_RATING = 5
WORST_RATING = 1
RATINGS: dict[Status, tuple[int, str]] = {
    Status.FALSE: (1, "False"),
    Status.MISLEADING: (2, "Misleading"),
    Status.UNVERIFIABLE: (3, "Unverifiable"),
    Status.VERIFIED: (5, "True"),
}
REQUIRED: tuple[str, ...] = (
    "@context",
    "@type",
    "claimReviewed",
    "reviewRating.@type",
    "reviewRating.ratingValue",
    "reviewRating.bestRating",
    "reviewRating.worstRating",
    "reviewRating.alternateName",
    "itemReviewed.@type",
    "itemReviewed.appearance.url",
    "itemReviewed.author.name",
    "itemReviewed.datePublished",
    "author.@type",
    "author.name",
    "datePublished",
    "url",
)


def has_verdict(claim: Claim) -> bool:
    return claim.status in RATINGS


def claim_author(claim: Claim, article: Article) -> dict[str, Any]:
    """Who made the claim: the source (a Person or an Organization), else the publisher."""
    kind = claim.source_kind or SourceKind.AGENCY
    name = claim.source_name or claim.source_phrase
    if not name or kind is SourceKind.AGENCY:
        return {
            "@type": "Organization",
            "name": article.agency or article.publisher or name or "the publisher",
        }
    if kind in (SourceKind.NAMED, SourceKind.ANONYMOUS):
        return {"@type": "Person", "name": name}
    return {"@type": "Organization", "name": name}


def claim_review(
    claim: Claim,
    article: Article,
    *,
    organisation: str,
    organisation_url: str = "",
    review_url: str = "",
) -> dict[str, Any]:
    """The ClaimReview of one claim with a verdict.

    Args:
        claim: the claim (its status must be a verdict: see RATINGS).
        article: the article it appears in.
        organisation: the reviewing organisation (settings or --organisation).
        organisation_url: its web site.
        review_url: where the review is published; defaults to the article URL with a fragment.
    """
    value, name = RATINGS[claim.status]
    author: dict[str, Any] = {"@type": "Organization", "name": organisation or "Unnamed fact-checking desk"}
    if organisation_url:
        author["url"] = organisation_url
    appearance: dict[str, Any] = {"@type": "NewsArticle", "url": article.url or _article_urn(article)}
    if article.title:
        appearance["headline"] = article.title
    if article.date:
        appearance["datePublished"] = article.date
    publisher = article.agency or article.publisher
    if publisher:
        appearance["publisher"] = {"@type": "Organization", "name": publisher}
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url or f"{appearance['url']}#claim-{claim.id}",
        "claimReviewed": claim.text,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": name,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": claim_author(claim, article),
            "datePublished": article.date or article.imported_at[:10],
            "appearance": appearance,
        },
        "author": author,
        "datePublished": (claim.updated_at or claim.created_at)[:10],
    }
    if claim.summary:
        review["name"] = claim.summary
    return review


def _article_urn(article: Article) -> str:
    return (
        f"urn:sha256:{article.text_hash}"
        if article.text_hash
        else f"urn:claim-workbench:article:{article.id}"
    )


def render_claimreview(data: ReportData) -> str:
    """A JSON-LD array of ClaimReview objects, one per claim with a verdict."""
    reviews = [
        claim_review(
            f.claim, r.article, organisation=data.organisation, organisation_url=data.organisation_url
        )
        for r in data.articles
        for f in claim_facts(r)
        if has_verdict(f.claim)
    ]
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def check_claimreview(review: dict[str, Any]) -> list[str]:
    """Required fields missing or empty in one ClaimReview (dotted paths); [] when complete."""
    missing = []
    for path in REQUIRED:
        node: Any = review
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node in (None, "", [], {}):
            missing.append(path)
    rating = review.get("reviewRating") or {}
    if not missing:
        worst, best, value = rating["worstRating"], rating["bestRating"], rating["ratingValue"]
        if not worst <= value <= best:
            missing.append("reviewRating.ratingValue (outside worstRating..bestRating)")
    return missing
