"""schema.org ClaimReview JSON-LD, one object per claim that has a verdict, as Google's fact-check
markup asks (https://developers.google.com/search/docs/appearance/structured-data/factcheck).

The rating scale (named constants, documented in docs/reports.md) runs from 1 (false) to 5
(verified); "unverifiable" sits in the middle. Claims still unchecked or in progress have no
verdict and are left out, and so are proposals nobody accepted (unless `include_proposed`).

What each field is, and where it comes from:
- `url`: the review's own page on the fact-checker's site: the organisation's web address with the
  claim path (`DEFAULT_CLAIM_PATH`, or the desk's own template with `{claim}` and `{article}`).
  Never the reviewed article's page. Without an organisation address it is left out and
  `claimreview_warnings` says so (search engines require it).
- `claimReviewed`: a short statement of the claim (its summary, else its text), at most 75
  characters as Google advises; the exact span is kept as `itemReviewed.text`.
- `itemReviewed`: the `Claim`, with `author` only when the claim's source is resolved to an entry of
  the source registry (a phrase the extractor cut out of a headline is no author) or the claim is
  the outlet's own voice; `datePublished`, `appearance` and `firstAppearance` from the article
  (its URL, headline, ISO 8601 date, publisher) when known. Nothing is invented: a date that is not
  ISO 8601, a missing URL or an unresolved source leave the field out, and the warnings say so.
- `reviewRating`: `ratingValue`, `bestRating`, `worstRating`, and the verdict as `alternateName` and
  `name`. `author`: the reviewing organisation. `datePublished`: the day of the verdict.

`check_claimreview` lists missing required fields; `missing_recommended` the recommended ones.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from workbench.model import Article, Claim, Origin, SourceKind, Status
from workbench.reports.data import ReportData
from workbench.reports.facts import claim_facts
from workbench.reports.jsonld import dumps_jsonld
from workbench.text.dates import is_iso_date
from workbench.text.urls import web_url

BEST_RATING = 5
WORST_RATING = 1
RATINGS: dict[Status, tuple[int, str]] = {
    Status.FALSE: (1, "False"),
    Status.MISLEADING: (2, "Misleading"),
    Status.UNVERIFIABLE: (3, "Unverifiable"),
    Status.VERIFIED: (5, "True"),
}
CLAIM_REVIEWED_LIMIT = 75  # Google: "a short summary of the claim being evaluated ... under 75 characters"
DEFAULT_CLAIM_PATH = "/fact-checks/claim-{claim}"
# Google's required properties, plus what schema.org needs to read the object at all.
REQUIRED: tuple[str, ...] = (
    "@context",
    "@type",
    "url",
    "claimReviewed",
    "reviewRating.@type",
    "reviewRating.alternateName",
)
# Google's recommended properties (and those our brief asks for).
RECOMMENDED: tuple[str, ...] = (
    "author.@type",
    "author.name",
    "datePublished",
    "itemReviewed.@type",
    "itemReviewed.author.@type",
    "itemReviewed.author.name",
    "itemReviewed.datePublished",
    "itemReviewed.appearance",
    "itemReviewed.firstAppearance",
    "reviewRating.ratingValue",
    "reviewRating.bestRating",
    "reviewRating.worstRating",
    "reviewRating.name",
)
UNNAMED_ORGANISATION = "Unnamed fact-checking desk"
# Words that put a phrase beside a name, never in it ("Obama administration on Friday").
_NOT_IN_A_NAME = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "said",
    "says",
    "told",
    "on",
    "at",
    "in",
}


class ClaimPathError(ValueError):
    """The claim path template cannot make a URL; the message says why."""


def has_verdict(claim: Claim) -> bool:
    return claim.status in RATINGS


def publishable(claim: Claim, *, include_proposed: bool = False) -> bool:
    """A verdict on a claim a person made or accepted (proposals only with `include_proposed`)."""
    return has_verdict(claim) and (include_proposed or claim.origin is not Origin.PROPOSED)


def review_url(organisation_url: str, claim_path: str, claim: Claim, article: Article) -> str:
    """The review's page on the organisation's site: its address + the claim path ("" without one).

    Raises:
        ClaimPathError: the template has an unknown placeholder or leaves the organisation's site.
    """
    base = web_url(organisation_url)
    if not base:
        return ""
    template = claim_path or DEFAULT_CLAIM_PATH
    try:
        path = template.format(claim=claim.id, article=article.id)
    except (KeyError, IndexError, ValueError) as exc:
        raise ClaimPathError(
            f"the claim path {template!r} has an unknown placeholder {exc} (use {{claim}} and {{article}})"
        ) from exc
    url = base + path if path.startswith(("#", "?")) else base.rstrip("/") + "/" + path.lstrip("/")
    if urlsplit(url).netloc != urlsplit(base).netloc:
        raise ClaimPathError(f"the claim path {template!r} leads off the organisation's site ({url})")
    return url


def claim_reviewed(claim: Claim, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The claim in at most `limit` characters: its summary, else its text, cut at a word."""
    text = " ".join((claim.summary or claim.text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return (cut or text[: limit - 1]) + "…"


def plausible_name(name: str) -> bool:
    """A registry name that can stand as an author: short, and no date or verb beside it."""
    words = name.replace(",", " ").split()
    return 0 < len(words) <= 8 and not any(w.casefold() in _NOT_IN_A_NAME for w in words)


def claim_author(claim: Claim, article: Article) -> dict[str, Any] | None:
    """Who made the claim: the resolved source (a Person or an Organization), the outlet for its own
    voice, or None when the source is a phrase nobody resolved."""
    kind = claim.source_kind or SourceKind.AGENCY
    if kind is SourceKind.AGENCY or not (claim.source_name or claim.source_phrase):
        outlet = article.agency or article.publisher
        return {"@type": "Organization", "name": outlet} if outlet else None
    name = " ".join(claim.source_name.split())
    if claim.source_id is None or not plausible_name(name):
        return None
    kind_type = "Person" if kind in (SourceKind.NAMED, SourceKind.ANONYMOUS) else "Organization"
    return {"@type": kind_type, "name": name}


def _appearance(article: Article) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "NewsArticle"}
    if web_url(article.url):
        appearance["url"] = web_url(article.url)
    if article.title:
        appearance["headline"] = article.title
    if is_iso_date(article.date):
        appearance["datePublished"] = article.date
    publisher = article.agency or article.publisher
    if publisher:
        appearance["publisher"] = {"@type": "Organization", "name": publisher}
    return appearance


def claim_review(
    claim: Claim,
    article: Article,
    *,
    organisation: str,
    organisation_url: str = "",
    claim_path: str = "",
) -> dict[str, Any]:
    """The ClaimReview of one claim with a verdict (see the module docstring for each field).

    Raises:
        ClaimPathError: `claim_path` cannot make a URL on the organisation's site.
    """
    value, rating = RATINGS[claim.status]
    author: dict[str, Any] = {"@type": "Organization", "name": organisation or UNNAMED_ORGANISATION}
    if web_url(organisation_url):
        author["url"] = web_url(organisation_url)
    item: dict[str, Any] = {"@type": "Claim"}
    who = claim_author(claim, article)
    if who:
        item["author"] = who
    if is_iso_date(article.date):  # when the claim was made; never the export date
        item["datePublished"] = article.date
    appearance = _appearance(article)
    item["appearance"] = appearance
    if "url" in appearance:  # the first appearance the desk knows: the article it was found in
        item["firstAppearance"] = appearance
    item["text"] = claim.text  # the exact span, as the article words it
    review: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    url = review_url(organisation_url, claim_path, claim, article)
    if url:
        review["url"] = url
    review |= {
        "claimReviewed": claim_reviewed(claim),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating,
            "name": rating,
        },
        "itemReviewed": item,
        "author": author,
        "datePublished": (claim.updated_at or claim.created_at)[:10],
    }
    if claim.summary:
        review["name"] = claim.summary
    return review


