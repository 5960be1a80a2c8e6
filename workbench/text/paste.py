"""An article pasted or dropped from a browser: the clipboard's HTML through the HTML importer (main
text only: navigation, scripts, ads and boilerplate dropped), else its plain text, with the page's
address and title when the clipboard carries them. Nothing is fetched. Pure: the window reads the
clipboard (`ui/app/paste.py`) and hands the parts here.

Browsers put the page's address beside a copied selection in different places: Firefox in
`text/x-moz-url-priv` (and a dragged link in `text/x-moz-url`, "URL\\nTitle"), Chromium in
`chromium/x-source-url`, and Windows' "HTML Format" in a `SourceURL:` header line before the
markup. `clipboard_source` reads the ones a `ClipboardParts` brings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from workbench.model import ArticleMeta, ImportItem, ItemKind
from workbench.text.decoding import derive_title, normalise_newlines, parse_plain_text
from workbench.text.html import parse_html
from workbench.text.importers import MAX_ARTICLE_BYTES, clean_text, with_iso_date
from workbench.text.urls import web_url

PASTED_ORIGIN = "(pasted)"  # the origin path of a pasted article: it came from no file


class NothingToPaste(ValueError):
    """The clipboard holds no article text (an image, a file, an empty selection)."""


@dataclass(frozen=True, slots=True)
class ClipboardParts:
    """What the clipboard (or a drop) brought, as text: its HTML, its plain text, and the page's
    address and title from whichever format carried them."""

    html: str = ""
    text: str = ""
    url: str = ""
    title: str = ""


_SOURCE_URL = re.compile(r"^SourceURL:(\S+)\s*$", re.MULTILINE)
_FRAGMENT = re.compile(r"<!--\s*StartFragment\s*-->(.*?)<!--\s*EndFragment\s*-->", re.DOTALL | re.IGNORECASE)


def clipboard_source(html: str, moz_url: str = "", chromium_url: str = "") -> tuple[str, str, str]:
    """(html, url, title): Windows' header stripped from the HTML (its SourceURL kept), and the
    address and title from Firefox's `text/x-moz-url[-priv]` ("URL\\nTitle") or Chromium's."""
    url = title = ""
    head = html[:2000]
    if head.startswith("Version:") and (found := _SOURCE_URL.search(head)):
        url = found.group(1)
        start = html.find("<")
        html = html[start:] if start >= 0 else ""
    lines = [line.strip() for line in moz_url.replace("\r", "").split("\n") if line.strip()]
    if lines:
        url = url or lines[0]
        title = lines[1] if len(lines) > 1 else ""
    url = url or chromium_url.strip()
    return html, web_url(url), title


def pasted_item(parts: ClipboardParts) -> ImportItem:
    """The article a paste makes: HTML first (main text only), else the plain text.

    Raises:
        NothingToPaste: neither gives any text, or it is longer than any news article.
    """
    if len(parts.html) + len(parts.text) > 2 * MAX_ARTICLE_BYTES:
        raise NothingToPaste("the clipboard holds far more than an article; nothing was imported")
    body, meta = "", ArticleMeta()
    if parts.html.strip():
        found = _FRAGMENT.search(parts.html)
        html = parts.html if found is None or "<title" in parts.html.lower() else found.group(1)
        body, meta = parse_html(html)
    if not body.strip() and parts.text.strip():
        body, meta = parse_plain_text(normalise_newlines(parts.text))
    if not body.strip():
        raise NothingToPaste("the clipboard holds no text to make an article of")
    derived = not meta.title or meta.title == derive_title(body)
    title = clean_text(parts.title) if parts.title.strip() and derived else meta.title
    meta = replace(meta, url=meta.url or web_url(parts.url), title=title or derive_title(body))
    return ImportItem(
        text=body,
        meta=with_iso_date(meta),
        kind=ItemKind.ARTICLE,
        origin_path=meta.url or PASTED_ORIGIN,
        encoding="",
    )
