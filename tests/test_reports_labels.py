"""Reports name claims by their id, highlight by source kind, print compactly and escape Markdown sparingly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_seed import seed_claims

from db.queries.report_data import load_report_data
from workbench.model import Origin
from workbench.reports.csv_export import read_csv, render_csv
from workbench.reports.facts import claim_facts, elide, sign_off_text
from workbench.reports.html import render_html
from workbench.reports.json_export import read_json, render_json
from workbench.reports.markdown import md, render_markdown
from workbench.reports.style import KIND_HIGHLIGHT, KIND_HIGHLIGHT_STRONG, KIND_HUES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeded(seed_ws):
    seeded = seed_claims(seed_ws)
    # A rejected proposal: ordinals would skip it, ids do not.
    seed_ws.claims.update(seeded.claims["sites"], origin=Origin.REJECTED)
    assert seeded.claims["sites"] < max(seeded.claims.values())
    return seeded


@pytest.fixture
def data(seed_ws, seeded):
    return load_report_data(seed_ws, 1, generated_at="2020-10-01T09:00:00+00:00")


def test_claims_are_named_by_id_everywhere(data):
    facts = claim_facts(data.articles[0])
    ids = [f.claim.id for f in facts]
    assert [f.order for f in facts] == list(range(1, len(facts) + 1))
    assert ids != list(range(1, len(facts) + 1))  # the rejected claim leaves a gap in the ids
    html = render_html(data)
    for cid in ids:
        assert f'<a name="claim-{cid}"></a><b>#{cid}</b>' in html
        assert f'<a href="#claim-{cid}">#{cid}</a></sup>' in html
    # no bare ordinal references ("claim 3") are left
    assert not re.search(r"(?<!No )claim \d", html)
    text = render_markdown(data)
    assert all(f"### #{cid} — " in text and f"[#{cid}]" in text for cid in ids)
    assert not re.search(r"claim \d", text)
    rows = read_csv(render_csv(data))
    assert [int(r["claim_id"]) for r in rows] == ids and [int(r["order"]) for r in rows] == [
        f.order for f in facts
    ]
    claims = read_json(render_json(data))["articles"][0]["claims"]
    assert [(c["id"], c["order"]) for c in claims] == [(f.claim.id, f.order) for f in facts]


def test_highlights_are_the_apps_source_kind_colours(data):
    palette = (ROOT / "ui" / "app" / "palette.py").read_text(encoding="utf-8")
    for kind, (r, g, b) in KIND_HUES.items():
        assert f"SourceKind.{kind.upper()}.value: QColor({r}, {g}, {b})" in palette
    html = render_html(data)
    facts = claim_facts(data.articles[0])
    kinds = {f.kind.value for f in facts}
    assert "anonymous" in kinds and "named" in kinds
    legend = html[html.index('class="legend"') :][:1500]
    assert all(KIND_HIGHLIGHT[k] in legend for k in KIND_HUES)
    assert "kind of source" in legend and "status" not in legend.split(":")[0]
    text_part = html[html.index('class="article-text"') : html.index("<h2>Claims</h2>")]
    used = set(re.findall(r"background-color:(#[0-9a-f]{6})", text_part))
    assert used <= set(KIND_HIGHLIGHT.values()) | set(KIND_HIGHLIGHT_STRONG.values())
    assert {KIND_HIGHLIGHT["anonymous"], KIND_HIGHLIGHT["named"]} <= used


def test_claims_table_puts_matches_under_the_row_elided(data):
    html = render_html(data, flavour="qt")
    assert '<td colspan="3">' in html and "Matches" not in html.split("<h2>Claims</h2>")[1].split("</tr>")[0]
    assert "<b>Match</b>" in html and "<b>Evidence:</b>" in html
    long = "word " * 80
    assert len(elide(long)) <= 140 and elide(long).endswith("…")
    assert elide("short text") == "short text"


def test_sign_off_says_what_needed_attention(data, seed_ws):
    report = data.articles[0]
    text = sign_off_text(report, 3)
    assert text.startswith("Signed off by desk on ") and "with 3 of " in text and "needing attention" in text
    seed_ws.claims.update(report.claims[0].id, summary="changed after the sign-off")
    later = load_report_data(seed_ws, 1).articles[0]
    # the sign-off and the change may fall in the same second: move the sign-off back
    from dataclasses import replace

    later = replace(later, sign_off=replace(later.sign_off, at="2000-01-01T00:00:00+00:00"))
    text = sign_off_text(later, 3)
    assert "changes to claims since then, now 3 of " in text
    assert (
        sign_off_text(replace(later, sign_off=replace(later.sign_off, editor="")), 0)
        == "Not signed off by the desk; no claim needs attention."
    )


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("near-daily attacks (AFP)", "near-daily attacks (AFP)"),
        ("snake_case and 3,000 troops.", "snake_case and 3,000 troops."),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("> not a quote", "\\> not a quote"),
        ("*x* and _y_ and `z`", "\\*x\\* and \\_y\\_ and \\`z\\`"),
        ("[a](javascript:x)", "\\[a\\](javascript:x)"),
        ("<script>x</script> & &amp;", "&lt;script>x&lt;/script> & &amp;amp;"),
        ("~~gone~~", "\\~~gone\\~~"),
    ],
)
def test_markdown_escapes_only_what_needs_it(raw, escaped):
    assert md(raw) == escaped


def test_markdown_keeps_deliberate_formatting(data):
    text = render_markdown(data)
    assert "**too vague**" in text and "\\*\\*" not in text
    assert "\\-" not in text.replace("\\---", "") and "\\(" not in text
