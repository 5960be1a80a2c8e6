"""The verification report as Markdown (for a CMS, a wiki or a chat handover).

Article text is escaped for Markdown and HTML only where a renderer would otherwise read it as
markup, so the raw file still reads like the article: `<` (raw HTML), backslashes, backticks,
brackets, `*` anywhere, `_` and `~~` where they could open or close emphasis, and block markers
at the start of a line (`#`, `>`, list bullets and numbers, `---`). Table cells also escape `|`.
Claims are marked in the text in **bold**, followed by their claim number: [#76].
"""

from __future__ import annotations

import re

from workbench.extraction.source_kinds import article_outlet
from workbench.reports.data import ArticleReport, ReportData
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
from workbench.reports.sourcing import KIND_LABELS, SourcingSummary, percent, split_attention, summarise

_ALWAYS = re.compile(r"([\\`*\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would be read as an entity: keep the ampersand
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")  # "snake_case" is safe, "_x_" is not
_TILDES = re.compile(r"~(?=~)")
_LINE_START = re.compile(r"^([ \t]*)(#|>|[-+*](?=\s|$)|=+\s*$|-+\s*$|(\d+)([.)])(?=\s|$))", re.MULTILINE)


def _line_start(m: re.Match) -> str:
    indent, marker, digits, closing = m.group(1), m.group(2), m.group(3), m.group(4)
    if digits is not None:
        return f"{indent}{digits}\\{closing}"
    return f"{indent}\\{marker}"


def md(text: str) -> str:
    """Escape text so Markdown shows it literally (and raw HTML cannot get through), and no more."""
    text = _ENTITY.sub("&amp;", str(text)).replace("<", "&lt;")
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _TILDES.sub(r"\\~", text)
    return _LINE_START.sub(_line_start, text)


def cell(text: str) -> str:
    """Text for a table cell: escaped, on one line, `|` escaped."""
    return md(" ".join(str(text).split())).replace("|", "\\|")


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
    meta = " · ".join(md(x) for x in (a.date, a.dateline, article_outlet(a), a.url) if x)
    if meta:
        lines += [meta, ""]
    state = sign_off_text(report, len(s.flagged))
    lead = "Signed off" if report.sign_off.signed else "Not signed off"
    lines += [f"**{lead}**{md(state[len(lead) :])}", ""]
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
        lines += [f"### Needs attention ({len(s.flagged)})", ""]
        serious, only_open = split_attention(s.attention)
        lines += [
            f"- claim {by_id[cid].label}, {cell(by_id[cid].claim.summary)}: {md('; '.join(r))}"
            for cid, r in serious
            if cid in by_id
        ]
        if only_open:
            numbers = ", ".join(by_id[c].label for c in only_open if c in by_id)
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
            verdict = ("**too vague**: " if src.check.vague else "specific; ") + cell(
                "; ".join(src.check.issues)
            )
            lines.append(f"| {cell(src.name)} | {cell('; '.join(src.phrases))} | {src.claims} | {verdict} |")
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
        # "[#76]" with no link definition stays text; article lines cannot define one ("[" is escaped).
        out += [f" [{by_id[c].label}]" for c in seg.claims if by_id[c].claim.end == seg.end]
    return "".join(out)


def _claim(f: ClaimFacts) -> list[str]:
    c = f.claim
    lines = [
        f"### {f.label} — {md(c.summary)}",
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
        quote = f"{md(quoted(n.quote))} " if n.quote else ""
        lines.append(f"- **Evidence:** {quote}{md(n.url)} {md(n.body)}".rstrip())
    for m in f.matches[:MATCHES_SHOWN]:
        where = ", ".join(md(x) for x in (m.article_title, m.publisher, m.article_date) if x)
        lines.append(
            f"- **Match** ({match_tag(m)}){' — ' + where if where else ''}: {md(quoted(elide(m.text)))}"
        )
    if len(f.matches) > MATCHES_SHOWN:
        lines.append(f"- and {len(f.matches) - MATCHES_SHOWN} more matches (in the JSON and CSV exports)")
    lines.append("")
    return lines
