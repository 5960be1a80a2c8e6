"""JSON-LD exports are safe inside `<script type="application/ld+json">`, and only http(s) URLs
from imported pages become an article's URL, at import and again at export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db import Workspace
from db.flows.importing import import_paths
from db.queries.report_data import load_report_data
from workbench.model import Status
from workbench.reports.claimreview import claimreview_warnings, render_claimreview
from workbench.reports.jsonld import dumps_jsonld
from workbench.reports.w3c import render_w3c
from workbench.text.html import parse_html
from workbench.text.urls import web_url

BREAKOUT = "</script><script>alert(1)</script><!-- & -->"
SCRIPT_CLOSERS = ("</script", "<!--", "<script", "-->")


def _page(canonical: str, og_url: str = "", title: str = "Council vote") -> str:
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{canonical}">'
        f'<meta property="og:url" content="{og_url}"></head>'
        "<body><article><p>The council said 40 homes were built, officials told reporters.</p>"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        (" HTTP://Example.org/x ", "HTTP://Example.org/x"),
        ("javascript:alert(1)", ""),
        (" JavaScript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("file:///etc/passwd", ""),
        ("vbscript:msgbox", ""),
        ("//evil.example/x", ""),
        ("https:/no-host", ""),
        ("https://example.org/\njavascript:alert(1)", ""),
        ("/relative/path", ""),
    ],
)
def test_web_url_keeps_only_http_addresses(value: str, expected: str) -> None:
    assert web_url(value) == expected


@pytest.mark.parametrize(
    ("canonical", "og_url", "expected"),
    [
        ("javascript:alert('url')", "", ""),
        ("javascript:alert('url')", "https://example.org/story", "https://example.org/story"),
        ("file:///etc/passwd", "data:text/html,x", ""),
        ("https://example.org/canonical", "https://example.org/og", "https://example.org/canonical"),
    ],
)
def test_html_import_takes_only_an_http_page_url(canonical: str, og_url: str, expected: str) -> None:
    _body, meta = parse_html(_page(canonical, og_url))
    assert meta.url == expected


def test_statement_rows_store_no_script_url(tmp_path: Path) -> None:
    """A statement keeps an http(s) URL or a URN naming it (fact-check archives: urn:vclaim:7)."""
    values = ["javascript:alert(5)", "https://example.org/ok", "urn:vclaim:7", "file:///etc/passwd",
              "data:text/html,x", "urn:x", "URN:ISBN:0451450523"]  # fmt: skip
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "".join(json.dumps({"text": f"Claim {i} said 2%.", "url": v}) + "\n" for i, v in enumerate(values)),
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "ws.db") as ws:
        import_paths(ws, [rows])
        urls = [r[0] for r in ws.db.execute("SELECT url FROM articles ORDER BY id")]
    assert urls == ["", "https://example.org/ok", "urn:vclaim:7", "", "", "", "URN:ISBN:0451450523"]


@pytest.fixture
def hostile_ws(tmp_path: Path):
    """A workspace whose article text, title and source hold a script break-out, and whose stored
    URL is javascript: (as an older version of the workbench stored it)."""
    page = tmp_path / "page.html"
    page.write_text(
        _page(
            "https://example.org/story", title="Vote &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
        ).replace("40 homes were built", "40 homes were built &lt;/script&gt;&lt;!-- &amp;"),
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "ws.db") as ws:
        import_paths(ws, [page])
        ws.db.execute("UPDATE articles SET url = 'javascript:alert(3)' WHERE id = 1")
        text = ws.articles.get(1).text
        start = text.index("The council")
        end = text.index("officials") - 2
        claim = ws.claims.add(1, start, end, summary=BREAKOUT, status=Status.FALSE)
        ws.claims.update(claim.id, review_comment=BREAKOUT)
        yield ws


@pytest.mark.parametrize("render", [render_claimreview, render_w3c], ids=["claimreview", "w3c"])
def test_jsonld_never_closes_a_script_element(hostile_ws: Workspace, render) -> None:
    data = load_report_data(hostile_ws, 1, organisation=BREAKOUT)
    text = render(data)
    for closer in SCRIPT_CLOSERS:
        assert closer not in text.lower()
    assert "<" not in text and ">" not in text and "&" not in text
    back = json.loads(text)
    assert BREAKOUT in json.dumps(back, ensure_ascii=False)  # the same values read back
    assert "</script>" in hostile_ws.articles.get(1).text  # the text really held one


def test_jsonld_exports_link_no_stored_script_url(hostile_ws: Workspace) -> None:
    data = load_report_data(hostile_ws, 1, organisation="Desk", organisation_url="javascript:alert(4)")
    (review,) = json.loads(render_claimreview(data))
    assert "url" not in review["itemReviewed"]["appearance"]
    assert "url" not in review["author"] and "url" not in review
    assert any("not an http(s) address" in note for note in claimreview_warnings(data))
    collection = json.loads(render_w3c(data))
    target = collection["first"]["items"][0]["target"]["source"]
    assert target.startswith("urn:sha256:")
    assert "wb:url" not in collection["wb:articles"][0]  # a javascript: URL is no URL: left out
    assert "javascript" not in render_w3c(data) + render_claimreview(data)


def test_dumps_jsonld_reads_back_the_same_value() -> None:
    value = {"a": '<b>&amp;</b>\u2028\u2029 "q" \\ é', "n": [1, 2.5, None, True]}
    text = dumps_jsonld(value)
    assert json.loads(text) == value
    assert not set("<>&\u2028\u2029") & set(text)
