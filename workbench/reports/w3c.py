"""W3C Web Annotation JSON-LD: one annotation per claim, and the parser that reads them back.

The export is an `AnnotationCollection` that passes the W3C test-suite schemas as a whole
(tests/data/w3c-annotation-tests/): the collection and its embedded `AnnotationPage` have `id`s
(`urn:uuid:`, the same for the same report) and the page says it is `partOf` the collection.

Each annotation targets the article (its http(s) URL, else `urn:sha256:` of the article text as
UTF-8, exactly the text its offsets count code points in, so anyone holding the text can check it)
with a TextQuoteSelector (exact, 32 characters of prefix and suffix, as Hypothesis stores) and a
TextPositionSelector (code-point start/end). Its bodies carry the summary (describing), the status
(assessing) and the attribution (classifying). Everything that is the workbench's own is in its own
namespace (`wb:`, see `WB_CONTEXT`), never in the `oa:` terms of the W3C context, so JSON-LD
expansion keeps every term: `wb:attribution` (`wb:source`, `wb:phrase`, `wb:kind`, `wb:sourceStart`,
`wb:sourceEnd`, `wb:cue`, `wb:via`), `wb:kind`, `wb:origin`, `wb:review`, and the collection's
`wb:articles`, which says which stored article each target is, so re-import finds it by URL, text
hash or title. The parser also reads the un-prefixed names of earlier exports.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.model import Article, Attribution, Claim, ClaimKind, Origin, SourceKind, Status
from workbench.reports.data import ReportData
from workbench.reports.facts import claim_facts, source_label

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WB_NS = "urn:claim-workbench:ns:"
XSD = "http://www.w3.org/2001/XMLSchema#"
# The workbench's terms: compact IRIs under `wb:`, with the types JSON-LD needs to read them right.
WB_CONTEXT: dict[str, Any] = {
    "wb": WB_NS,
    "wb:target": {"@type": "@id"},
    "wb:url": {"@type": "@id"},
    "wb:articleId": {"@type": f"{XSD}integer"},
    "wb:sourceStart": {"@type": f"{XSD}nonNegativeInteger"},
    "wb:sourceEnd": {"@type": f"{XSD}nonNegativeInteger"},
}
CONTEXT: list[Any] = [ANNO_CONTEXT, WB_CONTEXT]
CONTEXT_LEN = 32
_REPORT_NS = uuid.UUID("6f1c9a52-3a4e-5b0e-9d5e-2f8c3b7a1d40")  # names the reports' urn:uuid ids


class AnnotationError(ValueError):
    """A file is not W3C annotations the workbench can read; the message says what is wrong."""


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8: what `urn:sha256:` targets name (anyone can recompute it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _web(url: str) -> str:
    return url if url.lower().startswith(("http://", "https://")) else ""


def article_target_source(article: Article) -> str:
    """The article's http(s) URL, else `urn:sha256:<SHA-256 of its text as UTF-8>`."""
    return _web(article.url) or f"urn:sha256:{text_sha256(article.text)}"


def _strip(d: dict[str, Any]) -> dict[str, Any]:
    """Without None and "" values (JSON-LD drops a null; an empty string says nothing)."""
    return {k: v for k, v in d.items() if v is not None and v != ""}


def claim_annotation(claim: Claim, article: Article, *, label: str = "") -> dict[str, Any]:
    text = article.text
    exact = text[claim.start : claim.end] if claim.end <= len(text) else claim.text
    prefix = text[max(0, claim.start - CONTEXT_LEN) : claim.start] if not claim.orphan else claim.prefix
    suffix = text[claim.end : claim.end + CONTEXT_LEN] if not claim.orphan else claim.suffix
    attribution = _strip(
        {
            "wb:source": claim.source_name or claim.source_phrase,
            "wb:phrase": claim.source_phrase,
            "wb:kind": (claim.source_kind or SourceKind.AGENCY).value,
            "wb:sourceStart": claim.source_start,
            "wb:sourceEnd": claim.source_end,
            "wb:cue": claim.cue,
            "wb:via": claim.via,
        }
    )
    review = _strip(
        {"wb:reviewer": claim.reviewer, "wb:mark": claim.review.value, "wb:comment": claim.review_comment}
    )
    annotation = {
        "@context": CONTEXT,
        "id": f"urn:claim-workbench:claim:{article.text_hash[:16] or article.id}:{claim.id}",
        "type": "Annotation",
        "motivation": "assessing",
        "created": claim.created_at or None,
        "modified": claim.updated_at or None,
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
        "wb:review": review or None,
    }
    return {k: v for k, v in annotation.items() if v is not None}


