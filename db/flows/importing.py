"""Importing files into a workspace: the one path the CLI and the GUI worker both take.

Each stored item is its own transaction, so a crash or a cancel keeps every item stored before
it; a bad file is reported and skipped while the rest import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from db.stores.articles import AddResult, AddStatus
from workbench.text.importers import ANNOTATION_SUFFIXES, ImportProblem, iter_files, read_file

if TYPE_CHECKING:
    from db.workspace import Workspace

# Importers for file types that are not articles or statements (e.g. W3C annotation exports):
# suffix -> fn(workspace, path) -> list[AddResult]. Registered by the modules that own the format.
SPECIAL_IMPORTERS: dict[str, Callable[[Workspace, Path], list[AddResult]]] = {}

Progress = Callable[[int, int, str], None]  # (files done, files total, current file)


@dataclass
class ImportReport:
    added: list[AddResult] = field(default_factory=list)
    duplicates: list[AddResult] = field(default_factory=list)
    updated: list[AddResult] = field(default_factory=list)
    failed: list[ImportProblem] = field(default_factory=list)
    files: int = 0
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self, paths: int | None = None) -> str:
        """ "3 added, 1 duplicate, 1 failed (from 5 files)"; with `paths`, counted as paths given
        and found (a missing path is one too)."""
        parts = [f"{len(self.added)} added", f"{len(self.duplicates)} duplicate"]
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        parts.append(f"{len(self.failed)} failed")
        count, noun = (self.files, "file") if paths is None else (paths, "path")
        text = ", ".join(parts) + f" (from {count} {noun}{'s' if count != 1 else ''})"
        return text + (" — cancelled" if self.cancelled else "")

    def record(self, result: AddResult) -> None:
        {AddStatus.ADDED: self.added, AddStatus.DUPLICATE: self.duplicates, AddStatus.UPDATED: self.updated}[
            result.status
        ].append(result)


def import_paths(
    workspace: Workspace,
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    propose: bool = False,
) -> ImportReport:
    """Import files and folders; see the module docstring. `propose` runs claim extraction on new articles."""
    report = ImportReport()
    found = list(iter_files(paths))
    files = [f for f in found if isinstance(f, Path)]
    report.failed.extend(f for f in found if isinstance(f, ImportProblem))
    report.files = len(files)
    for done, path in enumerate(files):
        if cancelled():
            report.cancelled = True
            break
        if progress:
            progress(done, len(files), str(path))
        if workspace.is_own_file(path):
            # Never read it: closing our descriptor of it would drop this process's SQLite locks.
            report.failed.append(ImportProblem(path, "is this workspace's own file; it was not read"))
            continue
        try:
            for result in _import_file(workspace, path):
                report.record(result)
                if propose and result.status is not AddStatus.DUPLICATE:
                    propose_claims(workspace, result.article_id)
        except ImportProblem as problem:
            report.failed.append(problem)
        except sqlite3.DatabaseError as exc:
            from db.workspace import translate_error

            raise translate_error(exc, workspace) from exc
        except (MemoryError, RecursionError, ValueError, LookupError, TypeError, AttributeError) as exc:
            # A file that trips an unexpected error is reported like any bad file: the item being
            # stored was rolled back with its transaction, and the files beside it still import.
            report.failed.append(ImportProblem(path, f"cannot be imported ({exc.__class__.__name__}: {exc})"))
    new = [r.article_id for r in (*report.added, *report.updated)]
    if new:
        from db.stores.matches import match_new_articles

        match_new_articles(workspace, new)  # stored claims learn at once what the new texts say
    if progress and not report.cancelled:
        progress(len(files), len(files), "")
    return report


def _import_file(workspace: Workspace, path: Path) -> list[AddResult]:
    special = SPECIAL_IMPORTERS.get(path.suffix.lower())
    if special is not None:
        return special(workspace, path)
    if path.suffix.lower() in ANNOTATION_SUFFIXES:
        raise ImportProblem(path, "JSON annotation import is not available")
    return [workspace.articles.add(item) for item in read_file(path)]


def propose_claims(workspace: Workspace, article_id: int) -> int:
    """Run the extraction engine on a stored article and store its proposals. Returns how many."""
    from workbench.extraction.engine import extract

    article = workspace.articles.get(article_id)
    if article.kind.value != "article":
        return 0
    extraction = extract(article.text, agency=article.agency or article.publisher, title=article.title)
    return len(workspace.claims.store_proposals(article_id, extraction))
