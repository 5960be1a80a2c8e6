"""Importing W3C Web Annotations (our `--format w3c` export, or Hypothesis-style annotations).

Each annotation re-creates a claim on the stored article its target names, found by URL, then
text hash, then title. The span is placed position-first (the TextPositionSelector, accepted
only where the text still equals the quote), then by the quote and its context
(`workbench.text.anchors.resolve`). A claim already stored on the same span is left alone, so
importing the same file twice adds nothing. One file is one transaction.

Registered for `.json`, `.jsonld` and `.w3c` in `db.flows.importing.SPECIAL_IMPORTERS` (see
db/__init__.py). JSON files are recognised by content: a file that is not W3C annotations is
refused with what it looks like instead (a workbench JSON report, a ClaimReview export).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from db.flows.importing import SPECIAL_IMPORTERS
from db.stores.articles import AddResult, AddStatus
from workbench.model import Article, Attribution, Review
from workbench.reports.w3c import (
    AnnotationError,
    ArticleRef,
    ParsedAnnotation,
    parse_annotations,
    text_sha256,
)
from workbench.text.anchors import TextAnchor, resolve
from workbench.text.importers import ImportProblem

if TYPE_CHECKING:
    from db.workspace import Workspace


@dataclass
class AnnotationImport:
    """What importing one file did."""

    created: list[int] = field(default_factory=list)  # new claim ids
    existing: int = 0  # annotations whose span already had a claim
    unplaced: list[str] = field(default_factory=list)  # quotes that could not be found in the text
    articles: list[int] = field(default_factory=list)


def find_article(ws: Workspace, ref: ArticleRef) -> Article | None:
    """The stored article an annotation target names: by URL, then text hash, then title."""
    queries = []
    if ref.url:
        queries.append(("url = ?", ref.url))
    if ref.text_hash:
        queries.append(("text_hash = ?", ref.text_hash))
    if ref.title:
        queries.append(("title = ?", ref.title))
    for where, value in queries:
        row = ws.db.execute(
            f"SELECT id FROM articles WHERE {where} AND kind = 'article' "
            "ORDER BY superseded_by IS NOT NULL, id DESC LIMIT 1",
            [value],
        ).fetchone()
        if row:
            return ws.articles.get(row[0])
    if ref.sha256:  # a `urn:sha256:` target from another tool: the hash of the exact text
        rows = ws.db.execute(
            "SELECT id, text FROM articles WHERE kind = 'article' ORDER BY superseded_by IS NOT NULL, id DESC"
        )
        for article_id, text in rows:
            if text_sha256(text) == ref.sha256:
                return ws.articles.get(article_id)
    return None


def place(annotation: ParsedAnnotation, text: str) -> tuple[int, int] | None:
    """Where the annotated span lies in `text`: the stored position if the quote is still there,
    else the best match of the quote with its context."""
    start, end = annotation.start, annotation.end
    exact = annotation.exact
    in_text = start is not None and end is not None and 0 <= start < end <= len(text)
    if in_text and (not exact or text[start:end] == exact):
        return start, end
    if not exact:
        return None
    hint = start if start is not None and 0 <= start <= len(text) else 0
    anchor = TextAnchor(exact, annotation.prefix, annotation.suffix, hint, min(len(text), hint + len(exact)))
    found = resolve(anchor, text)
    return (found.start, found.end) if found else None


def import_annotations(ws: Workspace, path: Path) -> AnnotationImport:
    """Re-create the claims of an annotation file on their stored articles.

    Raises:
        ImportProblem: not annotations, or an annotation targets an article that is not stored.
    """
    try:
        parsed = parse_annotations(Path(path))
    except AnnotationError as exc:
        raise ImportProblem(path, str(exc)) from exc
    ws.writable()
    result = AnnotationImport()
    articles: dict[str, Article] = {}
    for annotation in parsed:
        key = annotation.target.source
        if key not in articles:
            article = find_article(ws, annotation.target)
            if article is None:
                raise ImportProblem(path, _missing_article(annotation.target))
            articles[key] = article
    with ws.db.atomic():
        for annotation in parsed:
            article = articles[annotation.target.source]
            if article.id not in result.articles:
                result.articles.append(article.id)
            _create(ws, article, annotation, result)
    return result


def _create(ws: Workspace, article: Article, a: ParsedAnnotation, result: AnnotationImport) -> None:
    span = place(a, article.text)
    if span is None:
        result.unplaced.append(a.exact[:60])
        return
    start, end = span
    taken = ws.db.execute(
        'SELECT id FROM claims WHERE article_id = ? AND start = ? AND "end" = ?', [article.id, start, end]
    ).fetchone()
    if taken:
        result.existing += 1
        return
    attribution, source_id = _attribution(ws, article, a, start)
    claim = ws.claims.add(
        article.id,
        start,
        end,
        summary=a.summary,
        kind=a.kind,
        origin=a.origin,
        status=a.status,
        attribution=attribution,
        source_id=source_id,
    )
    if a.review in Review._value2member_map_ and a.review:
        ws.claims.update(
            claim.id, review=Review(a.review), reviewer=a.reviewer, review_comment=a.review_comment
        )
    result.created.append(claim.id)


def _attribution(
    ws: Workspace, article: Article, a: ParsedAnnotation, start: int
) -> tuple[Attribution | None, int | None]:
    attribution = a.attribution
    if attribution is None:
        return None, None
    # The source phrase moves with the claim; keep its offsets only where the phrase still is.
    shift = start - a.start if a.start is not None else 0
    s, e = attribution.source_start, attribution.source_end
    if s is not None and e is not None:
        s, e = s + shift, e + shift
        if not (0 <= s < e <= len(article.text)) or article.text[s:e] != attribution.source:
            s = e = None
    attribution = replace(attribution, source_start=s, source_end=e, cue_start=None, cue_end=None)
    name = attribution.source_key or attribution.source
    source_id = None
    if name:
        source_id = ws.sources.find_or_create(
            name,
            attribution.kind,
            aliases=(attribution.source,) if attribution.source and attribution.source != name else (),
            article_id=article.id,
        ).id
    return attribution, source_id


def _missing_article(ref: ArticleRef) -> str:
    named = " ".join(
        x for x in (f"“{ref.title}”" if ref.title else "", f"<{ref.url}>" if ref.url else "") if x
    ) or (f"with text hash {ref.text_hash[:12]}…" if ref.text_hash else ref.source)
    return f"the annotated article {named} is not in this workspace: import the article first"


def _not_annotations(path: Path, reason: str) -> str:
    """Say what a JSON file is when it is not annotations (our other exports are JSON too)."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return reason
    if data == [] or data == {}:
        return "an empty JSON file: no annotations to import"
    first = data[0] if isinstance(data, list) and data else data
    if isinstance(first, dict) and first.get("@type") == "ClaimReview":
        return "a ClaimReview export, which cannot be imported (export --format w3c to move claims)"
    if isinstance(first, dict) and "articles" in first and "generated_at" in first:
        return "a workbench JSON report, which cannot be imported (export --format w3c to move claims)"
    return reason


def _special_importer(ws: Workspace, path: Path) -> list[AddResult]:
    """The `workbench import` hook: one result per article that received claims (reported as
    already stored, since annotations add claims, not articles)."""
    try:
        result = import_annotations(ws, path)
    except ImportProblem as problem:
        if "not W3C Web Annotations" in problem.reason:
            raise ImportProblem(path, _not_annotations(path, problem.reason)) from problem
        raise
    if result.unplaced and not result.created and not result.existing:
        raise ImportProblem(
            path, f"none of the {len(result.unplaced)} annotated quotes is in the stored article"
        )
    return [AddResult(AddStatus.DUPLICATE, article_id, article_id) for article_id in result.articles]


SPECIAL_IMPORTERS[".json"] = _special_importer
SPECIAL_IMPORTERS[".jsonld"] = _special_importer
SPECIAL_IMPORTERS[".w3c"] = _special_importer  # `export --format w3c -o claims.w3c`
