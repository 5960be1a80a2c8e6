"""Reading importable files into `ImportItem`s: articles (.txt .md .html) and statement archives.

`iter_files` walks the paths a person gave (folders recursively, symlink loops and hidden files
skipped); `read_file` turns one file into items or raises an `ImportProblem` whose message says
what is wrong in one line. Nothing here touches the database.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.model import ArticleMeta, ImportItem, ItemKind
from workbench.text.dates import iso_date
from workbench.text.decoding import (
    BinaryContent,
    TextError,
    decode_bytes,
    normalise_newlines,
    parse_markdown,
    parse_plain_text,
)
from workbench.text.html import parse_html
from workbench.text.rows import TEXT_FIELDS, csv_rows, jsonl_rows
from workbench.text.urls import statement_url

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
STATEMENT_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".tsv"}
ANNOTATION_SUFFIXES = {".json", ".jsonld"}
SUPPORTED_SUFFIXES = ARTICLE_SUFFIXES | STATEMENT_SUFFIXES | ANNOTATION_SUFFIXES

MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # no news article is this long; a bigger file is a mistake
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024

# Column names accepted for each field of a statement row, first match wins (text: rows.TEXT_FIELDS).
FIELD_ALIASES = {
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url", "claim_url"),
    "date": ("date", "published", "date_published", "datepublished", "claim_date"),
    "publisher": ("publisher", "source", "outlet", "author", "speaker", "claimant"),
    "verdict": ("verdict", "rating", "label", "truth_rating", "textualrating"),
    "external_id": ("id", "claim_id", "vclaim_id", "identifier"),
}


class ImportProblem(Exception):
    """A file that cannot be imported; str() is a one-line message naming the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        # One line whatever the file holds: a CSV header or a file name may contain line breaks.
        reason = " ".join(reason.split())
        shown = str(path).replace("\n", "\\n").replace("\r", "\\r")
        super().__init__(f"{shown}: {reason}")
        self.path = str(path)
        self.reason = reason


class UnsupportedFile(ImportProblem):
    pass


class UnreadableFile(ImportProblem):
    pass


class BadContent(ImportProblem):
    pass


class RowProblem(BadContent):
    """One row of an archive (or one annotation) that cannot be imported; the others can."""

    def __init__(self, path: Path | str, row: int, reason: str, noun: str = "row") -> None:
        super().__init__(path, reason)
        self.row = row
        self.noun = noun  # what `row` counts: "row" (a CSV row or a JSONL line) or "annotation"


@dataclass(frozen=True, slots=True)
class FileItems:
    """What `read_items` found in one file: its items, and the rows left out with their reasons."""

    items: tuple[ImportItem, ...]
    skipped: tuple[RowProblem, ...] = ()


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | ImportProblem]:
    """Every importable file under `paths`, in a stable order; problems are yielded, not raised.

    Folders are walked recursively; hidden files and folders are skipped, and each real folder is
    visited once, so a symlink loop ends. A path given by name is always tried, whatever its suffix.
    """
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            yield UnreadableFile(path, "no such file or folder")
        elif path.is_dir():
            yield from _walk(path, seen)
        elif path.is_symlink() and not path.exists():
            yield UnreadableFile(path, "a broken or looping symbolic link")
        else:
            yield path


def _walk(root: Path, seen: set[str]) -> Iterator[Path | ImportProblem]:
    try:
        real = os.path.realpath(root)
    except OSError as exc:
        yield UnreadableFile(root, _os_reason(exc))
        return
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield UnreadableFile(root, _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen)
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            if entry.is_symlink() and not path.exists():
                yield UnreadableFile(path, "a broken or looping symbolic link")
            else:
                yield path


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied (cannot read it)"
    if exc.errno == 40:  # ELOOP
        return "a looping symbolic link"
    return exc.strerror or str(exc)


def read_file(path: Path) -> list[ImportItem]:
    """The items stored in one file, all or nothing (`read_items` keeps the good rows of an archive).

    Raises:
        ImportProblem: the file cannot be read, is empty, binary, too large, or malformed, or
            one of its rows is bad (the first such row).
    """
    contents = read_items(path)
    if contents.skipped:
        raise contents.skipped[0]
    return list(contents.items)


