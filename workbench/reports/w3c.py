"""W3C Web Annotation JSON-LD: one annotation per claim, and the parser that reads them back.

Each annotation targets the article (its URL, else `urn:sha256:<text hash>`) with a
TextQuoteSelector (exact, 32 characters of prefix and suffix, as Hypothesis stores) and a
TextPositionSelector (code-point start/end). Its bodies carry the summary (describing), the
status (assessing) and the attribution (classifying, with the structured attribution under
`wb:attribution`). The collection also says which article each target is (`wb:article`), so
re-import finds the stored article by URL, text hash or title.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.model import Article, Attribution, Claim, ClaimKind, Origin, SourceKind, Status
from workbench.reports.data import ReportData
from workbench.reports.facts import claim_facts, source_label
from workbench.reports.jsonld import dumps_jsonld
from workbench.text.urls import web_url

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WB_NS = "urn:claim-workbench:ns:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"wb": WB_NS}]
CONTEXT_LEN = 32


class AnnotationError(ValueError):
    """A file is not W3C annotations the workbench can read; the message says what is wrong."""


def article_target_source(article: Article) -> str:
    """The article's http(s) URL, else `urn:sha256:<text hash>` (never a javascript: or file: IRI)."""
    return web_url(article.url) or f"urn:sha256:{article.text_hash}"


def claim_annotation(claim: Claim, article: Article, *, label: str = "") -> dict[str, Any]:
    text = article.text
    exact = text[claim.start : claim.end] if claim.end <= len(text) else claim.text
    prefix = text[max(0, claim.start - CONTEXT_LEN) : claim.start] if not claim.orphan else claim.prefix
    suffix = text[claim.end : claim.end + CONTEXT_LEN] if not claim.orphan else claim.suffix
    attribution = {
        "source": claim.source_name or claim.source_phrase,
        "phrase": claim.source_phrase,
        "kind": (claim.source_kind or SourceKind.AGENCY).value,
        "sourceStart": claim.source_start,
        "sourceEnd": claim.source_end,
        "cue": claim.cue,
        "via": claim.via,
    }
    return {
        "@context": CONTEXT,
        "id": f"urn:claim-workbench:claim:{article.text_hash[:16] or article.id}:{claim.id}",
        "type": "Annotation",
        "motivation": "assessing",
        "created": claim.created_at,
        "modified": claim.updated_at,
        "creator": {"type": "Person", "name": claim.created_by} if claim.created_by else None,
        "body": [
            {"type": "TextualBody", "purpose": "describing", "value": claim.summary, "format": "text/plain"},
            {"type": "TextualBody", "purpose": "assessing", "value": claim.status.value},
            {
                "type": "TextualBody",
                "purpose": "classifying",
                "value": label or source_label(claim),
                "wb:attribution": attribution,
            },
        ],
        "target": {
            "source": article_target_source(article),
            "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            ],
        },
        "wb:kind": claim.kind.value,
        "wb:origin": claim.origin.value,
        "wb:review": {
            "reviewer": claim.reviewer,
            "mark": claim.review.value,
            "comment": claim.review_comment,
        },
    }


def _strip_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def render_w3c(data: ReportData) -> str:
    """An AnnotationCollection holding one annotation per claim of every article in the report."""
    items = []
    articles = []
    for report in data.articles:
        a = report.article
        articles.append(
            {
                "target": article_target_source(a),
                "id": a.id,
                "title": a.title,
                "url": web_url(a.url),
                "date": a.date,
                "textHash": a.text_hash,
            }
        )
        for facts in claim_facts(report):
            items.append(_strip_none(claim_annotation(facts.claim, a, label=facts.source_label)))
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": data.title,
        "generated": data.generated_at,
        "generator": {"type": "Software", "name": "claim-workbench"},
        "total": len(items),
        "wb:articles": articles,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return dumps_jsonld(collection)  # safe inside <script type="application/ld+json">


# --- reading back -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What an annotation says about the article it targets."""

    source: str  # the target source IRI
    url: str = ""
    text_hash: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class ParsedAnnotation:
    """One claim read from an annotation: where it sits and what it says."""

    target: ArticleRef
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    summary: str = ""
    status: Status = Status.UNCHECKED
    kind: ClaimKind = ClaimKind.STATEMENT
    origin: Origin = Origin.MANUAL
    attribution: Attribution | None = None
    review: str = ""
    reviewer: str = ""
    review_comment: str = ""
    id: str = ""


def looks_like_annotations(data: Any) -> bool:
    def is_anno(x: Any) -> bool:
        return isinstance(x, dict) and x.get("type") in (
            "Annotation",
            "AnnotationCollection",
            "AnnotationPage",
        )

    return is_anno(data) or (isinstance(data, list) and bool(data) and all(is_anno(x) for x in data))


