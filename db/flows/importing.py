"""Importing files into a workspace: the one path the CLI and the GUI worker both take.

Each stored item is its own transaction, so a crash or a cancel keeps every item stored before
it. On a desk `DESK_BATCH` files share one transaction (each a savepoint) and the desk's sentence
index is written once for them: a crash there keeps every batch committed before it, a cancel
commits the files stored so far. A bad file is reported and skipped while the rest import, and so is a bad row of an archive
or a bad annotation (`ImportReport.skipped`, each with its number) while the rest of its file
imports. A value that SQLite cannot store is that file's problem, never the workspace's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.errors import UnstorableValue, WorkspaceError
from db.flows.base import FileImport
from db.session import storage_errors
from db.stores.articles import AddResult, AddStatus
from db.stores.claims import ProposalRun
from workbench.model import ImportItem, ItemKind
from workbench.progress import NO_STEPS, Cancelled, Steps
from workbench.text.importers import (
    ANNOTATION_SUFFIXES,
    ImportProblem,
    RowProblem,
    iter_files,
    read_items,
)

if TYPE_CHECKING:
    from db.flows.base import Stores


Progress = Callable[[int, int, str], None]  # (files done, files total, current file)

# A value the database cannot store (an object, an int over 64 bits, a CHECK constraint) is the
# file's problem (UnstorableValue); any other database error (locked, full, damaged) is the workspace's.


@dataclass
class ImportReport:
    added: list[AddResult] = field(default_factory=list)
    duplicates: list[AddResult] = field(default_factory=list)
    updated: list[AddResult] = field(default_factory=list)
    failed: list[ImportProblem] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)  # bad rows of files that imported
    claims_added: int = 0  # by annotation files
    claims_existing: int = 0
    annotated: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unsure: list[tuple[str, str]] = field(default_factory=list)  # (path, why its encoding is a guess)
    files: int = 0
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped

    def summary(self, paths: int | None = None) -> str:
        """ "3 added, 1 duplicate, 2 rows skipped, 1 failed (from 5 files)"; an annotation file
        counts the claims it added. With `paths`, counted as paths given and found (a missing
        path is one too)."""
        articles = self.added or self.duplicates or self.updated
        claims = self.claims_added or self.claims_existing or self.annotated
        parts = (
            []
            if claims and not articles
            else [f"{len(self.added)} added", f"{len(self.duplicates)} duplicate"]
        )
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        if claims:
            existing = f" ({self.claims_existing} already stored)" if self.claims_existing else ""
            parts.append(f"{_count(self.claims_added, 'claim')} added from annotations{existing}")
        for noun in ("row", "annotation"):
            skipped = sum(1 for p in self.skipped if p.noun == noun)
            if skipped:
                parts.append(f"{_count(skipped, noun)} skipped")
        parts.append(f"{len(self.failed)} failed")
        if self.unsure:
            parts.append(f"{len(self.unsure)} with a guessed encoding")
        count, noun = (self.files, "file") if paths is None else (paths, "path")
        text = ", ".join(parts) + f" (from {count} {noun}{'s' if count != 1 else ''})"
        return text + (" — cancelled" if self.cancelled else "")

    def record(self, result: AddResult) -> None:
        {AddStatus.ADDED: self.added, AddStatus.DUPLICATE: self.duplicates, AddStatus.UPDATED: self.updated}[
            result.status
        ].append(result)

    def take(self, done: FileImport) -> None:
        """Add what one file's import did."""
        for result in done.results:
            self.record(result)
        self.skipped.extend(done.skipped)
        self.claims_added += done.claims_added
        self.claims_existing += done.claims_existing
        self.annotated.extend(a for a in done.annotated if a not in self.annotated)
        self.notes.extend(done.notes)
        self.unsure.extend(done.unsure)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


@storage_errors
def import_paths(
    workspace: Stores,
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    propose: bool = False,
    steps: Steps = NO_STEPS,
) -> ImportReport:
    """Import files and folders; see the module docstring. `propose` runs claim extraction on new
    articles, telling `steps` how far it is in each (a huge article takes seconds); when `steps`
    cancels, that article stays stored without proposals and the import ends as cancelled."""
    report = ImportReport()
    found = list(iter_files(paths))
    files = [f for f in found if isinstance(f, Path)]
    report.failed.extend(f for f in found if isinstance(f, ImportProblem))
    report.files = len(files)
    size, batch = _batching(workspace)
    position = 0
    while position < len(files) and not report.cancelled:
        chunk = files[position : position + size]
        with batch():
            stored = _store_files(
                workspace, chunk, position, len(files), report, progress, cancelled, size > 1
            )
        position += len(chunk)
        for done in stored:  # committed: reported, then proposed
            report.take(done)
        try:
            if propose:
                for done in stored:
                    for result in done.results:
                        if result.status is not AddStatus.DUPLICATE:
                            propose_claims(workspace, result.article_id, steps)
        except Cancelled:  # while proposing: the article is stored, its proposals are not
            report.cancelled = True
    new = [r.article_id for r in (*report.added, *report.updated)]
    if new:
        workspace.matches.match_new_articles(new)  # stored claims learn at once what the new texts say
    if progress and not report.cancelled:
        progress(len(files), len(files), "")
    return report


DESK_BATCH = 50  # files stored a transaction on a desk (its sentence index written once a batch)


