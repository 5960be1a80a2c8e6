"""The main text of an HTML page: paragraphs of visible text, with title, date and URL.

Scripts, styles, navigation, headers, footers, forms, ads and bylines are dropped; when the page
has an `<article>` or `<main>` element only its text is kept. Nothing is rendered or fetched.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from workbench.model import ArticleMeta
from workbench.text.decoding import BYLINE_RE, TextError, derive_title
from workbench.text.urls import web_url

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "head",
    "figure",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "br",
    "tr",
    "table",
    "pre",
    "dd",
    "dt",
    "hr",
    "body",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "source", "track", "wbr"}
_BOILERPLATE = re.compile(
    r"\b(cookie|subscribe|newsletter|advert|share this|sign up|all rights reserved|related articles?|"
    r"read more|follow us|comments?)\b",
    re.I,
)


class _MainTextParser(HTMLParser):
    """Collects paragraphs of visible text, noting which sit inside <article>/<main>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_depth = 0
        self.main_depth = 0
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.in_h1 = False
        self.blocks: list[tuple[str, bool]] = []  # (text, inside article/main)
        self.current: list[str] = []
        # Open elements, each with whether it started a dropped (hidden) subtree: an element's end
        # undoes exactly what its start did, whatever inline children it holds.
        self.stack: list[tuple[str, bool]] = []
        self.open_count: Counter[str] = Counter()  # tags on the stack, so an end tag's lookup is O(1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
            return
        if tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        drops = tag in _DROP or (tag != "body" and _hidden(a))
        self.stack.append((tag, drops))
        self.open_count[tag] += 1
        if tag == "title":
            self.in_title = True
        if drops:
            self.drop_depth += 1
            return
        if tag in ("article", "main"):
            self.main_depth += 1
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open_count[tag]:
            return
        while self.stack:
            open_tag, dropped = self.stack.pop()
            self.open_count[open_tag] -= 1
            self._close(open_tag, dropped)
            if open_tag == tag:
                break

    def _close(self, tag: str, dropped: bool) -> None:
        if tag == "title":
            self.in_title = False
        if dropped:
            self.drop_depth -= 1
            return
        if tag in ("article", "main"):
            self._flush()
            self.main_depth = max(0, self.main_depth - 1)
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.drop_depth:
            return
        if self.in_h1:
            self.h1 += data
        self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append((text, self.main_depth > 0))


def _hidden(attrs: dict[str, str]) -> bool:
    style = attrs.get("style", "").replace(" ", "").lower()
    return "hidden" in attrs or "display:none" in style or attrs.get("aria-hidden") == "true"


def parse_html(html: str) -> tuple[str, ArticleMeta]:
    """The main text of an HTML page as paragraphs, with title, date and URL from its metadata.

    Scripts, styles, navigation, headers, footers and forms are dropped; when the page has an
    `<article>` or `<main>` element only its text is kept. Nothing is rendered or fetched.
    """
    parser = _MainTextParser()
    try:
        parser.feed(html)
        if parser.rawdata.startswith("<"):
            # An unclosed comment or tag at the end ("<!-- ...", "<img src=..."): as in a browser,
            # it runs to the end of the file and shows nothing; html.parser would emit it as text.
            parser.rawdata = ""
        parser.close()
    except Exception as exc:  # html.parser is lenient; this guards against the odd assertion
        raise TextError(f"cannot parse the HTML: {exc}") from exc
    parser._flush()
    blocks = parser.blocks
    if any(in_main for _, in_main in blocks):
        blocks = [b for b in blocks if b[1]]
    paragraphs = [text for text, _ in blocks if not _is_boilerplate(text) and not _is_page_furniture(text)]
    meta = parser.meta
    title = (meta.get("og:title") or parser.h1 or parser.title).strip()
    title = " ".join(title.split())
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    date = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("date")
        or meta.get("time", "")
    )
    return body, ArticleMeta(
        title=title or derive_title(body),
        url=_page_url(meta),
        date=date.strip(),  # made ISO 8601 by the importer (workbench/text/dates.py)
        publisher=meta.get("og:site_name", ""),
        agency=meta.get("og:site_name", ""),
    )


def _page_url(meta: dict[str, str]) -> str:
    """The page's own address: its canonical link, else og:url, whichever is an http(s) URL."""
    return web_url(meta.get("canonical", "")) or web_url(meta.get("og:url", ""))


def _is_page_furniture(text: str) -> bool:
    """An ad label ("ADVERTISEMENT") or a byline ("By Jane Doe · 2 May 2024") between paragraphs."""
    return text.strip().lower() in ("advertisement", "sponsored", "sponsored content", "ad") or (
        BYLINE_RE.fullmatch(text.strip()) is not None
    )


def _is_boilerplate(text: str) -> bool:
    return len(text) < 80 and bool(_BOILERPLATE.search(text))
