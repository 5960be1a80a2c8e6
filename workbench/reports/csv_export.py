"""The CSV export: one row per claim with every field, and the audit log as CSV.

Lists (numbers, notes, evidence, matches) are JSON inside their cell, so nothing is lost and a
spreadsheet still shows them. Every text cell goes through `guard_cell`, which follows OWASP's
CSV injection rule: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading apostrophe (so does one starting with an apostrophe, so the guard reads back exactly);
`read_csv` removes it. A spreadsheet shows `-5` guarded as `'-5`, text rather than a number:
"-2+3+cmd|..." also starts with a minus and a digit, so no exception is safe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from workbench.reports.data import AuditRecord, ReportData
from workbench.reports.facts import ClaimFacts, claim_facts

CLAIM_COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "article_url",
    "article_date",
    "article_agency",
    "claim_id",
    "order",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "summary",
    "kind",
    "status",
    "origin",
    "orphan",
    "numbers",
    "attribution_kind",
    "source_id",
    "source_name",
    "source_kind",
    "source_description",
    "source_phrase",
    "source_start",
    "source_end",
    "cue",
    "via",
    "single_sourced",
    "corroborations",
    "conflicts",
    "needs_attention",
    "reviewer",
    "review",
    "review_comment",
    "notes",
    "evidence",
    "matches",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "signed_off_by",
    "signed_off_at",
)
AUDIT_COLUMNS: tuple[str, ...] = (
    "id",
    "at",
    "user",
    "action",
    "entity",
    "entity_id",
    "article_id",
    "claim_id",
    "field",
    "old",
    "new",
)
# OWASP, "CSV Injection": cells starting with these are run as formulas by spreadsheets.
FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"
_JSON_COLUMNS = {"numbers", "notes", "evidence", "matches"}


def guard_cell(value: Any) -> Any:
    """A cell no spreadsheet runs as a formula: text starting with a formula character (or with
    our own apostrophe) gets a leading apostrophe; other values are returned as they are."""
    if isinstance(value, str) and value.startswith((*FORMULA_START, _GUARD)):
        return _GUARD + value
    return value


def unguard_cell(value: str) -> str:
    """The value `guard_cell` was given."""
    if value.startswith(_GUARD) and value[1:].startswith((*FORMULA_START, _GUARD)):
        return value[1:]
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return guard_cell(value)


def claim_row(facts: ClaimFacts, report_article: Any, sign_off: Any) -> dict[str, Any]:
    c = facts.claim
    return {
        "article_id": report_article.id,
        "article_title": report_article.title,
        "article_url": report_article.url,
        "article_date": report_article.date,
        "article_agency": report_article.agency or report_article.publisher,
        "claim_id": c.id,
        "order": facts.order,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "prefix": c.prefix,
        "suffix": c.suffix,
        "summary": c.summary,
        "kind": c.kind.value,
        "status": c.status.value,
        "origin": c.origin.value,
        "orphan": c.orphan,
        "numbers": json.dumps([asdict(n) for n in c.numbers], ensure_ascii=False),
        "attribution_kind": facts.kind.value,
        "source_id": c.source_id,
        "source_name": c.source_name,
        "source_kind": c.source_kind.value if c.source_kind else "",
        "source_description": facts.source_description,
        "source_phrase": c.source_phrase,
        "source_start": c.source_start,
        "source_end": c.source_end,
        "cue": c.cue,
        "via": c.via,
        "single_sourced": facts.single_sourced,
        "corroborations": facts.corroborations,
        "conflicts": facts.conflicts,
        "needs_attention": "; ".join(facts.attention),
        "reviewer": c.reviewer,
        "review": c.review.value,
        "review_comment": c.review_comment,
        "notes": json.dumps(
            [{"body": n.body, "author": n.author, "created_at": n.created_at} for n in facts.comments],
            ensure_ascii=False,
        ),
        "evidence": json.dumps(
            [
                {
                    "url": n.url,
                    "quote": n.quote,
                    "body": n.body,
                    "author": n.author,
                    "created_at": n.created_at,
                }
                for n in facts.evidence
            ],
            ensure_ascii=False,
        ),
        "matches": json.dumps(
            [
                {
                    "article_id": m.article_id,
                    "title": m.article_title,
                    "publisher": m.publisher,
                    "date": m.article_date,
                    "url": m.article_url,
                    "text": m.text,
                    "score": round(m.score, 4),
                    "relation": m.relation.value,
                    "link": m.link.value if m.link else "",
                }
                for m in facts.matches
            ],
            ensure_ascii=False,
        ),
        "created_by": c.created_by,
        "created_at": c.created_at,
        "updated_by": c.updated_by,
        "updated_at": c.updated_at,
        "signed_off_by": sign_off.editor,
        "signed_off_at": sign_off.at,
    }


def render_csv(data: ReportData) -> str:
    """One row per claim of every article in the report, with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for report in data.articles:
        for facts in claim_facts(report):
            row = claim_row(facts, report.article, report.sign_off)
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def render_audit_csv(entries: Iterable[AuditRecord]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AUDIT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for e in entries:
        writer.writerow({k: _cell(getattr(e, k)) for k in AUDIT_COLUMNS})
    return out.getvalue()


def read_csv(source: str | Path) -> list[dict[str, Any]]:
    """Read a claims or audit CSV back: formula guards removed, JSON cells parsed."""
    text = Path(source).read_text(encoding="utf-8-sig") if isinstance(source, Path) else source
    rows = []
    for raw in csv.DictReader(io.StringIO(text, newline="")):
        row: dict[str, Any] = {}
        for key, value in raw.items():
            value = unguard_cell(value or "")
            row[key] = json.loads(value) if key in _JSON_COLUMNS and value else value
        rows.append(row)
    return rows
