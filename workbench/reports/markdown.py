"""The verification report as Markdown (for a CMS, a wiki or a chat handover).

Article text is escaped for Markdown and HTML: a renderer shows it as text, never as markup.
Claims are marked in the text as **bold** with their number in brackets.
"""

from __future__ import annotations

import re

from workbench.reports.data import ArticleReport, ReportData
from workbench.reports.facts import ClaimFacts, claim_facts, segments
from workbench.reports.sourcing import KIND_LABELS, SourcingSummary, percent, split_attention, summarise

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md(text: str) -> str:
    """Escape text so Markdown shows it literally (and raw HTML cannot get through)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def cell(text: str) -> str:
    """Text for a table cell: escaped, on one line."""
    return md(" ".join(str(text).split()))


def render_markdown(data: ReportData) -> str:
    out = []
    for report in data.articles:
        out.append(_article(report))
    colophon = f"_Generated {md(data.generated_at)}"
    if data.generated_by:
        colophon += f" by {md(data.generated_by)}"
    if data.organisation:
        colophon += f" for {md(data.organisation)}"
    out.append(colophon + " with claim-workbench._\n")
    return "\n\n---\n\n".join(out)


def _article(report: ArticleReport) -> str:
    a = report.article
    facts = claim_facts(report)
    s = summarise(report)
    lines = [f"# {md(a.title or f'Article {a.id}')}", ""]
    meta = " · ".join(md(x) for x in (a.date, a.dateline, a.agency or a.publisher, a.url) if x)
    if meta:
        lines += [meta, ""]
    so = report.sign_off
    lines += [
        (
            f"**Signed off** by {md(so.editor)} on {md(so.at[:16].replace('T', ' '))}"
            + (f": {md(so.comment)}" if so.comment else "")
            if so.signed
            else "**Not signed off** by the desk."
        ),
        "",
    ]
    lines += _summary(s, facts)
    lines += ["## The article", "", _text(report, facts), ""]
    lines += ["## Claims", ""]
    for f in facts:
        lines += _claim(f)
    return "\n".join(lines)


def _summary(s: SourcingSummary, facts: list[ClaimFacts]) -> list[str]:
    by_id = {f.claim.id: f for f in facts}
    lines = [
        "## Sourcing",
        "",
        "| Figure | Value |",
        "|---|---:|",
        f"| Claims | {s.claims} |",
        f"| Claims resting on anonymous sources | {s.anonymous_claims} ({percent(s.anonymous_claim_share)}) |",
        f"| Article text resting on anonymous sources | {percent(s.anonymous_text_share)} |",
        f"| Single-sourced claims | {len(s.single_sourced)} |",
        f"| Claims without corroboration | {len(s.uncorroborated)} |",
        f"| Claims in conflict | {len(s.in_conflict)} |",
        f"| Approved / queried by the desk | {s.approved} / {s.queried} |",
        "",
        "| Kind of source | Claims |",
        "|---|---:|",
        *(f"| {KIND_LABELS[k]} | {n} |" for k, n in s.by_kind),
        "",
    ]
    if s.attention:
        lines += [f"### Needs attention ({len(s.attention)})", ""]
        serious, only_open = split_attention(s.attention)
        lines += [
            f"- claim {by_id[cid].number}, {cell(by_id[cid].claim.summary)}: {md('; '.join(r))}"
            for cid, r in serious
            if cid in by_id
        ]
        if only_open:
            numbers = ", ".join(str(by_id[c].number) for c in only_open if c in by_id)
            lines.append(f"- not yet verified, nothing else to flag: claims {numbers}")
        lines.append("")
    if s.anonymous_sources:
        lines += [
            "### Anonymous sources",
            "",
            "| Source | Phrases | Claims | Description |",
            "|---|---|---:|---|",
        ]
        for src in s.anonymous_sources:
            verdict = ("**too vague**: " if src.check.vague else "specific; ") + "; ".join(src.check.issues)
            lines.append(
                f"| {cell(src.name)} | {cell('; '.join(src.phrases))} | {src.claims} | {cell(verdict)} |"
            )
        lines.append("")
    if s.sources:
        lines += ["### Sources by claims carried", "", "| Source | Kind | Claims |", "|---|---|---:|"]
        lines += [f"| {cell(r.name)} | {KIND_LABELS[r.kind]} | {r.claims} |" for r in s.sources]
        lines.append("")
    return lines


def _text(report: ArticleReport, facts: list[ClaimFacts]) -> str:
    text = report.article.text
    by_id = {f.claim.id: f for f in facts}
    out = []
    for seg in segments(text, [f.claim for f in facts]):
        chunk = text[seg.start : seg.end]
        if not seg.claims:
            out.append(md(chunk))
            continue
        # Bold each line separately: Markdown emphasis cannot cross a paragraph break.
        out.append("\n".join(f"**{md(line)}**" if line.strip() else line for line in chunk.split("\n")))
        out += [f" \\[{by_id[c].number}\\]" for c in seg.claims if by_id[c].claim.end == seg.end]
    return "".join(out)


def _claim(f: ClaimFacts) -> list[str]:
    c = f.claim
    lines = [
        f"### {f.number}. {md(c.summary)}",
        "",
        f"> {md(c.text)}",
        "",
        f"- **Status:** {c.status.label}" + (f" ({c.origin.value})" if c.origin.value != "manual" else ""),
        f"- **Attribution:** {md(f.source_label)}" + (f", cue “{md(c.cue)}”" if c.cue else ""),
        f"- **Support:** {f.corroborations} corroborating, {f.conflicts} conflicting"
        + (", single-sourced" if f.single_sourced else ""),
    ]
    if c.review.value:
        lines.append(
            f"- **Desk:** {c.review.value}"
            + (f" by {md(c.reviewer)}" if c.reviewer else "")
            + (f": {md(c.review_comment)}" if c.review_comment else "")
        )
    if f.attention:
        lines.append(f"- **Needs attention:** {md('; '.join(f.attention))}")
    for n in f.comments:
        lines.append(f"- **Note** ({md(n.author)}): {md(n.body)}")
    for n in f.evidence:
        quote = f"“{md(n.quote)}” " if n.quote else ""
        lines.append(f"- **Evidence:** {quote}{md(n.url)} {md(n.body)}".rstrip())
    for m in f.matches:
        tag = "conflicts" if m.conflicting else (m.link.value if m.link else "similar")
        lines.append(
            f"- **Match** ({tag}): {md(m.article_title)}, {md(m.publisher)} {md(m.article_date)}: “{md(m.text)}”"
        )
    lines.append("")
    return lines
