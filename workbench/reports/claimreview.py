"""schema.org ClaimReview JSON-LD, one object per claim that has a verdict.

The rating scale (named constants, documented in docs/reports.md) runs from 1 (false) to 5
(verified); "unverifiable" sits in the middle. Claims still unchecked or in progress have no
verdict and are left out, and so are proposals nobody accepted (unless `include_proposed`).
`check_claimreview` lists missing required fields (Google's fact-check markup requirements plus
the fields our brief asks for).

Nothing is invented: an article without a date gets an `itemReviewed` without `datePublished`
(recommended, not required: the export date would say the claim was made that day), one without a URL gets an `appearance` without `url` (no made-up
URN), and the review's own `url` is the article's URL, else the organisation's, with
`#claim-<id>`; with neither it is left out and `claimreview_warnings` says so.
"""

from __future__ import annotations

from typing import Any

from workbench.model import Article, Claim, Origin, SourceKind, Status
from workbench.reports.data import ReportData
from workbench.reports.facts import claim_facts
from workbench.reports.jsonld import dumps_jsonld
from workbench.text.urls import web_url

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
    "itemReviewed.appearance.@type",
    "itemReviewed.author.name",
    "author.@type",
    "author.name",
    "datePublished",
    "url",
)


UNNAMED_ORGANISATION = "Unnamed fact-checking desk"


def has_verdict(claim: Claim) -> bool:
    return claim.status in RATINGS


def publishable(claim: Claim, *, include_proposed: bool = False) -> bool:
    """A verdict on a claim a person made or accepted (proposals only with `include_proposed`)."""
    return has_verdict(claim) and (include_proposed or claim.origin is not Origin.PROPOSED)


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
    author: dict[str, Any] = {"@type": "Organization", "name": organisation or UNNAMED_ORGANISATION}
    organisation_url = web_url(organisation_url)
    article_url = web_url(article.url)  # never a javascript: or file: link on a search engine
    if organisation_url:
        author["url"] = organisation_url
    appearance: dict[str, Any] = {"@type": "NewsArticle"}
    if article_url:
        appearance["url"] = article_url
    if article.title:
        appearance["headline"] = article.title
    if article.date:
        appearance["datePublished"] = article.date
    publisher = article.agency or article.publisher
    if publisher:
        appearance["publisher"] = {"@type": "Organization", "name": publisher}
    item: dict[str, Any] = {"@type": "Claim", "author": claim_author(claim, article)}
    if article.date:  # when the claim was made; with no article date it is left out, not invented
        item["datePublished"] = article.date
    item["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": name,
        },
        "itemReviewed": item,
        "author": author,
        "datePublished": (claim.updated_at or claim.created_at)[:10],
    }
    base = article_url or organisation_url
    url = web_url(review_url) or (f"{base}#claim-{claim.id}" if base else "")
    if url:
        review = {"@context": review.pop("@context"), "@type": review.pop("@type"), "url": url, **review}
    if claim.summary:
        review["name"] = claim.summary
    return review


def claim_reviews(data: ReportData, *, include_proposed: bool = False) -> list[dict[str, Any]]:
    """The ClaimReview objects of a report, in article and text order."""
    return [
        claim_review(
            f.claim, r.article, organisation=data.organisation, organisation_url=data.organisation_url
        )
        for r in data.articles
        for f in claim_facts(r)
        if publishable(f.claim, include_proposed=include_proposed)
    ]


def render_claimreview(data: ReportData, *, include_proposed: bool = False) -> str:
    """A JSON-LD array of ClaimReview objects, one per published claim with a verdict; safe to
    paste into a `<script type="application/ld+json">` element (see workbench/reports/jsonld.py)."""
    return dumps_jsonld(claim_reviews(data, include_proposed=include_proposed))


def claimreview_warnings(data: ReportData, *, include_proposed: bool = False) -> list[str]:
    """One line per thing a person should know about a ClaimReview export (for stderr or a dialog)."""
    claims = [f.claim for r in data.articles for f in claim_facts(r)]
    published = [c for c in claims if publishable(c, include_proposed=include_proposed)]
    held = [c for c in claims if has_verdict(c) and not publishable(c, include_proposed=include_proposed)]
    notes = []
    if not published:
        notes.append(
            "no claim has a verdict yet: nothing to export (wrote an empty list)"
            if not held
            else "no accepted claim has a verdict yet: nothing to export (wrote an empty list)"
        )
    if held:
        notes.append(
            f"{len(held)} claim{'s' if len(held) != 1 else ''} with a verdict "
            f"{'are' if len(held) != 1 else 'is'} still proposed, not accepted, and left out "
            "(accept them, or pass --include-proposed)"
        )
    if published and not data.organisation:
        notes.append(
            f"the reviewing organisation is not set: author written as '{UNNAMED_ORGANISATION}' "
            "(set it in Settings or pass --organisation)"
        )
    if data.organisation_url and not web_url(data.organisation_url):
        notes.append(f"the organisation URL '{data.organisation_url}' is not an http(s) address: left out")
    by_article = {r.article.id: r.article for r in data.articles}
    no_url = {c.article_id for c in published if not web_url(by_article[c.article_id].url)}
    if no_url and not web_url(data.organisation_url):
        notes.append(
            f"{len(no_url)} article{'s' if len(no_url) != 1 else ''} without a URL: their reviews have no "
            "url (required by search engines; pass --organisation-url or store the article's URL)"
        )
    no_date = {c.article_id for c in published if not by_article[c.article_id].date}
    if no_date:
        notes.append(
            f"{len(no_date)} article{'s' if len(no_date) != 1 else ''} without a date: their reviews have "
            "no itemReviewed.datePublished (recommended; store the article's date)"
        )
    return notes


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