def claim_reviews(data: ReportData, *, include_proposed: bool = False) -> list[dict[str, Any]]:
    """The ClaimReview objects of a report, in article and text order."""
    return [
        claim_review(
            f.claim,
            r.article,
            organisation=data.organisation,
            organisation_url=data.organisation_url,
            claim_path=data.claim_path,
        )
        for r in data.articles
        for f in claim_facts(r)
        if publishable(f.claim, include_proposed=include_proposed)
    ]


def render_claimreview(data: ReportData, *, include_proposed: bool = False) -> str:
    """A JSON-LD array of ClaimReview objects, one per published claim with a verdict; safe to
    paste into a `<script type="application/ld+json">` element (see workbench/reports/jsonld.py)."""
    return dumps_jsonld(claim_reviews(data, include_proposed=include_proposed))


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def claimreview_warnings(data: ReportData, *, include_proposed: bool = False) -> list[str]:
    """One line per thing a person should know about a ClaimReview export (for stderr or a dialog)."""
    facts = [(f.claim, r.article) for r in data.articles for f in claim_facts(r)]
    published = [(c, a) for c, a in facts if publishable(c, include_proposed=include_proposed)]
    held = [c for c, _ in facts if has_verdict(c) and not publishable(c, include_proposed=include_proposed)]
    notes = []
    if not published:
        notes.append(
            "no claim has a verdict yet: nothing to export (wrote an empty list)"
            if not held
            else "no accepted claim has a verdict yet: nothing to export (wrote an empty list)"
        )
    if held:
        notes.append(
            f"{_plural(len(held), 'claim with a verdict is', 'claims with a verdict are')} still proposed, "
            "not accepted, and left out (accept them, or pass --include-proposed)"
        )
    if not published:
        return notes
    if not data.organisation:
        notes.append(
            f"the reviewing organisation is not set: author written as '{UNNAMED_ORGANISATION}' "
            "(set it in Settings or pass --organisation)"
        )
    if data.organisation_url and not web_url(data.organisation_url):
        notes.append(f"the organisation URL '{data.organisation_url}' is not an http(s) address: left out")
    if not web_url(data.organisation_url):
        notes.append(
            "no review has a url (required by search engines: the review's page on your site): set the "
            "organisation's web address in Settings or pass --organisation-url"
        )
    articles = {a.id: a for _, a in published}
    no_url = [a for a in articles.values() if not web_url(a.url)]
    if no_url:
        notes.append(
            f"{_plural(len(no_url), 'article has', 'articles have')} no URL: their claims have no "
            "appearance.url or firstAppearance (recommended; store the article's URL: workbench article ID --url)"
        )
    no_date = [a for a in articles.values() if not is_iso_date(a.date)]
    if no_date:
        notes.append(
            f"{_plural(len(no_date), 'article has', 'articles have')} no ISO 8601 date: their claims have "
            "no itemReviewed.datePublished (recommended; store the article's date: workbench article ID --date)"
        )
    authorless = [c for c, a in published if claim_author(c, a) is None]
    if authorless:
        notes.append(
            f"{_plural(len(authorless), 'claim has', 'claims have')} no itemReviewed.author: the source is "
            "not resolved to an entry of the source registry (pick the source in the app)"
        )
    return notes


def _missing(review: dict[str, Any], paths: tuple[str, ...]) -> list[str]:
    missing = []
    for path in paths:
        node: Any = review
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node in (None, "", [], {}):
            missing.append(path)
    return missing


def check_claimreview(review: dict[str, Any]) -> list[str]:
    """Required fields missing or empty in one ClaimReview (dotted paths), and values that break a
    rule (claimReviewed too long, a rating outside its scale); [] when it passes."""
    problems = _missing(review, REQUIRED)
    if len(review.get("claimReviewed") or "") > CLAIM_REVIEWED_LIMIT:
        problems.append(f"claimReviewed (longer than {CLAIM_REVIEWED_LIMIT} characters)")
    rating = review.get("reviewRating") or {}
    scale = {"worstRating", "bestRating", "ratingValue"} <= rating.keys()
    if scale and not rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]:
        problems.append("reviewRating.ratingValue (outside worstRating..bestRating)")
    if review.get("url") and not web_url(review["url"]):
        problems.append("url (not an http(s) address)")
    return problems


def missing_recommended(review: dict[str, Any]) -> list[str]:
    """Google's recommended fields missing from one ClaimReview."""
    return _missing(review, RECOMMENDED)
