"""The verification report as one self-contained HTML file (and the variant QTextDocument prints).

Safety: every piece of article, claim, note and match text goes through `html.escape`; links
are written only for http(s) addresses; the page has no scripts and loads nothing (a strict
Content-Security-Policy says so to the browser too). The chart is inline SVG.

`render_html(data)` is the browser file; `render_html(data, flavour="qt", chart_src=...)` is the
same report in the HTML subset Qt's rich text understands (no SVG, no <details>), which
`ui/export/pdf.py` lays out page by page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from html import escape
from itertools import islice

from workbench.extraction.source_kinds import article_outlet
from workbench.model import Note
from workbench.reports.chart import render_svg, sourcing_chart
from workbench.reports.data import ArticleReport, AuditRecord, ReportData, StoredMatch
from workbench.reports.facts import (
    MATCHES_SHOWN,
    ClaimFacts,
    claim_facts,
    elide,
    match_tag,
    quoted,
    segments,
    sign_off_text,
)
from workbench.reports.history import describe
from workbench.reports.sourcing import (
    KIND_COLORS,
    KIND_LABELS,
    KIND_ORDER,
    STATUS_COLORS,
    SourcingSummary,
    percent,
    split_attention,
    summarise,
)
from workbench.reports.style import BROWSER_CSS, KIND_HIGHLIGHT, KIND_HIGHLIGHT_STRONG, QT_CSS

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def e(value: object) -> str:
    """Escape text for HTML element content and attribute values."""
    return escape("" if value is None else str(value), quote=True)


def safe_link(url: str, text: str | None = None) -> str:
    """A link only for http(s) URLs; anything else (javascript:, data:, file:) stays plain text."""
    label = e(text if text is not None else url)
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{e(url)}" rel="noopener noreferrer nofollow">{label}</a>'
    return label


NEW_PAGE = ' style="page-break-before: always"'  # Qt and browsers both honour it


def render_html(
    data: ReportData,
    *,
    flavour: str = "browser",
    chart_src: Callable[[int], tuple[str, int, int]] | None = None,
) -> str:
    """The report as an HTML document.

    Args:
        data: the report bundle.
        flavour: "browser" (inline SVG chart, collapsible history) or "qt" (Qt rich-text subset).
        chart_src: for "qt": article id -> (resource name, width, height) of its chart image.
    """
    qt = flavour == "qt"
    body = [_cover(data)]
    if len(data.articles) > 1:
        body.append(_contents(data))
    for report in data.articles:
        body.append(_article_section(report, qt=qt, chart_src=chart_src, several=len(data.articles) > 1))
    body.append(_colophon(data))
    if qt:
        # Qt drops a heading's top margin after a table: a small spacer paragraph keeps them apart.
        # An article ending on a table is followed by one too: without it, a next article whose title
        # breaks to a new page right after the table's last row can be laid out undrawn.
        body = [
            part.replace("</table><h", '</table><p class="gap">&nbsp;</p><h').replace(
                "</table></div>", '</table><p class="gap">&nbsp;</p></div>'
            )
            for part in body
        ]
    head = (
        '<meta charset="utf-8">'
        + ("" if qt else f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">')
        + '<meta name="referrer" content="no-referrer">'
        + '<meta name="viewport" content="width=device-width, initial-scale=1">'
        + f"<title>{e(data.title)}</title>"
        + f"<style>{QT_CSS if qt else BROWSER_CSS}</style>"
    )
    return f'<!DOCTYPE html>\n<html lang="en"><head>{head}</head><body>{"".join(body)}</body></html>\n'


def _cover(data: ReportData) -> str:
    org = f" · {e(data.organisation)}" if data.organisation else ""
    return f'<p class="kicker">Verification report{org}</p>'


def _contents(data: ReportData) -> str:
    items = "".join(
        f'<li><a href="#article-{r.article.id}">{e(r.article.title or f"Article {r.article.id}")}</a>'
        f" — {len(r.claims)} claims</li>"
        for r in data.articles
    )
    return f"<h2>Contents</h2><ol>{items}</ol>"


def _colophon(data: ReportData) -> str:
    bits = [f"Generated {e(data.generated_at)}"]
    if data.generated_by:
        bits.append(f"by {e(data.generated_by)}")
    if data.organisation:
        bits.append(
            f"for {safe_link(data.organisation_url, data.organisation) if data.organisation_url else e(data.organisation)}"
        )
    if data.workspace:
        bits.append(f"from workspace {e(data.workspace)}")
    return f'<hr><p class="colophon">{" ".join(bits)} · claim-workbench</p>'


def _article_section(
    report: ArticleReport,
    *,
    qt: bool,
    chart_src: Callable[[int], tuple[str, int, int]] | None,
    several: bool,
) -> str:
    a = report.article
    facts = claim_facts(report)
    summary = summarise(report)
    meta = " · ".join(e(x) for x in (a.date, a.dateline, article_outlet(a)) if x)
    url = f'<p class="meta">{safe_link(a.url)}</p>' if a.url else ""
    parts = [
        f'<div class="article" id="article-{a.id}">',
        # several articles: each starts on a new page (PDF, and when printed from a browser)
        f"<h1{NEW_PAGE if several else ''}>{e(a.title or f'Article {a.id}')}</h1>",
        f'<p class="meta">{meta}{" · " if meta else ""}article {a.id}</p>{url}',
        _sign_off(report, summary),
        _figures(summary),
        "<h2>Sourcing</h2>",
        _chart(summary, report, qt=qt, chart_src=chart_src),
        _attention(summary, facts),
        _anonymous(summary, facts),
        _ranked(summary),
        "<h2>The article, claims highlighted</h2>",
        _legend(),
        _article_text(report, facts),
        "<h2>Claims</h2>",
        _claims_table(facts, report, qt=qt),
        _history(report, facts, qt=qt),
        "</div>",
    ]
    if several and not qt:
        parts.insert(1, '<p class="back"><a href="#">Back to contents</a></p>')
    return "".join(parts)


def _sign_off(report: ArticleReport, summary: SourcingSummary) -> str:
    text = sign_off_text(report, len(summary.flagged))
    if report.sign_off.signed:
        clean = not summary.flagged
        return f'<p class="signoff {"signed" if clean else "unsigned"}">{e(text)}</p>'
    return f'<p class="signoff unsigned">{e(text)}</p>'


def _figures(s: SourcingSummary) -> str:
    cells = [
        (str(s.claims), "claims"),
        (percent(s.anonymous_claim_share), "of claims rest on anonymous sources"),
        (percent(s.anonymous_text_share), "of the article text is anonymously sourced"),
        (str(len(s.single_sourced)), "single-sourced"),
        (str(len(s.uncorroborated)), "without corroboration"),
        (str(len(s.in_conflict)), "in conflict"),
        (str(len(s.flagged)), "need attention"),
        (f"{s.approved}/{s.queried}", "approved / queried"),
    ]
    tds = "".join(f'<td class="fig"><span class="big">{e(v)}</span><br>{e(label)}</td>' for v, label in cells)
    return f'<table class="figures" width="100%" cellspacing="0" cellpadding="6"><tr>{tds}</tr></table>'


def _chart(
    s: SourcingSummary,
    report: ArticleReport,
    *,
    qt: bool,
    chart_src: Callable[[int], tuple[str, int, int]] | None,
) -> str:
    if qt:
        if chart_src is None:
            return ""
        src, width, height = chart_src(report.article.id)
        return f'<p><img src="{e(src)}" width="{width}" height="{height}"></p>'
    return f'<div class="chart-box">{render_svg(sourcing_chart(s))}</div>'


def _claim_ref(f: ClaimFacts) -> str:
    return f'<a href="#claim-{f.claim.id}">claim {f.label}</a>'


def _attention(s: SourcingSummary, facts: list[ClaimFacts]) -> str:
    if not s.attention:
        return "<h3>Needs attention</h3><p>No claim needs attention.</p>"
    by_id = {f.claim.id: f for f in facts}
    serious, only_open = split_attention(s.attention)
    rows = "".join(
        f"<tr><td>{_claim_ref(by_id[cid])}</td><td>{e(by_id[cid].claim.summary)}</td>"
        f'<td class="reasons">{e("; ".join(reasons))}</td></tr>'
        for cid, reasons in serious
        if cid in by_id
    )
    table = (
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4"><thead><tr><th>Claim</th><th>Summary</th>'
        f"<th>Why</th></tr></thead>{rows}</table>"
        if rows
        else ""
    )
    rest = ""
    if only_open:
        refs = ", ".join(_claim_ref(by_id[cid]) for cid in only_open if cid in by_id)
        rest = f'<p class="small">Not yet verified, nothing else to flag ({len(only_open)}): {refs}.</p>'
    return f"<h3>Needs attention ({len(s.flagged)})</h3>{table}{rest}"


def _anonymous(s: SourcingSummary, facts: list[ClaimFacts]) -> str:
    if not s.anonymous_sources:
        return "<h3>Anonymous sources</h3><p>No claim rests on an anonymous source.</p>"
    by_id = {f.claim.id: f for f in facts}
    rows = []
    for src in s.anonymous_sources:
        phrases = "; ".join(quoted(p) for p in src.phrases) or "—"
        flag = (
            '<span class="flag">too vague</span> ' if src.check.vague else '<span class="ok">specific</span> '
        )
        claims = ", ".join(_claim_ref(by_id[c]) for c in src.claim_ids if c in by_id)
        rows.append(
            f"<tr><td><b>{e(src.name)}</b>{_description(src.name, src.description)}</td>"
            f"<td>{e(phrases)}</td><td>{claims}</td>"
            f"<td>{flag}{e('; '.join(src.check.issues))}</td></tr>"
        )
    return (
        f"<h3>Anonymous sources ({len(s.anonymous_sources)})</h3>"
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4"><thead><tr><th>Source</th><th>As the article describes it</th>'
        f"<th>Claims</th><th>Is the description enough?</th></tr></thead>{''.join(rows)}</table>"
    )


def _description(name: str, description: str) -> str:
    if not description or description.casefold() == name.casefold():
        return ""
    return f"<br><span class='small'>{e(description)}</span>"


def _ranked(s: SourcingSummary) -> str:
    if not s.sources:
        return ""
    rows = "".join(
        f"<tr><td>{e(r.name)}</td><td>{_kind_chip(r.kind)}</td><td class='num'>{r.claims}</td>"
        f"<td>{e(r.description if r.description != r.name else '')}</td></tr>"
        for r in s.sources
    )
    return (
        "<h3>Sources by claims carried</h3>"
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4"><thead><tr><th>Source</th><th>Kind</th>'
        f"<th>Claims</th><th>Description</th></tr></thead>{rows}</table>"
    )


def _kind_chip(kind) -> str:
    return f'<span style="color:{KIND_COLORS[kind]}"><b>■</b></span> {e(KIND_LABELS[kind])}'


def _legend() -> str:
    chips = " ".join(
        f'<span class="hl" style="background-color:{KIND_HIGHLIGHT[kind.value]}">&nbsp;{e(KIND_LABELS[kind])}&nbsp;</span>'
        for kind in KIND_ORDER
    )
    return (
        f'<p class="legend">Highlight colour = kind of source, as in the app: {chips}. '
        'Source phrases (who said it) are <u class="src">underlined</u>. '
        "The claim number (#) after a claim refers to the claims table; its status is shown there.</p>"
    )


def _article_text(report: ArticleReport, facts: list[ClaimFacts]) -> str:
    text = report.article.text
    by_id = {f.claim.id: f for f in facts}
    phrases = _source_spans(text, facts)
    out = []
    for seg in segments(text, [f.claim for f in facts]):
        chunk = _underlined(text, seg.start, seg.end, phrases)
        if not seg.claims:
            out.append(chunk)
            continue
        inner = by_id[seg.claims[-1]]
        # Where claims overlap the colour is stronger, as the app shows its current claim.
        palette = KIND_HIGHLIGHT_STRONG if len(seg.claims) > 1 else KIND_HIGHLIGHT
        color = palette[inner.kind.value]
        labels = ", ".join(by_id[c].label for c in seg.claims)
        kinds = ", ".join(dict.fromkeys(KIND_LABELS[by_id[c].kind].lower() for c in seg.claims))
        out.append(
            f'<span class="hl" style="background-color:{color}" title="claim {labels} ({e(kinds)})">{chunk}</span>'
        )
        ending = [by_id[c] for c in seg.claims if by_id[c].claim.end == seg.end]
        for f in ending:
            out.append(f'<sup><a href="#claim-{f.claim.id}">{f.label}</a></sup>')
    return f'<div class="article-text">{"".join(out)}</div>'


def _source_spans(text: str, facts: list[ClaimFacts]) -> list[tuple[int, int]]:
    """The source phrases of the claims ("a top Iraqi official"), merged where they overlap."""
    spans = sorted(
        (max(0, c.source_start), min(len(text), c.source_end))
        for c in (f.claim for f in facts)
        if c.source_start is not None and c.source_end is not None and c.source_start < c.source_end
    )
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        elif a < b:
            merged.append((a, b))
    return merged


def _underlined(text: str, start: int, end: int, phrases: list[tuple[int, int]]) -> str:
    """text[start:end] as HTML, with the parts inside a source phrase underlined (as in the app).

    `phrases` are sorted and do not overlap (`_source_spans`): only those reaching into the piece
    are visited (all of them, for every piece of the text, was quadratic: 39 s for the HTML report
    of a 1 MB article with 1,500 proposals)."""
    out, pos = [], start
    first = bisect_right(phrases, start, key=lambda p: p[1])  # the first phrase ending after start
    for a, b in islice(phrases, first, None):
        if a >= end:
            break
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        out.append(e(text[pos:a]))
        out.append(f'<u class="src">{e(text[a:b])}</u>')
        pos = b
    out.append(e(text[pos:end]))
    return "".join(out).replace("\n", "<br>")


def _detail(f: ClaimFacts) -> str:
    """What sits under a claim's row, across the full width: why it needs attention, notes,
    evidence and matches, one short paragraph each (print-friendly: no narrow columns)."""
    parts = []
    # "unverified" alone is what the status badge already says.
    reasons = [r for r in f.attention if r != "unverified"]
    if reasons:
        parts.append(
            f'<p class="detail"><b>Needs attention:</b> <span class="reasons">{e("; ".join(reasons))}</span></p>'
        )
    for n in f.comments:
        parts.append(f'<p class="detail"><b>Note</b> ({e(n.author)}): {e(n.body)}</p>')
    for n in f.evidence:
        parts.append(_evidence(n))
    parts += _matches(f.matches)
    return "".join(parts)


def _evidence(n: Note) -> str:
    quote = f"<q>{e(elide(n.quote))}</q> " if n.quote else ""
    link = safe_link(n.url) if n.url else ""
    body = f" {e(n.body)}" if n.body else ""
    return f'<p class="detail evidence"><b>Evidence:</b> {quote}{link}{body}</p>'


def _matches(matches: tuple[StoredMatch, ...], limit: int = MATCHES_SHOWN) -> list[str]:
    if not matches:
        return []
    parts = []
    for m in matches[:limit]:
        tag = match_tag(m)
        cls = "flag" if m.conflicting else "ok"
        where = ", ".join(e(x) for x in (m.publisher, m.article_date) if x)
        title = safe_link(m.article_url, m.article_title) if m.article_url else e(m.article_title)
        source = " · ".join(x for x in (title, where) if x)
        parts.append(
            f'<p class="detail match"><b>Match</b> <span class="{cls}">{e(tag)}</span>'
            f"{' — ' + source if source else ''}: <q>{e(elide(m.text))}</q></p>"
        )
    if len(matches) > limit:
        parts.append(
            f'<p class="detail small">and {len(matches) - limit} more matches (in the JSON and CSV exports)</p>'
        )
    return parts


def _claims_table(facts: list[ClaimFacts], report: ArticleReport, *, qt: bool) -> str:
    if not facts:
        return "<p>No claims recorded for this article.</p>"
    rows = []
    for f in facts:
        c = f.claim
        review = ""
        if c.review.value:
            review = f'<br><span class="{"ok" if c.review.value == "approved" else "flag"}">{e(c.review.value)}</span>'
            review += f" by {e(c.reviewer)}" if c.reviewer else ""
            review += f": {e(c.review_comment)}" if c.review_comment else ""
        cue = f" · cue “{e(c.cue)}”" if c.cue else ""
        desc = (
            f'<br><span class="small">{e(f.source_description)}</span>'
            if f.source_description and f.source_description != c.source_name
            else ""
        )
        support = (
            f'<br><span class="small">{f.corroborations} corroborating · {f.conflicts} conflicting</span>'
        )
        origin = f" ({e(c.origin.value)})" if c.origin.value != "manual" else ""
        detail = _detail(f)
        # Without a detail row the claim row carries the bottom rule itself.
        last = "" if detail else ' class="last"'
        rows.append(
            f'<tr id="claim-{c.id}"{last}><td class="num"><a name="claim-{c.id}"></a><b>{f.label}</b></td>'
            f"<td><b>{e(c.summary)}</b><br><span class='quote'>{e(quoted(c.text))}</span>"
            f'<br><span class="small">{e(c.kind.value)}{origin}</span></td>'
            f"<td>{_kind_chip(f.kind)}<br>{e(f.source_label)}{desc}"
            f'<span class="small">{cue}{" · single-sourced" if f.single_sourced else ""}</span></td>'
            f'<td><span class="hl" style="background-color:{STATUS_COLORS[c.status]}">&nbsp;{e(c.status.label)}&nbsp;</span>'
            f"{review}{support}</td></tr>"
        )
        if detail:
            rows.append(f'<tr class="sub last"><td></td><td colspan="3">{detail}</td></tr>')
    head = (
        '<thead><tr><th width="7%">#</th><th width="45%">Claim</th><th width="27%">Source</th>'
        '<th width="21%">Status &amp; review</th></tr></thead>'
    )
    return f'<table class="grid claims" width="100%" cellspacing="0" cellpadding="4">{head}{"".join(rows)}</table>'


def _audit_rows(entries: tuple[AuditRecord, ...] | list[AuditRecord], *, qt: bool) -> str:
    rows = []
    for x in entries:
        claim = f"claim #{x.claim_id}" if x.claim_id else "article"
        # On paper one line per change: the minute and a shortened change (the audit export has all).
        when = x.when[:16] if qt else x.when[:19]
        what = elide(describe(x), 80) if qt else describe(x)
        rows.append(
            f'<tr><td style="white-space:nowrap">{e(when.replace("T", " "))}</td><td>{e(x.who)}</td>'
            f'<td style="white-space:nowrap">{e(claim)}</td><td>{e(what)}</td></tr>'
        )
    return "".join(rows)


def _history(report: ArticleReport, facts: list[ClaimFacts], *, qt: bool) -> str:
    if not report.audit:
        return ""
    entries = report.audit
    table = (
        '<table class="grid audit" width="100%" cellspacing="0" cellpadding="3"><thead><tr><th width="16%">When (UTC)</th>'
        '<th width="8%">Who</th><th width="10%">What</th><th width="66%">Change</th></tr></thead>'
        f"{_audit_rows(entries, qt=qt)}</table>"
    )
    title = f"History ({len(entries)} changes)"
    if qt:
        return f"<h2>{title}</h2>{table}"
    return f"<h2>History</h2><details><summary>{title}</summary>{table}</details>"
