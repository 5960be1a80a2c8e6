"""Importing W3C Web Annotations (our `--format w3c` export, or Hypothesis-style annotations).

Each annotation re-creates a claim on the stored article its target names, found by URL, then
text hash, then title. The span is placed position-first (the TextPositionSelector, accepted
only where the text still equals the quote), then by the quote and its context
(`workbench.text.anchors.resolve`). A claim already stored on the same span is left alone, so
importing the same file twice adds nothing. One file is one transaction, each annotation a
savepoint in it: an annotation that cannot be read, placed or stored is reported with its number
and the others import.

What a file says about the desk's review (`wb:review`: approved or queried, by whom) is never
applied: a review mark comes only from the audited review action of a desk editor in this
workspace. The import says how many marks it left out.

`ANNOTATION_IMPORTERS` reads `.json`, `.jsonld` and `.w3c`; the workspace wires it into its
importers (db/workspace.py). JSON files are recognised by content: a file that is not W3C annotations is
refused with what it looks like instead (a workbench JSON report, a ClaimReview export).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from db.flows.base import FileImport, FileImporter
from db.session import storage_errors
from workbench.model import Article, Attribution, Review
from workbench.reports.w3c import AnnotationError, ArticleRef, ParsedAnnotation, read_annotations, text_sha256
from workbench.text.anchors import TextAnchor, resolve
from workbench.text.importers import ImportProblem, RowProblem

if TYPE_CHECKING:
    from db.flows.base import Stores


@dataclass
class AnnotationImport:
    """What importing one file did."""

    created: list[int] = field(default_factory=list)  # new claim ids
    existing: int = 0  # annotations whose span already had a claim
    unplaced: list[str] = field(default_factory=list)  # quotes that could not be found in the text
    articles: list[int] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (annotation number, why not)
    missing: list[str] = field(default_factory=list)  # why an annotated article was not found
    reviews_ignored: int = 0  # review marks in the file, not applied


@storage_errors
def find_article(ws: Stores, ref: ArticleRef) -> Article | None:
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


@storage_errors
def import_annotations(ws: Stores, path: Path) -> AnnotationImport:
    """Re-create the claims of an annotation file on their stored articles.

    Raises:
        ImportProblem: the file is not annotations.
    """
    try:
        parsed = read_annotations(Path(path))
    except AnnotationError as exc:
        raise ImportProblem(path, str(exc)) from exc
    ws.writable()
    result = AnnotationImport(problems=list(parsed.problems))
    articles: dict[str, Article | None] = {}
    with ws.db.atomic():
        for annotation in parsed.annotations:
            key = annotation.target.source
            if key not in articles:
                articles[key] = find_article(ws, annotation.target)
                if articles[key] is None:
                    result.missing.append(_missing_article(annotation.target))
            article = articles[key]
            if article is None:
                result.problems.append((annotation.number, _missing_article(annotation.target)))
                continue
            try:
                with ws.atomic():  # a savepoint: a bad annotation is rolled back alone
                    _create(ws, article, annotation, result)
            except (ValueError, TypeError, ArithmeticError) as exc:  # UnstorableValue is a ValueError
                result.problems.append((annotation.number, f"cannot be stored ({exc})"))
    result.problems.sort()
    return result


def _create(ws: Stores, article: Article, a: ParsedAnnotation, result: AnnotationImport) -> None:
    span = place(a, article.text)
    if span is None:
        result.unplaced.append(a.exact[:60])
        quote = " ".join(a.exact.split())
        shown = f"“{quote[:60]}{'…' if len(quote) > 60 else ''}”" if quote else "its position"
        result.problems.append((a.number, f"{shown} is not in the stored article (article {article.id})"))
        return
    if article.id not in result.articles:
        result.articles.append(article.id)
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
    if (a.review and a.review != Review.NONE.value) or a.reviewer:
        result.reviews_ignored += 1  # never applied: see the module docstring
    result.created.append(claim.id)


def _attribution(
    ws: Stores, article: Article, a: ParsedAnnotation, start: int
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


def _special_importer(ws: Stores, path: Path) -> FileImport:
    """The `workbench import` hook: the claims added, and each annotation left out with its number.

    A file none of whose annotations could be placed is a failed file."""
    try:
        result = import_annotations(ws, path)
    except ImportProblem as problem:
        if "not W3C Web Annotations" in problem.reason:
            raise ImportProblem(path, _not_annotations(path, problem.reason)) from problem
        raise
    if not result.created and not result.existing and result.problems:
        raise ImportProblem(path, _nothing_placed(result))
    notes = []
    if result.reviews_ignored:
        n = result.reviews_ignored
        notes.append(
            f"{path}: {n} desk review mark{'s' if n != 1 else ''} in the file {'were' if n != 1 else 'was'} "
            "not applied (a desk editor reviews claims in this workspace: Desk review tab or `workbench review`)"
        )
    return FileImport(
        skipped=[
            RowProblem(path, number, f"annotation {number}: {reason}", noun="annotation")
            for number, reason in result.problems
        ],
        claims_added=len(result.created),
        claims_existing=result.existing,
        annotated=list(result.articles),
        notes=notes,
    )


def _nothing_placed(result: AnnotationImport) -> str:
    """Why a file added nothing: its articles are not stored, or the first annotation's problem."""
    missing = len([1 for _, reason in result.problems if "is not in this workspace" in reason])
    if missing == len(result.problems) and result.missing:
        return result.missing[0] + (
            f" (and {len(result.missing) - 1} more)" if len(result.missing) > 1 else ""
        )
    if result.unplaced and len(result.unplaced) == len(result.problems):
        return f"none of the {len(result.unplaced)} annotated quotes is in the stored article"
    number, reason = result.problems[0]
    more = len(result.problems) - 1
    return f"annotation {number}: {reason}" + (
        f" (and {more} more annotations that cannot be imported)" if more else ""
    )


ANNOTATION_IMPORTERS: dict[str, FileImporter] = {
    ".json": _special_importer,
    ".jsonld": _special_importer,
    ".w3c": _special_importer,  # `export --format w3c -o claims.w3c`
}
