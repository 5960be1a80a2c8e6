"""The JSON export: everything the workspace knows about the reported articles.

The schema is documented field by field in docs/export-json.md (a test checks every key
written here appears there). `FORMAT` and `VERSION` name it; `read_json` reads it back.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from workbench.model import Claim, Note, Source
from workbench.reports.data import ArticleReport, AuditRecord, ReportData, StoredMatch
from workbench.reports.facts import ClaimFacts, claim_facts
from workbench.reports.sourcing import SourcingSummary, summarise

FORMAT = "claim-workbench-report"
VERSION = 1


def report_to_json(data: ReportData) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": data.generated_at,
        "generated_by": data.generated_by,
        "organisation": data.organisation,
        "organisation_url": data.organisation_url,
        "workspace": data.workspace,
        "articles": [article_to_json(a) for a in data.articles],
    }


def render_json(data: ReportData) -> str:
    return json.dumps(report_to_json(data), ensure_ascii=False, indent=2) + "\n"


def read_json(source: str | Path) -> dict[str, Any]:
    """Read an export back (a path or the JSON text); checks it is this format."""
    text = Path(source).read_text(encoding="utf-8") if isinstance(source, Path) else source
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a claim-workbench JSON report")
    if data.get("version", 0) > VERSION:
        raise ValueError(f"report version {data['version']} is newer than this workbench reads ({VERSION})")
    return data


def article_to_json(report: ArticleReport) -> dict[str, Any]:
    a = report.article
    return {
        "article": {
            "id": a.id,
            "title": a.title,
            "url": a.url,
            "date": a.date,
            "dateline": a.dateline,
            "agency": a.agency,
            "publisher": a.publisher,
            "kind": a.kind.value,
            "verdict": a.verdict,
            "external_id": a.external_id,
            "text_hash": a.text_hash,
            "origin_path": a.origin_path,
            "imported_at": a.imported_at,
            "version_of": a.version_of,
            "wire_group": a.wire_group,
            "text": a.text,
        },
        "sign_off": {
            "signed": report.sign_off.signed,
            "editor": report.sign_off.editor,
            "at": report.sign_off.at,
            "comment": report.sign_off.comment,
        },
        "sourcing": sourcing_to_json(summarise(report)),
        "sources": [source_to_json(s) for s in report.sources],
        "claims": [claim_to_json(f) for f in claim_facts(report)],
        "audit": [audit_to_json(e) for e in report.audit],
    }


def sourcing_to_json(s: SourcingSummary) -> dict[str, Any]:
    return {
        "claims": s.claims,
        "by_kind": {k.value: n for k, n in s.by_kind},
        "by_status": {k.value: n for k, n in s.by_status},
        "text_length": s.text_length,
        "text_by_kind": {(k.value if k else "none"): n for k, n in s.text_by_kind},
        "anonymous_claims": s.anonymous_claims,
        "anonymous_claim_share": round(s.anonymous_claim_share, 4),
        "anonymous_text_share": round(s.anonymous_text_share, 4),
        "single_sourced": list(s.single_sourced),
        "uncorroborated": list(s.uncorroborated),
        "in_conflict": list(s.in_conflict),
        "approved": s.approved,
        "queried": s.queried,
        "sources": [
            {
                "source_id": r.source_id,
                "name": r.name,
                "kind": r.kind.value,
                "claims": r.claims,
                "description": r.description,
                "phrases": list(r.phrases),
            }
            for r in s.sources
        ],
        "anonymous_sources": [
            {
                "source_id": a.source_id,
                "name": a.name,
                "description": a.description,
                "phrases": list(a.phrases),
                "claims": a.claims,
                "claim_ids": list(a.claim_ids),
                "vague": a.check.vague,
                "score": a.check.score,
                "issues": list(a.check.issues),
            }
            for a in s.anonymous_sources
        ],
        "needs_attention": [{"claim_id": cid, "reasons": list(reasons)} for cid, reasons in s.attention],
    }


def source_to_json(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "kind": s.kind.value,
        "description": s.description,
        "aliases": list(s.aliases),
    }


def claim_to_json(f: ClaimFacts) -> dict[str, Any]:
    c: Claim = f.claim
    has_attribution = c.source_kind is not None or bool(c.source_phrase) or c.source_id is not None
    return {
        "id": c.id,
        "order": f.order,
        "article_id": c.article_id,
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
        "worth": c.worth,
        "worth_reasons": [r.label() for r in c.worth_reasons],
        "numbers": [asdict(n) for n in c.numbers],
        "attribution": (
            {
                "source_id": c.source_id,
                "source_name": c.source_name,
                "source_kind": c.source_kind.value if c.source_kind else None,
                "source_description": f.source_description,
                "phrase": c.source_phrase,
                "source_start": c.source_start,
                "source_end": c.source_end,
                "cue": c.cue,
                "via": c.via,
            }
            if has_attribution
            else None
        ),
        "attribution_kind": f.kind.value,
        "single_sourced": f.single_sourced,
        "corroborations": f.corroborations,
        "conflicts": f.conflicts,
        "needs_attention": list(f.attention),
        "review": {"reviewer": c.reviewer, "mark": c.review.value, "comment": c.review_comment},
        "created_by": c.created_by,
        "created_at": c.created_at,
        "updated_by": c.updated_by,
        "updated_at": c.updated_at,
        "notes": [note_to_json(n) for n in f.notes],
        "matches": [match_to_json(m) for m in f.matches],
    }


def note_to_json(n: Note) -> dict[str, Any]:
    return {
        "id": n.id,
        "body": n.body,
        "url": n.url,
        "quote": n.quote,
        "evidence": n.is_evidence,
        "author": n.author,
        "created_at": n.created_at,
    }


def match_to_json(m: StoredMatch) -> dict[str, Any]:
    return {
        "id": m.id,
        "article_id": m.article_id,
        "article_title": m.article_title,
        "article_date": m.article_date,
        "article_url": m.article_url,
        "publisher": m.publisher,
        "wire_group": m.wire_group,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "score": m.score,
        "relation": m.relation.value,
        "link": m.link.value if m.link else "",
        "conflicting": m.conflicting,
        "reasons": m.reasons,
        "created_at": m.created_at,
    }


def audit_to_json(e: AuditRecord) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at,
        "user": e.user,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "article_id": e.article_id,
        "claim_id": e.claim_id,
        "field": e.field,
        "old": e.old,
        "new": e.new,
        "origin_user": e.origin_user,
        "origin_at": e.origin_at,
    }
