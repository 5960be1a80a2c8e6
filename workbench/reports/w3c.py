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
import math
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.model import Article, Attribution, Claim, ClaimKind, Origin, SourceKind, Status
from workbench.reports.data import ReportData
from workbench.reports.facts import claim_facts, source_label
from workbench.reports.jsonld import dumps_jsonld
from workbench.text.importers import clean_text
from workbench.text.urls import web_url

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
MAX_OFFSET = 2**62  # an offset past this is outside any article (and SQLite stores 64-bit integers)
_REPORT_NS = uuid.UUID("6f1c9a52-3a4e-5b0e-9d5e-2f8c3b7a1d40")  # names the reports' urn:uuid ids


class AnnotationError(ValueError):
    """A file is not W3C annotations the workbench can read; the message says what is wrong."""


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8: what `urn:sha256:` targets name (anyone can recompute it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_target_source(article: Article) -> str:
    """The article's http(s) URL, else `urn:sha256:<SHA-256 of its text as UTF-8>`."""
    return web_url(article.url) or f"urn:sha256:{text_sha256(article.text)}"


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
            "wb:url": web_url(a.url),
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
    # safe inside <script type="application/ld+json"> (workbench/reports/jsonld.py)
    return dumps_jsonld({k: v for k, v in collection.items() if v is not None})


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
    """One claim read from an annotation: where it sits and what it says.

    `review`, `reviewer` and `review_comment` say what the file claims about the desk's review;
    importing never applies them (a review comes only from the desk's own review action).
    """

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
    number: int = 0  # its place in the file, from 1


@dataclass(frozen=True, slots=True)
class AnnotationFile:
    """The annotations of a file that could be read, and (number, reason) for each that could not."""

    annotations: tuple[ParsedAnnotation, ...]
    problems: tuple[tuple[int, str], ...] = ()


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
        AnnotationError: not JSON, not annotations, or an annotation that cannot be read (the first).
    """
    read = read_annotations(source)
    if read.problems:
        number, reason = read.problems[0]
        raise AnnotationError(f"annotation {number}: {reason}")
    return list(read.annotations)


def read_annotations(source: str | Path | Any) -> AnnotationFile:
    """Like `parse_annotations`, but an annotation that cannot be read is listed, not raised.

    Raises:
        AnnotationError: not JSON, or not annotations.
    """
    data = source
    if isinstance(source, Path):
        try:
            data = json.loads(source.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise AnnotationError(f"not JSON: {exc}") from exc
    elif isinstance(source, str):
        try:
            data = json.loads(source)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise AnnotationError(f"not JSON: {exc}") from exc
    if not looks_like_annotations(data):
        raise AnnotationError(
            "not W3C Web Annotations (no object with type Annotation or AnnotationCollection)"
        )
    refs = {}
    if isinstance(data, dict) and isinstance(data.get("wb:articles"), list):
        for art in data["wb:articles"]:
            target = _get(art, "target") if isinstance(art, dict) else None
            if isinstance(target, str) and target:
                refs[target] = art
    annotations, problems = [], []
    for n, item in enumerate(_items(data), 1):
        try:
            annotations.append(_parse_one(item, refs, n))
        except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            problems.append((n, str(exc) or exc.__class__.__name__))
    return AnnotationFile(tuple(annotations), tuple(problems))


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [a for x in data for a in _items(x)]
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "Annotation":
        return [data]
    if kind == "AnnotationPage":
        return [a for x in _as_list(data.get("items")) for a in _items(x)]
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


def _dict(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else {}


def _parse_one(item: dict[str, Any], refs: dict[str, dict[str, Any]], number: int) -> ParsedAnnotation:
    target = _as_list(item.get("target"))
    if not target:
        raise ValueError("no target")
    t = target[0]
    if isinstance(t, str):
        raise ValueError("the target has no selector (a whole-document annotation is not a claim)")
    if not isinstance(t, dict):
        raise ValueError("the target is not an object")
    source = _text(t.get("source"), "the target source")
    quote = position = None
    for sel in _as_list(t.get("selector")):
        for s in [sel, *_as_list(sel.get("refinedBy"))] if isinstance(sel, dict) else []:
            kind = s.get("type") if isinstance(s, dict) else None
            if kind == "TextQuoteSelector" and quote is None:
                quote = s
            elif kind == "TextPositionSelector" and position is None:
                position = s
    if quote is None and position is None:
        raise ValueError("no TextQuoteSelector or TextPositionSelector")
    quote, position = quote or {}, position or {}
    start, end = _position(position, has_quote=bool(quote.get("exact")))
    ref = _dict(refs.get(source))
    url = web_url(_text(_get(ref, "url"), "the article URL")) or web_url(source)
    text_hash = _text(_get(ref, "textHash"), "the text hash")
    sha256 = _text(_get(ref, "sha256"), "the text's SHA-256") or (
        source[len("urn:sha256:") :] if source.startswith("urn:sha256:") else ""
    )
    bodies = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
    by_purpose = {b.get("purpose"): b for b in bodies if isinstance(b.get("purpose"), str)}
    status = _enum(Status, _dict(by_purpose.get("assessing")).get("value"), Status.UNCHECKED)
    review = _dict(item.get("wb:review"))
    return ParsedAnnotation(
        target=ArticleRef(
            source=source,
            url=url,
            text_hash=text_hash,
            title=_text(_get(ref, "title"), "the article title"),
            sha256=sha256,
        ),
        exact=_text(quote.get("exact"), "the quote (exact)"),
        prefix=_text(quote.get("prefix"), "the quote's prefix"),
        suffix=_text(quote.get("suffix"), "the quote's suffix"),
        start=start,
        end=end,
        summary=_text(_dict(by_purpose.get("describing")).get("value"), "the summary (describing body)"),
        status=status,
        kind=_enum(ClaimKind, item.get("wb:kind"), ClaimKind.STATEMENT),
        origin=_enum(Origin, item.get("wb:origin"), Origin.MANUAL),
        attribution=_attribution(_dict(by_purpose.get("classifying")).get("wb:attribution")),
        review=_text(_get(review, "mark"), "the review mark"),
        reviewer=_text(_get(review, "reviewer"), "the reviewer"),
        review_comment=_text(_get(review, "comment"), "the review comment"),
        id=clean_text(str(item.get("id", ""))),
        number=number,
    )


def _attribution(raw: Any) -> Attribution | None:
    if not isinstance(raw, dict) or not (_get(raw, "source") or _get(raw, "phrase")):
        return None
    phrase = _text(_get(raw, "phrase"), "the source phrase")
    key = _text(_get(raw, "source"), "the source")
    return Attribution(
        source=phrase or key,
        kind=_enum(SourceKind, _get(raw, "kind"), SourceKind.AGENCY),
        source_start=_hint(_get(raw, "sourceStart", None)),
        source_end=_hint(_get(raw, "sourceEnd", None)),
        cue=_text(_get(raw, "cue"), "the cue"),
        via=_text(_get(raw, "via"), "via") or None,
        source_key=key or None,
    )


def _get(node: dict[str, Any], name: str, default: Any = "") -> Any:
    """`wb:name`, else the un-prefixed `name` of exports made before issue 14."""
    value = node.get(f"wb:{name}")
    return value if value is not None else node.get(name, default)


def _text(x: Any, what: str) -> str:
    """A string value as text SQLite can store (lone surrogates such as "\\ud800" become U+FFFD)."""
    if x is None:
        return ""
    if not isinstance(x, str):
        raise ValueError(f"{what} is {_kind_of(x)}, not text")
    return clean_text(x)


def _position(selector: dict[str, Any], *, has_quote: bool) -> tuple[int | None, int | None]:
    """The TextPositionSelector's offsets; unusable ones are ignored when the quote can place the claim."""
    try:
        return _int(selector.get("start")), _int(selector.get("end"))
    except ValueError:
        if has_quote:
            return None, None
        raise


def _hint(x: Any) -> int | None:
    """An offset that is only a hint (the source phrase's): None when it is not usable."""
    try:
        return _int(x)
    except ValueError:
        return None


def _int(x: Any) -> int | None:
    """An offset: a whole number (a finite float or a number in a string is taken), else ValueError."""
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, int | float | str):
        raise ValueError(f"position {_shown(x)} is not a number")
    try:
        value = float(x) if isinstance(x, str) else x
    except ValueError:
        raise ValueError(f"position {_shown(x)} is not a number") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"position {_shown(x)} is not a finite number")
    if not -MAX_OFFSET <= value <= MAX_OFFSET:
        raise ValueError(f"position {_shown(x)} is outside any article")
    return int(value)


def _shown(x: Any) -> str:
    return repr(x)[:40]


def _kind_of(x: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true or false"}.get(type(x), "a number")


def _enum(cls: Any, value: Any, default: Any) -> Any:
    try:
        return cls(value)
    except (ValueError, TypeError):
        return default