def parse_annotations(source: str | Path | Any) -> list[ParsedAnnotation]:
    """Annotations from a file, JSON text or loaded JSON: one annotation, a list, a page or a collection.

    Raises:
        AnnotationError: not JSON, not annotations, or an annotation without a text selector.
    """
    data = source
    if isinstance(source, Path):
        try:
            data = json.loads(source.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AnnotationError(f"not JSON: {exc}") from exc
    elif isinstance(source, str):
        try:
            data = json.loads(source)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"not JSON: {exc}") from exc
    if not looks_like_annotations(data):
        raise AnnotationError(
            "not W3C Web Annotations (no object with type Annotation or AnnotationCollection)"
        )
    refs = {}
    if isinstance(data, dict):
        for art in data.get("wb:articles", []) or []:
            if isinstance(art, dict) and art.get("target"):
                refs[art["target"]] = art
    result = []
    for n, item in enumerate(_items(data), 1):
        try:
            result.append(_parse_one(item, refs))
        except (KeyError, TypeError, ValueError) as exc:
            raise AnnotationError(f"annotation {n}: {exc}") from exc
    return result


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [a for x in data for a in _items(x)]
    kind = data.get("type")
    if kind == "Annotation":
        return [data]
    if kind == "AnnotationPage":
        return [a for x in data.get("items", []) for a in _items(x)]
    if kind == "AnnotationCollection":
        page = data.get("first")
        items: list[dict[str, Any]] = []
        while isinstance(page, dict):
            items += _items(page)
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        return items
    return []


def _as_list(x: Any) -> list[Any]:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def _parse_one(item: dict[str, Any], refs: dict[str, dict[str, Any]]) -> ParsedAnnotation:
    target = _as_list(item.get("target"))
    if not target:
        raise ValueError("no target")
    t = target[0]
    if isinstance(t, str):
        raise ValueError("the target has no selector (a whole-document annotation is not a claim)")
    source = t.get("source", "")
    quote = position = None
    for sel in _as_list(t.get("selector")):
        for s in [sel, *_as_list(sel.get("refinedBy"))] if isinstance(sel, dict) else []:
            if s.get("type") == "TextQuoteSelector" and quote is None:
                quote = s
            elif s.get("type") == "TextPositionSelector" and position is None:
                position = s
    if quote is None and position is None:
        raise ValueError("no TextQuoteSelector or TextPositionSelector")
    ref = refs.get(source, {})
    url = ref.get("url") or (source if source.startswith(("http://", "https://")) else "")
    text_hash = ref.get("textHash") or (
        source[len("urn:sha256:") :] if source.startswith("urn:sha256:") else ""
    )
    bodies = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
    by_purpose = {b.get("purpose"): b for b in bodies}
    status = _enum(Status, (by_purpose.get("assessing") or {}).get("value"), Status.UNCHECKED)
    attribution = None
    raw = (by_purpose.get("classifying") or {}).get("wb:attribution")
    if isinstance(raw, dict) and (raw.get("source") or raw.get("phrase")):
        attribution = Attribution(
            source=raw.get("phrase") or raw.get("source") or "",
            kind=_enum(SourceKind, raw.get("kind"), SourceKind.AGENCY),
            source_start=raw.get("sourceStart"),
            source_end=raw.get("sourceEnd"),
            cue=raw.get("cue") or "",
            via=raw.get("via") or None,
            source_key=raw.get("source") or None,
        )
    review = item.get("wb:review") if isinstance(item.get("wb:review"), dict) else {}
    return ParsedAnnotation(
        target=ArticleRef(source=source, url=url, text_hash=text_hash, title=ref.get("title", "")),
        exact=(quote or {}).get("exact", ""),
        prefix=(quote or {}).get("prefix", ""),
        suffix=(quote or {}).get("suffix", ""),
        start=_int((position or {}).get("start")),
        end=_int((position or {}).get("end")),
        summary=(by_purpose.get("describing") or {}).get("value", "") or "",
        status=status,
        kind=_enum(ClaimKind, item.get("wb:kind"), ClaimKind.STATEMENT),
        origin=_enum(Origin, item.get("wb:origin"), Origin.MANUAL),
        attribution=attribution,
        review=review.get("mark", "") or "",
        reviewer=review.get("reviewer", "") or "",
        review_comment=review.get("comment", "") or "",
        id=str(item.get("id", "")),
    )


def _int(x: Any) -> int | None:
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, int | float | str):
        raise ValueError(f"position {x!r} is not a number")
    return int(x)


def _enum(cls: Any, value: Any, default: Any) -> Any:
    try:
        return cls(value)
    except ValueError:
        return default