def _article_ref(a: Article) -> dict[str, Any]:
    return _strip(
        {
            "wb:target": article_target_source(a),
            "wb:articleId": a.id,
            "wb:title": a.title,
            "wb:url": _web(a.url),
            "wb:date": a.date,
            "wb:textHash": a.text_hash,
            "wb:sha256": text_sha256(a.text),
        }
    )


def report_ids(data: ReportData) -> tuple[str, str]:
    """The collection's and its page's ids: `urn:uuid:`s named by the report (same report, same ids)."""
    seed = "|".join([data.workspace, data.generated_at, *(r.article.text_hash for r in data.articles)])
    collection = uuid.uuid5(_REPORT_NS, seed)
    return f"urn:uuid:{collection}", f"urn:uuid:{uuid.uuid5(collection, 'page-1')}"


def render_w3c(data: ReportData) -> str:
    """An AnnotationCollection holding one annotation per claim of every article in the report."""
    items = []
    for report in data.articles:
        for facts in claim_facts(report):
            items.append(claim_annotation(facts.claim, report.article, label=facts.source_label))
    collection_id, page_id = report_ids(data)
    collection = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": data.title,
        "generated": data.generated_at or None,
        "generator": {"type": "Software", "name": "claim-workbench"},
        "total": len(items),
        "wb:articles": [_article_ref(r.article) for r in data.articles],
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
    }
    return (
        json.dumps({k: v for k, v in collection.items() if v is not None}, ensure_ascii=False, indent=2)
        + "\n"
    )


# --- reading back -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What an annotation says about the article it targets."""

    source: str  # the target source IRI
    url: str = ""
    text_hash: str = ""  # the workbench's own hash (workbench.text.decoding.text_hash)
    title: str = ""
    sha256: str = ""  # SHA-256 of the text as UTF-8 (the urn:sha256: target)


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
            if isinstance(art, dict) and _get(art, "target"):
                refs[_get(art, "target")] = art
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
    url = _get(ref, "url") or (source if source.startswith(("http://", "https://")) else "")
    text_hash = _get(ref, "textHash")
    sha256 = _get(ref, "sha256") or (source[len("urn:sha256:") :] if source.startswith("urn:sha256:") else "")
    bodies = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
    by_purpose = {b.get("purpose"): b for b in bodies}
    status = _enum(Status, (by_purpose.get("assessing") or {}).get("value"), Status.UNCHECKED)
    attribution = None
    raw = (by_purpose.get("classifying") or {}).get("wb:attribution")
    if isinstance(raw, dict) and (_get(raw, "source") or _get(raw, "phrase")):
        attribution = Attribution(
            source=_get(raw, "phrase") or _get(raw, "source") or "",
            kind=_enum(SourceKind, _get(raw, "kind"), SourceKind.AGENCY),
            source_start=_get(raw, "sourceStart", None),
            source_end=_get(raw, "sourceEnd", None),
            cue=_get(raw, "cue") or "",
            via=_get(raw, "via") or None,
            source_key=_get(raw, "source") or None,
        )
    review = item.get("wb:review") if isinstance(item.get("wb:review"), dict) else {}
    return ParsedAnnotation(
        target=ArticleRef(
            source=source, url=url, text_hash=text_hash, title=_get(ref, "title"), sha256=sha256
        ),
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
        review=_get(review, "mark") or "",
        reviewer=_get(review, "reviewer") or "",
        review_comment=_get(review, "comment") or "",
        id=str(item.get("id", "")),
    )


def _get(node: dict[str, Any], name: str, default: Any = "") -> Any:
    """`wb:name`, else the un-prefixed `name` of exports made before issue 14."""
    value = node.get(f"wb:{name}")
    return value if value is not None else node.get(name, default)


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
