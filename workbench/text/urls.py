"""Web addresses taken from imported content: only http(s) URLs are kept as URLs.

A page's `canonical` link, its `og:url`, a statement row's `url` column or an annotation's
target can say `javascript:…`, `data:…` or `file:///…`; stored or exported as an article's URL,
such a value becomes a live link in a report, a search engine's ClaimReview or an annotation tool.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
# RFC 8141: "urn:" NID ":" NSS. A name, never fetched or linked (fact-check archives identify
# their claims so: "urn:vclaim:7", and the claim-retrieval scorer reads the ids back from it).
_URN = re.compile(r"urn:[a-z0-9][a-z0-9-]{0,31}:\S+", re.IGNORECASE)


def web_url(value: str) -> str:
    """`value` (trimmed) when it is an http(s) URL with a host, else ""."""
    url = (value or "").strip()
    if not url or any(ord(ch) < 32 or ord(ch) == 127 for ch in url):  # control characters
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return ""
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else ""


def statement_url(value: str) -> str:
    """A statement row's `url`: an http(s) URL, or a URN naming the statement; else ""."""
    url = (value or "").strip()
    return web_url(url) or (url if _URN.fullmatch(url) else "")