def _batching(workspace: Stores) -> tuple[int, Callable[[], AbstractContextManager[Any]]]:
    """How many files a transaction, and the block around each batch. A search that writes its own
    index (a desk's: db/engines/pg_search.py `PgSentenceSearch.batch`) stores `DESK_BATCH` files a
    transaction and indexes them at the batch's end: one round of word counts, not one a file.
    Elsewhere (a workspace file, whose FTS5 follows by triggers) each item is its own transaction."""
    deferred = getattr(workspace.search, "batch", None)
    if deferred is None:
        return 1, contextlib.nullcontext

    @contextlib.contextmanager
    def batch() -> Iterator[None]:
        with workspace.atomic(), deferred():
            yield

    return DESK_BATCH, batch


def _store_files(
    workspace: Stores,
    files: list[Path],
    first: int,
    total: int,
    report: ImportReport,
    progress: Progress | None,
    cancelled: Callable[[], bool],
    in_batch: bool,
) -> list[FileImport]:
    """Import these files; a bad file is reported in `report.failed` and rolled back alone (each
    item its own transaction; in a batch, each file a savepoint). Returns what the good ones stored."""
    stored: list[FileImport] = []
    for done, path in enumerate(files, first):
        if cancelled():
            report.cancelled = True
            break
        if progress:
            progress(done, total, str(path))
        if workspace.is_own_file(path):
            # Never read it: closing our descriptor of it would drop this process's SQLite locks.
            report.failed.append(ImportProblem(path, "is this workspace's own file; it was not read"))
            continue
        try:
            with workspace.atomic() if in_batch else contextlib.nullcontext():
                stored.append(_import_file(workspace, path))
        except ImportProblem as problem:
            report.failed.append(problem)
        except UnstorableValue as exc:  # a value the database cannot store: this file's problem
            report.failed.append(ImportProblem(path, f"cannot be imported ({exc})"))
        except WorkspaceError:  # locked, full, read-only, damaged: the workspace's, not the file's
            raise
        except (
            MemoryError,
            RecursionError,
            ArithmeticError,
            ValueError,
            LookupError,
            TypeError,
            AttributeError,
        ) as exc:
            # A file that trips an unexpected error is reported like any bad file: the item being
            # stored was rolled back with its transaction, and the files beside it still import.
            report.failed.append(ImportProblem(path, f"cannot be imported ({exc.__class__.__name__}: {exc})"))
    return stored


@storage_errors
def import_item(workspace: Stores, item: ImportItem) -> ImportReport:
    """Store one item that came from no file (an article pasted or dropped from a browser) as an
    import stores a file's: its report says what happened (added, duplicate, new version); stored
    claims learn what the new text says. Proposing is the caller's (the window's undoable job)."""
    report = ImportReport(files=1)
    report.take(FileImport(results=[store_item(workspace, item)]))
    new = [r.article_id for r in (*report.added, *report.updated)]
    if new:
        workspace.matches.match_new_articles(new)
    return report


def _import_file(workspace: Stores, path: Path) -> FileImport:
    special = workspace.importers.get(path.suffix.lower())
    if special is not None:
        return special(workspace, path)
    if path.suffix.lower() in ANNOTATION_SUFFIXES:
        raise ImportProblem(path, "JSON annotation import is not available")
    contents = read_items(path)
    done = FileImport(skipped=list(contents.skipped))
    if contents.items and contents.items[0].encoding_note:
        done.unsure.append((str(path), contents.items[0].encoding_note))
    for item in contents.items:
        try:
            done.results.append(store_item(workspace, item))
        except UnstorableValue as exc:  # rolled back with its transaction; the other rows still import
            if item.kind is not ItemKind.STATEMENT:
                raise
            number = _row_number(item)
            done.skipped.append(RowProblem(path, number, f"row {number} cannot be stored ({exc})"))
    return done


@storage_errors
def store_item(workspace: Stores, item: ImportItem) -> AddResult:
    """Store one imported item as an import does, in one transaction: the article or statement
    with its sentence index (a new version takes its claims along: `ArticleStore.on_new_version`),
    then, for an article, its wire group (copies of one wire story count once)."""
    workspace.writable()
    with workspace.atomic():
        result = workspace.articles.add(item)
        if result.status is not AddStatus.DUPLICATE and item.kind is ItemKind.ARTICLE:
            workspace.wire.assign(result.article_id)
    return result


def _row_number(item: ImportItem) -> int:
    """The row number a statement keeps in its origin path ("file.csv#12")."""
    tail = item.origin_path.rpartition("#")[2]
    return int(tail) if tail.isdigit() else 0


@storage_errors
def propose_claims(workspace: Stores, article_id: int, steps: Steps = NO_STEPS) -> int:
    """Run the extraction engine on a stored article and store its proposals. Returns how many.

    `steps` hears how far the engine is in the text; Cancelled (or Ctrl+C) stores nothing."""
    return len(propose_run(workspace, article_id, steps).added)


@storage_errors
def propose_run(workspace: Stores, article_id: int, steps: Steps = NO_STEPS) -> ProposalRun:
    """`propose_claims`, returning what it replaced and added (`ClaimStore.swap_proposals` undoes it)."""
    from workbench.extraction.engine import extract

    article = workspace.articles.get(article_id)
    if article.kind.value != "article":
        return ProposalRun(article_id)
    extraction = extract(
        article.text, agency=article.agency or article.publisher, title=article.title, steps=steps
    )
    return workspace.claims.propose(article_id, extraction)