def read_items(path: Path) -> FileItems:
    """The items stored in one file, and each row of an archive that could not be read.

    Raises:
        ImportProblem: the file cannot be read, is empty, binary, too large, or malformed, or no
            row of it can be read (the first bad row's reason).
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFile(
            path,
            f"unsupported file type '{suffix or 'no suffix'}' "
            f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})",
        )
    limit = MAX_ARCHIVE_BYTES if suffix in STATEMENT_SUFFIXES else MAX_ARTICLE_BYTES
    data = _read_bytes(path, limit)
    if not data.strip():
        raise BadContent(path, "the file is empty")
    try:
        decoded = decode_bytes(data)
    except BinaryContent as exc:
        raise BadContent(path, str(exc)) from exc
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise BadContent(path, "the file holds only white space")
    try:
        if suffix in STATEMENT_SUFFIXES:
            read = list(_read_statements(path, text, decoded.encoding))
            items = tuple(x for x in read if isinstance(x, ImportItem))
            skipped = tuple(x for x in read if isinstance(x, RowProblem))
            if not items and skipped:
                more = f" (and {len(skipped) - 1} more bad rows)" if len(skipped) > 1 else ""
                raise BadContent(path, skipped[0].reason + more)
            if decoded.unsure:
                items = tuple(replace(i, encoding_note=decoded.unsure) for i in items)
            if not items:
                raise BadContent(path, "no rows to import (only a header or blank lines)")
            return FileItems(items, skipped)
        if suffix in ANNOTATION_SUFFIXES:
            raise UnsupportedFile(
                path, "JSON files are imported as annotations (see `workbench import --help`)"
            )
        return FileItems(
            (replace(_read_article(path, text, decoded.encoding), encoding_note=decoded.unsure),)
        )
    except TextError as exc:
        raise BadContent(path, str(exc)) from exc


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Reading a pipe or a device could block forever or never end.
            raise UnreadableFile(path, "not a regular file (a pipe, socket or device)")
        size = info.st_size
        if size > limit:
            raise BadContent(
                path, f"too large to be an article ({size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)"
            )
        with path.open("rb") as f:
            return f.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(path, _os_reason(exc)) from exc


def _read_article(path: Path, text: str, encoding: str) -> ImportItem:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        body, meta = parse_html(text)
    elif suffix in (".md", ".markdown"):
        body, meta = parse_markdown(text)
    else:
        body, meta = parse_plain_text(text)
    if not body.strip():
        raise BadContent(path, "no article text found in it")
    return ImportItem(
        text=body,
        meta=with_iso_date(meta),
        kind=ItemKind.ARTICLE,
        origin_path=clean_text(str(path)),
        encoding=encoding,
    )


def _read_statements(path: Path, text: str, encoding: str) -> Iterator[ImportItem | RowProblem]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        rows = jsonl_rows(text)
    else:
        rows = csv_rows(text, "\t" if suffix == ".tsv" else ",")
    for number, row in rows:
        if isinstance(row, str):
            yield RowProblem(path, number, row)
            continue
        try:
            yield _statement(path, number, row, encoding)
        except RowProblem as problem:
            yield problem


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Lone surrogates (from JSON escapes such as "\\ud800", or undecodable file names) become U+FFFD.

    SQLite stores UTF-8, which cannot hold them: left in, they would fail the whole import.
    """
    return _SURROGATE.sub("\ufffd", value)


def _field(row: dict, names: tuple[str, ...]) -> str:
    lowered = {str(k).lower(): v for k, v in row.items()}
    for name in names:
        value = lowered.get(name)
        if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
            return clean_text(str(value).strip())
    return ""


def _statement(path: Path, number: int, row: dict, encoding: str) -> ImportItem:
    text = normalise_newlines(_field(row, TEXT_FIELDS))
    if not text:
        raise RowProblem(path, number, f"row {number} has no text")
    meta = ArticleMeta(**{name: _field(row, aliases) for name, aliases in FIELD_ALIASES.items()})
    meta = replace(meta, url=statement_url(meta.url))  # never javascript:, data:, file:
    if not meta.title:
        meta = replace(meta, title=short_title(text))
    return ImportItem(
        text=text,
        meta=with_iso_date(meta),
        kind=ItemKind.STATEMENT,
        origin_path=clean_text(f"{path}#{number}"),
        encoding=encoding,
    )


def with_iso_date(meta: ArticleMeta) -> ArticleMeta:
    """The date as ISO 8601 ("Tue, 05 Mar 2024 10:00:00 GMT" -> "2024-03-05T10:00:00+00:00"); a date
    that cannot be read for certain is kept as written (nothing is lost; the exports leave it out)."""
    iso = iso_date(meta.date)
    return replace(meta, date=iso) if iso and iso != meta.date else meta


def short_title(text: str, limit: int = 80) -> str:
    """The title a statement stored without one is given: its text's first words. It says nothing
    its text does not, so it is never searched as a title (db/stores/articles.py)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
